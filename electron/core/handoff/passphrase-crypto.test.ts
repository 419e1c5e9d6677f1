import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decryptWithPassphrase, encryptWithPassphrase } from './passphrase-crypto';

// A stand-in worker thread that misbehaves in the way each test chooses.
type Behaviour = 'crash' | 'exit' | 'nonsense';
const fake = vi.hoisted(() => {
  const state: { behaviour: Behaviour; terminated: number } = { behaviour: 'crash', terminated: 0 };
  return state;
});

vi.mock('node:worker_threads', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWorker extends Emitter {
    postMessage(): void {
      setTimeout(() => {
        if (fake.behaviour === 'crash') this.emit('error', new Error('out of memory'));
        else if (fake.behaviour === 'exit') this.emit('exit', 1);
        else this.emit('message', { ok: 'maybe' });
      }, 5);
    }
    terminate(): Promise<number> {
      fake.terminated += 1;
      return Promise.resolve(1);
    }
  }
  return { Worker: FakeWorker };
});

beforeEach(() => {
  fake.terminated = 0;
});

describe('the passphrase worker', () => {
  it.each(['crash', 'exit', 'nonsense'] as const)(
    'reports a worker that fails (%s) as an error, and stops it',
    async (behaviour) => {
      fake.behaviour = behaviour;
      const data = new TextEncoder().encode('plaintext');
      await expect(encryptWithPassphrase(data, 'a passphrase')).rejects.toMatchObject({
        reason: 'worker-failed',
        message: 'Keyward could not run the passphrase encryption.',
      });
      await expect(decryptWithPassphrase(data, 'a passphrase')).rejects.toMatchObject({
        reason: 'worker-failed',
      });
      expect(fake.terminated).toBe(2);
    },
  );
});
