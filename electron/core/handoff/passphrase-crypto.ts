import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HandoffError } from './handoff-error';
import type { PassphraseAnswer, PassphraseJob } from './passphrase-protocol';

/**
 * Under vitest and tsx this module runs from source, and the worker must too. Node 20 ignores
 * `--import` in a worker's execArgv, so a two-line bootstrap registers tsx's loader inside the
 * worker before importing the TypeScript entry.
 */
const sourceBootstrap = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * The built app emits the worker as \`passphrase-worker.js\` beside the main bundle, and this module
 * lands either in that bundle or in a chunk one folder below it; from source,
 * \`passphrase-worker.ts\` sits beside this file. File names are passed as variables so that no
 * bundler tries to rewrite them.
 */
function startWorker(): Worker {
  const built = 'passphrase-worker.js';
  const source = 'passphrase-worker.ts';
  for (const candidate of [built, `../${built}`]) {
    const builtFile = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(builtFile)) return new Worker(builtFile);
  }
  const sourceUrl = new URL(source, import.meta.url);
  if (existsSync(sourceUrl)) {
    const tsx = 'tsx/esm/api';
    return new Worker(sourceBootstrap, {
      eval: true,
      workerData: { tsx: import.meta.resolve(tsx), entry: sourceUrl.href },
    });
  }
  throw new HandoffError('worker-failed', undefined, {
    cause: new Error(`${built} is missing beside ${fileURLToPath(import.meta.url)}`),
  });
}

function isAnswer(value: unknown): value is PassphraseAnswer {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value && value.data instanceof Uint8Array;
  if (!('failure' in value)) return false;
  if (value.failure === 'weak') {
    return (
      'message' in value &&
      typeof value.message === 'string' &&
      'hint' in value &&
      typeof value.hint === 'string'
    );
  }
  return value.failure === 'no-match' || value.failure === 'rejected';
}

/**
 * Runs one scrypt job in a fresh worker thread and terminates it afterwards, so the 256 MiB scrypt
 * needs are returned at once and no passphrase outlives the job in another thread.
 */
async function runJob(op: PassphraseJob['op'], passphrase: string, data: Uint8Array) {
  // A private copy: transferring the caller's buffer would empty their array, or a whole Buffer pool.
  const copy = data.slice();
  const worker = startWorker();
  try {
    return await new Promise<PassphraseAnswer>((resolve, reject) => {
      const fail = (cause: unknown): void => {
        reject(new HandoffError('worker-failed', undefined, { cause }));
      };
      worker.once('message', (answer: unknown) => {
        if (isAnswer(answer)) resolve(answer);
        else fail(new Error('unexpected answer from passphrase worker'));
      });
      worker.once('error', fail);
      worker.once('messageerror', fail);
      worker.once('exit', (code) => {
        fail(new Error(`passphrase worker exited with code ${code} before answering`));
      });
      const job: PassphraseJob = { op, passphrase, data: copy };
      worker.postMessage(job, [copy.buffer]);
    });
  } finally {
    await worker.terminate();
  }
}

/**
 * Encrypts with a passphrase (scrypt, age's default work factor) into a binary age file. The
 * worker first runs the strength check, and refuses a weak passphrase in its words.
 */
export async function encryptWithPassphrase(
  plaintext: Uint8Array,
  passphrase: string,
): Promise<Uint8Array> {
  const answer = await runJob('encrypt', passphrase, plaintext);
  if (answer.ok) return answer.data;
  if (answer.failure === 'weak') {
    throw new HandoffError('weak-passphrase', { message: answer.message, hint: answer.hint });
  }
  throw new HandoffError('worker-failed');
}

/** Decrypts a binary age passphrase file, or says why not. */
export function decryptWithPassphrase(
  file: Uint8Array,
  passphrase: string,
): Promise<PassphraseAnswer> {
  return runJob('decrypt', passphrase, file);
}
