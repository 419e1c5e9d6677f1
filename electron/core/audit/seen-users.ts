import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';
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
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'audit-seen-users.json');
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
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileAtomic(this.#file, `${JSON.stringify(next)}\n`);
  }

  async #read(): Promise<SeenFile> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return { version: 1, accounts: {} };
    }
    try {
      return fileSchema.parse(JSON.parse(text));
    } catch {
      // Losing this only means the next audit flags nobody as new: say so, do not fail the audit.
      log('audit', 'audit-seen-users.json is damaged; starting a new list of users');
      return { version: 1, accounts: {} };
    }
  }
}
