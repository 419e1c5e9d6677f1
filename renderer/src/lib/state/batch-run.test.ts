import { describe, expect, it, vi } from 'vitest';
import type { BatchProgress, BatchRequest, BatchResult } from '../../../../electron/common/batch';
import type { PublishedCode } from '../../../../electron/common/code-directory';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { onFakeClock } from '../../../../testing/renderer/fake-clock';
import { Announcer } from './announcer.svelte';
import { BatchRun, namesIn } from './batch-run.svelte';
import { ClipboardTimer } from './clipboard-timer.svelte';

const aliceCode: PublishedCode = {
  code: 'age1alice',
  fingerprint: ['apple', 'banana', 'cherry', 'dog'],
  changedSinceLastUse: false,
  lastUsedCode: null,
};

function batchRun(methods: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi({
    directory: {
      lookup: ({ userName }) => Promise.resolve(ok(userName === 'alice' ? aliceCode : null)),
    },
    ...methods,
  });
  const announcer = new Announcer();
  const run = new BatchRun(api, announcer, new ClipboardTimer(announcer));
  return { run, calls, announcer };
}

describe('creating keys for a list of people', () => {
  onFakeClock();

  it('reads pasted names one a line or comma separated', () => {
    expect(namesIn('alice, bob\n\n carol ;dave\r\n')).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('keeps a comma with no space in the name, since IAM user names may contain commas', () => {
    expect(namesIn('ops,bot')).toEqual(['ops,bot']);
    expect(namesIn('alice, ops,bot,\nbob,carol; dave')).toEqual([
      'alice',
      'ops,bot',
      'bob,carol',
      'dave',
    ]);
    // A row copied from a spreadsheet comes tab-separated; a list ending in a comma is common.
    expect(namesIn('alice\tops,bot\tbob,')).toEqual(['alice', 'ops,bot', 'bob']);
    expect(namesIn('alice ,bob , carol')).toEqual(['alice', 'bob', 'carol']);
  });

  it('adds a pasted name with a comma as one person', () => {
    const { run } = batchRun({});
    run.addPasted('ops,bot');
    expect(run.entries.map((entry) => entry.userName)).toEqual(['ops,bot']);
    expect(run.notAdded).toEqual([]);
  });

  it('looks up each person’s published code; without one, asks for a code', async () => {
    const { run } = batchRun({});
    run.addPasted('alice\nbob\nnot a name\nalice');
    expect(run.notAdded).toEqual([
      '“not a name” is not an IAM user name.',
      'alice is already in the list.',
    ]);
    await vi.advanceTimersByTimeAsync(0);
    const [alice, bob] = run.entries;
    expect(alice).toMatchObject({ choice: 'published', published: { kind: 'found' } });
    expect(bob).toMatchObject({ choice: 'code', published: { kind: 'none' } });
    expect(run.incomplete.map((entry) => entry.userName)).toEqual(['bob']);
    expect(run.ready).toBe(false);
  });

  it('sends each person’s lock, shows progress while it runs, then the results', async () => {
    const finished = later<BatchResult>();
    const progress: BatchProgress = { finished: 1, total: 3 };
    const { run, calls, announcer } = batchRun({
      batch: {
        chooseFolder: () => Promise.resolve(ok({ path: '/tmp/keys' })),
        run: () => finished.promise,
        progress: () => Promise.resolve(ok(progress)),
      },
    });
    const said = vi.spyOn(announcer, 'say');
    run.start(['alice', 'bob', 'carol']);
    await vi.advanceTimersByTimeAsync(0);
    run.paste('bob', ' age1bob ');
    run.choose('carol', 'passphrase');
    await run.chooseFolder();
    expect(run.ready).toBe(true);

    const running = run.run();
    await vi.advanceTimersByTimeAsync(400);
    expect(run.progress).toEqual(progress);
    const request = calls.find((call) => call.method === 'batch.run')?.input as BatchRequest;
    expect(request).toEqual({
      outDir: '/tmp/keys',
      people: [
        { userName: 'alice', lock: { kind: 'code', code: 'age1alice' }, description: null },
        { userName: 'bob', lock: { kind: 'code', code: 'age1bob' }, description: null },
        { userName: 'carol', lock: { kind: 'passphrase' }, description: null },
      ],
    });
    finished.answer({
      outDir: '/tmp/keys',
      people: [
        {
          userName: 'alice',
          status: 'done',
          file: '/tmp/keys/alice.keyward',
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          passphrase: null,
          earlier: false,
        },
        {
          userName: 'bob',
          status: 'refused',
          reason: 'bob already has two access keys, the most AWS allows.',
          hint: 'Deactivate or delete the key that is no longer used.',
          accessKeyId: null,
        },
        {
          userName: 'carol',
          status: 'done',
          file: '/tmp/keys/carol.keyward',
          accessKeyId: 'AKIAIOSFODNN7EXAMPL2',
          passphrase: 'correct horse battery staple',
          earlier: false,
        },
      ],
    });
    await vi.advanceTimersByTimeAsync(400);
    await running;
    expect(run.progress).toBeNull();
    expect(run.result?.people.map((person) => person.status)).toEqual(['done', 'refused', 'done']);
    expect(said).toHaveBeenLastCalledWith(
      '2 key files written; 1 person got none. The table says why.',
    );
  });

  it('shows main’s refusal of the whole list, and nothing else changes', async () => {
    const { run } = batchRun({
      batch: {
        chooseFolder: () => Promise.resolve(ok({ path: '/tmp/keys' })),
        run: () =>
          refused('invalid-input', 'alice: Receiving code 1 is not a valid receiving code.'),
        progress: () => Promise.resolve(ok(null)),
      },
    });
    run.start(['alice']);
    await vi.advanceTimersByTimeAsync(0);
    await run.chooseFolder();
    const running = run.run();
    await vi.advanceTimersByTimeAsync(400);
    await running;
    expect(run.creating.error?.message).toMatch(/alice: Receiving code 1/);
    expect(run.result).toBeNull();
    expect(run.entries).toHaveLength(1);
  });

  it('signing out while a batch runs keeps it: the passphrases of the files it wrote still appear', async () => {
    const finished = later<BatchResult>();
    const { run } = batchRun({
      batch: {
        chooseFolder: () => Promise.resolve(ok({ path: '/tmp/keys' })),
        run: () => finished.promise,
        progress: () => Promise.resolve(ok({ finished: 0, total: 1 })),
      },
    });
    run.start(['carol']);
    await vi.advanceTimersByTimeAsync(0);
    run.choose('carol', 'passphrase');
    await run.chooseFolder();
    const running = run.run();
    run.forget();
    finished.answer({
      outDir: '/tmp/keys',
      people: [
        {
          userName: 'carol',
          status: 'done',
          file: '/tmp/keys/carol.keyward',
          accessKeyId: 'AKIAIOSFODNN7EXAMPL2',
          passphrase: 'correct horse battery staple',
          earlier: false,
        },
      ],
    });
    await vi.advanceTimersByTimeAsync(400);
    await running;
    expect(run.creating.value?.people[0]).toMatchObject({
      passphrase: 'correct horse battery staple',
    });
    // Once it has ended, signing out forgets it as usual.
    run.forget();
    expect(run.creating.value).toBeNull();
  });
});
