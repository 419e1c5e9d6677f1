// Worker thread entry: runs age's scrypt passphrase encryption off the main event loop, where its
// second of CPU and 256 MiB would otherwise freeze the window. Started by passphrase-crypto.ts.
import { parentPort } from 'node:worker_threads';
import { Decrypter, Encrypter } from 'age-encryption';
import type { PassphraseAnswer, PassphraseJob } from './passphrase-protocol';
import { checkPassphraseStrength } from './passphrase-strength';
import { RecordingIdentity } from './recording-identity';

async function run(job: PassphraseJob): Promise<PassphraseAnswer> {
  if (job.op === 'encrypt') {
    // Keyward seals only with a passphrase that passes the strength check. It runs here rather
    // than on the main thread: zxcvbn takes most of a second to load and tens of milliseconds a
    // check, which would pause the window.
    const strength = checkPassphraseStrength(job.passphrase);
    if (!strength.ok) {
      return { ok: false, failure: 'weak', message: strength.message, hint: strength.hint };
    }
    const encrypter = new Encrypter();
    encrypter.setPassphrase(job.passphrase);
    return { ok: true, data: await encrypter.encrypt(job.data) };
  }
  // Asked only when the passphrase unwrapped nothing: "wrong passphrase", as opposed to a file
  // that then fails authentication.
  const fallback = new RecordingIdentity();
  const decrypter = new Decrypter();
  decrypter.addPassphrase(job.passphrase);
  decrypter.addIdentity(fallback);
  try {
    return { ok: true, data: await decrypter.decrypt(job.data) };
  } catch {
    return { ok: false, failure: fallback.asked ? 'no-match' : 'rejected' };
  }
}

const port = parentPort;
if (port === null) throw new Error('passphrase-worker must run as a worker thread');
port.once('message', (job: PassphraseJob) => {
  void run(job).then((answer) => {
    port.postMessage(answer, answer.ok ? [answer.data.buffer as ArrayBuffer] : []);
  });
});
