import { describe, expect, it } from 'vitest';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type {
  PlaintextImportResult,
  PlaintextProfile,
} from '../../../../electron/common/plaintext-import';
import type { Result } from '../../../../electron/common/result';
import { PlaintextImport } from './plaintext-import.svelte';

const legacy: PlaintextProfile = {
  profile: 'legacy',
  accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
  file: '/home/me/.aws/credentials',
  problem: null,
};
const temporary: PlaintextProfile = {
  profile: 'temporary',
  accessKeyId: null,
  file: '/home/me/.aws/credentials',
  problem: { message: 'It holds temporary credentials.', hint: 'Only long-term keys move.' },
};
const imported: PlaintextImportResult = {
  profile: {
    name: 'legacy',
    accessKeyId: legacy.accessKeyId ?? '',
    userName: 'bob',
    accountId: '123456789012',
    created: '2025-01-01T00:00:00Z',
    description: null,
    use: { mode: 'long-term', durationSeconds: 3600, mfaSerial: null },
  },
  arn: 'arn:aws:iam::123456789012:user/bob',
  configFile: '/home/me/.aws/config',
  removedFrom: '/home/me/.aws/credentials',
  backups: ['/home/me/.aws/credentials.keyward-backup'],
};

/** A bridge answering only what the import asks, recording what it was asked to move. */
function fakeApi(listed: Result<PlaintextProfile[]>, answer: Result<PlaintextImportResult>) {
  const moved: string[] = [];
  const api = {
    profiles: {
      importable: () => Promise.resolve(listed),
      importPlaintext: ({ profile }: { profile: string }) => {
        moved.push(profile);
        return Promise.resolve(answer);
      },
    },
  } as unknown as KeywardApi;
  return { api, moved };
}

describe('moving a plaintext key from the AWS files', () => {
  it('lists the profiles, chooses the first one that can move, and moves the chosen one', async () => {
    const { api, moved } = fakeApi(
      { ok: true, value: [temporary, legacy] },
      { ok: true, value: imported },
    );
    const done: PlaintextImportResult[] = [];
    const flow = new PlaintextImport(api, (result) => {
      done.push(result);
      return Promise.resolve();
    });
    await flow.load();
    expect(flow.found).toEqual([temporary, legacy]);
    expect(flow.chosen).toBe('legacy');
    expect(flow.choice).toEqual(legacy);

    await flow.move();
    expect(moved).toEqual(['legacy']);
    expect(flow.moving.value).toEqual(imported);
    expect(done).toEqual([imported]);
  });

  it('moves nothing when no profile can move, and says why a move failed', async () => {
    const refused = {
      code: 'conflict',
      message: 'Already kept as “x”.',
      hint: 'Use “x”.',
    } as const;
    const { api, moved } = fakeApi({ ok: true, value: [temporary] }, { ok: false, error: refused });
    const flow = new PlaintextImport(api, () => Promise.resolve());
    await flow.load();
    expect(flow.chosen).toBeNull();
    await flow.move();
    expect(moved).toEqual([]);

    flow.chosen = 'temporary';
    await flow.move();
    // A profile with a problem is never sent: its problem is already on screen.
    expect(moved).toEqual([]);

    const { api: other } = fakeApi({ ok: true, value: [legacy] }, { ok: false, error: refused });
    const failing = new PlaintextImport(other, () => Promise.resolve());
    await failing.load();
    await failing.move();
    expect(failing.moving.error).toEqual(refused);
    expect(failing.moving.value).toBeNull();
  });

  it('starts afresh each time it is opened', async () => {
    const { api } = fakeApi({ ok: true, value: [legacy] }, { ok: true, value: imported });
    const flow = new PlaintextImport(api, () => Promise.resolve());
    await flow.load();
    await flow.move();
    await flow.load();
    expect(flow.moving.value).toBeNull();
    expect(flow.chosen).toBe('legacy');
  });
});
