// A Keyward process that creates a key and then stalls before securing it, so a test can kill it
// with SIGKILL at exactly that point (a crash or power loss between create and store).
import { TestPlatform } from '../test-platform';
import { createCore } from '../../electron/core/compose';
import { KeytarStore } from '../../electron/core/vault/keytar-store';

const [dataDir = '', service = '', endpoint = '', userName = ''] = process.argv.slice(2);
const platform = new TestPlatform(dataDir);
const core = createCore(platform, new KeytarStore({ os: platform.os, service }));
await core.settings.update({ endpoint });
await core.session.signIn({ kind: 'stored-key', profile: 'admin' });
const created = await core.newKeys.create(userName, null);
process.stdout.write(`created ${created.accessKeyId}\n`);
setInterval(() => undefined, 60_000);
