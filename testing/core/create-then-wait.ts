// A Keyward process that creates a key and then stalls before securing it, so a test can kill it
// with SIGKILL at exactly that point (a crash or power loss between create and store).
import { TestPlatform } from '../test-platform';
import { Keyward } from '../../electron/core/keyward';
import { KeytarStore } from '../../electron/core/vault/keytar-store';

const [dataDir = '', service = '', endpoint = '', userName = ''] = process.argv.slice(2);
const platform = new TestPlatform(dataDir);
const keyward = new Keyward(platform, new KeytarStore({ os: platform.os, service }));
await keyward.settings.update({ endpoint });
await keyward.signIn({ kind: 'stored-key', profile: 'admin' });
const created = await keyward.createKey(userName, null);
process.stdout.write(`created ${created.accessKeyId}\n`);
setInterval(() => undefined, 60_000);
