import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../files/data-file';

/**
 * The receiving code this admin last sealed a key to, per person, so a later look-up can say
 * the person's published code changed (a new computer, or someone else's code put on their user).
 * Codes are public keys, not secrets; the file is still private, like every data file.
 */
const usedCodesSchema = z.object({
  version: z.literal(1),
  /** By `ACCOUNT/USER` (the account is empty when it was not known). */
  used: z.record(z.string(), z.object({ code: z.string(), at: z.string() })),
});

type UsedCodesDocument = z.infer<typeof usedCodesSchema>;

const about = {
  what: 'Keyward’s record of the receiving codes you sealed keys to',
  whatToDo:
    'Close Keyward and delete the file; Keyward then only cannot tell whether a colleague’s code changed since you last used it.',
};

export class UsedCodes {
  readonly #file: JsonFile<UsedCodesDocument>;
  /** One change at a time, so two keys sealed at once both stay recorded. */
  #writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.#file = new JsonFile(
      path.join(dataDir, 'receiving-codes-used.json'),
      usedCodesSchema,
      about,
    );
  }

  async lastUsed(accountId: string, userName: string): Promise<string | null> {
    const used = await this.#file.read();
    return used?.used[entryKey(accountId, userName)]?.code ?? null;
  }

  remember(accountId: string, userName: string, code: string): Promise<void> {
    const next = this.#writing.then(async () => {
      const used = (await this.#file.read()) ?? { version: 1, used: {} };
      used.used[entryKey(accountId, userName)] = { code, at: new Date().toISOString() };
      await this.#file.write(used);
    });
    // A failed write must not block the next one; its caller still hears about it.
    this.#writing = next.catch(() => undefined);
    return next;
  }
}

function entryKey(accountId: string, userName: string): string {
  return `${accountId}/${userName}`;
}
