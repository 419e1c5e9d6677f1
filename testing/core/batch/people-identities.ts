import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';

export interface PersonIdentity {
  /** Their receiving code (age1…), as Keyward shows it on their computer. */
  code: string;
  /** Their secret identity in a private file, for `age -d -i`. */
  identityFile: string;
}

/** A colleague's own age identity (what their Keyward keeps), written where `age -i` reads it. */
export async function personIdentity(folder: string, userName: string): Promise<PersonIdentity> {
  const identity = await generateX25519Identity();
  const identityFile = path.join(folder, `${userName}.identity.txt`);
  await writeFile(identityFile, `${identity}\n`, { mode: 0o600 });
  return { code: await identityToRecipient(identity), identityFile };
}
