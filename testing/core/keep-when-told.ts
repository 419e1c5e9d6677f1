// A Keyward process (the window, or the command line) that creates a key, says "ready", and keeps
// it under a name when told to (a line on stdin): two of these told at once race for one name.
// It answers with one JSON line: what keeping did, and the new keys it still holds.
import { createInterface } from 'node:readline';
import { TestPlatform } from '../test-platform';
import { createCore } from '../../electron/core/compose';
import { AppError } from '../../electron/core/errors';
import { KeytarStore } from '../../electron/core/vault/keytar-store';

const [dataDir = '', service = '', userName = '', profileName = ''] = process.argv.slice(2);
const platform = new TestPlatform(dataDir);
const core = createCore(platform, new KeytarStore({ os: platform.os, service }));
await core.session.signIn({ kind: 'stored-key', profile: 'admin' });
const created = await core.newKeys.create(userName, null);
process.stdout.write(`ready ${created.accessKeyId}\n`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'go') continue;
  let outcome: { kept: true } | { kept: false; code: string; message: string; hint: string };
  try {
    await core.newKeys.keep(created.handle, profileName);
    outcome = { kept: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    outcome = { kept: false, code: error.code, message: error.message, hint: error.hint };
  }
  process.stdout.write(`${JSON.stringify({ ...outcome, held: core.newKeys.held() })}\n`);
  break;
}
process.exit(0);
