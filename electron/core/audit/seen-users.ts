import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../files/data-file';
import { log } from '../log';

const fileSchema = z.object({
  version: z.literal(1),
  accounts: z.record(
    z.string(),
    z.object({ auditedAt: z.string(), userNames: z.array(z.string()) }),
  ),
});
type SeenFile = z.infer<typeof fileSchema>;

/**
 * The user names each account's previous audit saw, so the next one can point out people with
 * keys Keyward has never seen. Names only (lower-cased, as IAM compares them): no keys, no secrets.
 */
export class SeenUsers {
  readonly #file: JsonFile<SeenFile>;

  constructor(dataDir: string) {
    this.#file = new JsonFile(path.join(dataDir, 'audit-seen-users.json'), fileSchema, {
      what: 'Keyward’s list of the users earlier audits saw',
      whatToDo: 'Nothing to do: the next audit starts a new list.',
    });
  }

  /** The names the last audit of `accountId` saw, or null if it was never audited here. */
  async previous(accountId: string): Promise<Set<string> | null> {
    const entry = (await this.#read()).accounts[accountId];
    return entry ? new Set(entry.userNames) : null;
  }

  async remember(accountId: string, userNames: Iterable<string>): Promise<void> {
    const current = await this.#read();
    const next: SeenFile = {
      version: 1,
      accounts: {
        ...current.accounts,
        [accountId]: {
          auditedAt: new Date().toISOString(),
          userNames: [...new Set([...userNames].map((name) => name.toLowerCase()))].sort(),
        },
      },
    };
    await this.#file.write(next);
  }

  async #read(): Promise<SeenFile> {
    const empty: SeenFile = { version: 1, accounts: {} };
    const stored = await this.#file.read({
      ifDamaged: (error) => {
        // Losing this only means the next audit flags nobody as new: say so, do not fail the audit.
        log('audit', `${error.message} Starting a new list of users.`);
        return empty;
      },
    });
    return stored ?? empty;
  }
}
