import { mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchOutcome, BatchProgress } from '../../common/batch';
import { createCore } from '../compose';
import { receivingCodeTagKey } from '../directory/receiving-code-tag';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { testCoreOptions } from '../../../testing/core/keyward-fixture';
import { personIdentity } from '../../../testing/core/batch/people-identities';
import type { PersonIdentity } from '../../../testing/core/batch/people-identities';
import {
  ageDecryptWithIdentity,
  ageDecryptWithPassphrase,
} from '../../../testing/core/handoff/age-cli';
import { watchForLeaks } from '../../../testing/core/handoff/leak-watch';

const f = keywardForEachTest();
let folder = '';
let people: Record<'alice' | 'auditor' | 'bob', PersonIdentity>;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'keyward-batch-'));
  people = {
    alice: await personIdentity(folder, 'alice'),
    auditor: await personIdentity(folder, 'auditor'),
    bob: await personIdentity(folder, 'bob'),
  };
  await f.signInAs('admin');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const keyIdsOf = (user: string) => f.sandbox.state.keysOf(user).map((key) => key.accessKeyId);
const outcomeOf = (outcomes: BatchOutcome[], user: string) =>
  outcomes.find((outcome) => outcome.userName === user);

describe('creating keys for several people at once', () => {
  it('writes one sealed key file per person and reports each refusal with its reason', async () => {
    const leaks = watchForLeaks();
    const before = new Map(['alice', 'auditor', 'bob'].map((user) => [user, keyIdsOf(user)]));
    const progress: BatchProgress[] = [];
    const result = await f.core.batch.run(
      {
        outDir: folder,
        people: [
          { userName: 'alice', lock: { kind: 'code', code: people.alice.code }, description: null },
          { userName: 'auditor', lock: { kind: 'passphrase' }, description: 'Audit laptop' },
          { userName: 'bob', lock: { kind: 'code', code: people.bob.code }, description: null },
          { userName: 'ghost', lock: { kind: 'code', code: people.bob.code }, description: null },
        ],
      },
      { onProgress: (step) => progress.push(step) },
    );

    expect(result.people.map((outcome) => [outcome.userName, outcome.status])).toEqual([
      ['alice', 'done'],
      ['auditor', 'done'],
      ['bob', 'refused'],
      ['ghost', 'refused'],
    ]);
    expect(outcomeOf(result.people, 'bob')).toMatchObject({
      reason: expect.stringMatching(/bob already has two access keys/) as unknown,
      accessKeyId: null,
    });
    expect(outcomeOf(result.people, 'ghost')).toMatchObject({
      reason: expect.stringMatching(/ghost/) as unknown,
    });
    expect(progress.at(-1)).toEqual({ finished: 4, total: 4 });

    // Exactly one new key each for the two done, none for the refused.
    const newKey = (user: string) =>
      keyIdsOf(user).filter((id) => !(before.get(user) ?? []).includes(id));
    expect(newKey('alice')).toHaveLength(1);
    expect(newKey('auditor')).toHaveLength(1);
    expect(keyIdsOf('bob')).toEqual(before.get('bob'));

    // The reference age tool opens each file with that person's identity (or passphrase).
    const alice = outcomeOf(result.people, 'alice');
    if (alice?.status !== 'done') throw new Error('alice is not done');
    expect(alice.file).toBe(path.join(folder, 'alice.keyward'));
    expect((await stat(alice.file)).mode & 0o777).toBe(0o600);
    const aliceCsv = await ageDecryptWithIdentity(
      await readFile(alice.file, 'utf8'),
      people.alice.identityFile,
    );
    const aliceSecret =
      f.sandbox.state.accessKeys.get(newKey('alice')[0] ?? '')?.secretAccessKey ?? '';
    expect(aliceCsv).toContain(`${alice.accessKeyId},${aliceSecret},alice,`);

    const auditor = outcomeOf(result.people, 'auditor');
    if (auditor?.status !== 'done' || auditor.passphrase === null) throw new Error('no passphrase');
    const auditorCsv = await ageDecryptWithPassphrase(auditor.file, auditor.passphrase);
    expect(auditorCsv).toContain(`${auditor.accessKeyId},`);
    expect(auditorCsv).toContain('Audit laptop');

    // Neither a secret nor the passphrase is in a log line or any file written meanwhile (the key
    // files hold them encrypted; the data folder is under the temporary folder too).
    const secrets = [
      aliceSecret,
      f.sandbox.state.accessKeys.get(auditor.accessKeyId)?.secretAccessKey ?? '',
      auditor.passphrase,
    ];
    try {
      expect(await leaks.leaksOf(secrets)).toEqual([]);
    } finally {
      leaks.stop();
    }
    // Nothing is left held: every new secret went into its file.
    expect(f.core.newKeys.held()).toEqual([]);
    // A passphrase file costs seconds of scrypt, twice (sealing, then age opening it).
  }, 90_000);

  it('refuses a bad receiving code before creating anything, naming the person', async () => {
    const before = f.sandbox.state.accessKeys.size;
    await expect(
      f.core.batch.run({
        outDir: folder,
        people: [
          { userName: 'alice', lock: { kind: 'code', code: people.alice.code }, description: null },
          { userName: 'auditor', lock: { kind: 'code', code: 'age1nope' }, description: null },
        ],
      }),
    ).rejects.toThrow(/auditor: .*not a valid receiving code/);
    expect(f.sandbox.state.accessKeys.size).toBe(before);
  });

  it('uses the code a person published, and refuses someone who published none', async () => {
    const alice = f.sandbox.state.users.get('alice');
    alice?.tags.push({ Key: receivingCodeTagKey, Value: people.alice.code });
    const result = await f.core.batch.run({
      outDir: folder,
      people: [
        { userName: 'alice', lock: { kind: 'published' }, description: null },
        { userName: 'auditor', lock: { kind: 'published' }, description: null },
      ],
    });
    const [done, refused] = result.people;
    if (done?.status !== 'done') throw new Error('alice is not done');
    await ageDecryptWithIdentity(await readFile(done.file, 'utf8'), people.alice.identityFile);
    expect(refused).toMatchObject({
      status: 'refused',
      reason: 'No receiving code for auditor: they have not published one.',
    });
  });

  it('writes a file it could not write on the next run, and never makes a second key', async () => {
    const before = keyIdsOf('alice');
    const request = {
      outDir: folder,
      people: [
        {
          userName: 'alice',
          lock: { kind: 'code' as const, code: people.alice.code },
          description: null,
        },
      ],
    };
    // A dangling link takes the file's name without being a file: the key is made, the file is
    // refused (never written over), and the secret stays held.
    await symlink(path.join(folder, 'nowhere'), path.join(folder, 'alice.keyward'));
    const first = await f.core.batch.run(request);
    expect(first.people[0]).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/not overwritten/) as unknown,
    });
    expect(keyIdsOf('alice')).toHaveLength(before.length + 1);

    await rm(path.join(folder, 'alice.keyward'));
    const second = await f.core.batch.run(request);
    expect(second.people[0]).toMatchObject({ status: 'done', earlier: false });
    expect(keyIdsOf('alice')).toHaveLength(before.length + 1);
    await ageDecryptWithIdentity(
      await readFile(path.join(folder, 'alice.keyward'), 'utf8'),
      people.alice.identityFile,
    );

    // Run again: alice is done already, nothing new is created.
    const third = await f.core.batch.run(request);
    expect(third.people[0]).toMatchObject({ status: 'done', earlier: true });
    expect(keyIdsOf('alice')).toHaveLength(before.length + 1);
  });

  it('after a restart, reports a key whose file was never written instead of making another', async () => {
    const before = keyIdsOf('alice');
    await symlink(path.join(folder, 'nowhere'), path.join(folder, 'alice.keyward'));
    const request = {
      outDir: folder,
      people: [
        {
          userName: 'alice',
          lock: { kind: 'code' as const, code: people.alice.code },
          description: null,
        },
      ],
    };
    await f.core.batch.run(request);
    const [made] = keyIdsOf('alice').filter((id) => !before.includes(id));
    await rm(path.join(folder, 'alice.keyward'));

    // Another process on the same data folder: the secret held by the first is gone.
    const restarted = createCore(f.platform, f.store, testCoreOptions);
    try {
      await restarted.settings.update({ endpoint: f.sandbox.endpoint });
      await restarted.session.signIn({ kind: 'stored-key', profile: 'sandbox-admin' });
      const result = await restarted.batch.run(request);
      expect(result.people[0]).toMatchObject({
        status: 'refused',
        accessKeyId: made,
        reason: expect.stringMatching(
          new RegExp(
            `^A key was created for alice at \\d\\d:\\d\\d but its file was not written: deactivate it \\(${made ?? ''}\\)`,
          ),
        ) as unknown,
      });
      expect(keyIdsOf('alice')).toHaveLength(before.length + 1);
    } finally {
      await restarted.shutdown();
    }
  });
});
