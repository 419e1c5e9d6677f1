import { describe, expect, it, vi } from 'vitest';
import type {
  ClaimedKey,
  OpenedHandoffFile,
  UnlockedHandoff,
} from '../../../../electron/common/domain';
import type { ConsoleCsvKept, ConsoleCsvOpened } from '../../../../electron/common/console-csv';
import type { Result } from '../../../../electron/common/result';
import type { FakeMethods } from '../../../../testing/renderer/fake-api';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { keptKey, settings } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { ReceiveFlow, maxKeyFileBytes } from './receive-flow.svelte';
import { StoredKeys } from './stored-keys.svelte';

const alicesFile: OpenedHandoffFile = {
  token: 'file-a',
  fileName: 'alice.keyward',
  lock: 'passphrase',
};
const bobsFile: OpenedHandoffFile = {
  token: 'file-b',
  fileName: 'bob.keyward',
  lock: 'passphrase',
};
const unlocked = (token: string, userName: string): UnlockedHandoff => ({
  token,
  fileName: `${userName}.keyward`,
  keys: [
    {
      accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
      userName,
      accountId: '123456789012',
      description: null,
      created: null,
    },
  ],
});

function flowWith(methods: FakeMethods, names: string[] = []) {
  const { api, calls } = fakeApi({
    profiles: { list: () => Promise.resolve(ok(names.map((name) => keptKey(name)))) },
    settings: { get: () => Promise.resolve(ok(settings)) },
    // Receive's door for a chosen or dropped file: main finds a key file, opened as `handoff.open` says.
    receive: {
      open: async ({ source }) => {
        const open = methods.handoff?.open;
        if (!open || source.kind === 'offered') return refused('not-found');
        const answer = await open({ source });
        if (!answer.ok) return answer;
        return ok(answer.value && { kind: 'key-file' as const, file: answer.value });
      },
    },
    ...methods,
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  const flow = new ReceiveFlow(api, announcer, new StoredKeys(api));
  return { flow, calls, said };
}

/** Alice's file, as the open dialog gives it; main unlocks it (or answers as `handoff` says). */
function aliceFileWith(handoff: FakeMethods['handoff'] = {}, names: string[] = []) {
  return flowWith(
    {
      handoff: {
        open: () => Promise.resolve(ok(alicesFile)),
        unlock: () => Promise.resolve(ok(unlocked('file-a', 'alice'))),
        ...handoff,
      },
    },
    names,
  );
}

/** Alice's file opened and unlocked, her key chosen; keeping it answers with `claim()`. */
async function aliceReadyToKeep(claim: () => Promise<Result<ClaimedKey>>) {
  const setup = aliceFileWith({ claim });
  await setup.flow.openWithDialog();
  await setup.flow.unlock('passphrase');
  return setup;
}

/** Main keeping alice's key: what it answers once the person's choice is taken. */
const keptAlice = () => Promise.resolve(ok({ profile: keptKey('alice'), verified: null }));

/**
 * Alice's key, ready to keep, which main first refuses as one AWS does not accept; `next` sets
 * what main answers to the next attempt.
 */
async function aliceNotAccepted() {
  let claim: Promise<Result<ClaimedKey>> = refused(
    'key-not-working',
    'AWS did not accept the key.',
  );
  const setup = await aliceReadyToKeep(() => claim);
  await setup.flow.claim();
  const next = (answer: Promise<Result<ClaimedKey>>) => {
    claim = answer;
  };
  return { ...setup, next };
}

describe('receiving a key from an admin', () => {
  it('asks for the passphrase, then suggests a name not taken yet', async () => {
    const { flow, said } = aliceFileWith({}, ['alice']);
    await flow.openWithDialog();
    expect(flow.step).toBe('passphrase');
    expect(said).toHaveBeenLastCalledWith('Opened alice.keyward. It needs its passphrase.');
    await flow.unlock('correct horse');
    expect(flow.step).toBe('choose');
    expect(flow.profileName).toBe('alice-2');
  });

  it('a wrong passphrase says why, and the person can try again', async () => {
    const { flow } = aliceFileWith({
      unlock: () => refused('handoff-wrong-key', 'Wrong passphrase.'),
    });
    await flow.openWithDialog();
    const unlocking = flow.unlock('nope');
    expect(flow.work.doing).toBe('unlocking');
    await unlocking;
    expect(flow.step).toBe('passphrase');
    expect(flow.work.busy).toBe(false);
    expect(flow.work.error?.message).toBe('Wrong passphrase.');
  });

  it('a file too big to be a key file is refused before main is asked', async () => {
    const { flow, calls } = flowWith({});
    const file = new File([new Uint8Array(maxKeyFileBytes + 1)], 'movie.mp4');
    await flow.openDropped(file);
    expect(flow.work.error?.message).toBe('“movie.mp4” is too big to be a key file.');
    expect(calls).toEqual([]);
  });

  it('a second file opened while the first unlocks is the one on screen', async () => {
    const first = later<UnlockedHandoff>();
    let launched: OpenedHandoffFile | null = null;
    const { flow } = flowWith({
      handoff: {
        open: ({ source }) => Promise.resolve(ok(source.kind === 'launch' ? launched : alicesFile)),
        unlock: ({ token }) =>
          token === 'file-a' ? first.promise : Promise.resolve(ok(unlocked('file-b', 'bob'))),
        forget: () => Promise.resolve(ok(null)),
      },
    });
    await flow.openWithDialog();
    const unlocking = flow.unlock('alice’s passphrase');
    launched = bobsFile;
    expect(await flow.openLaunchFile()).toBe(true);
    expect(flow.opened?.fileName).toBe('bob.keyward');
    expect(flow.work.busy).toBe(false);
    first.answer(unlocked('file-a', 'alice'));
    await unlocking;
    expect(flow.step).toBe('passphrase');
    expect(flow.opened?.fileName).toBe('bob.keyward');
    expect(flow.unlocked).toBeNull();
  });

  it('keeps the chosen key, and offers to keep one AWS did not accept anyway', async () => {
    const { flow, calls, next } = await aliceNotAccepted();
    expect(flow.notWorking).toBe(true);
    expect(flow.step).toBe('choose');
    next(keptAlice());
    await flow.claim({ notWorking: true });
    expect(flow.step).toBe('done');
    expect(flow.claimed?.profile.name).toBe('alice');
    expect(calls.filter((c) => c.method === 'handoff.claim').map((c) => c.input)).toEqual([
      { token: 'file-a', index: 0, profileName: 'alice' },
      { token: 'file-a', index: 0, profileName: 'alice', storeEvenIfNotWorking: true },
    ]);
  });

  it('names both accounts when AWS says the key is another account’s, and keeps it only if asked, with any earlier choice', async () => {
    const { flow, calls, next } = await aliceNotAccepted();
    next(
      refused('key-other-account', 'AWS says this key belongs to another account.', {
        otherAccount: { inFile: '111111111111', verified: '222222222222' },
      }),
    );
    await flow.claim({ notWorking: true });
    expect(flow.otherAccount).toEqual({ inFile: '111111111111', verified: '222222222222' });
    expect(flow.step).toBe('choose');
    next(keptAlice());
    await flow.claim({ otherAccount: true });
    expect(flow.step).toBe('done');
    expect(
      calls
        .filter((c) => c.method === 'handoff.claim')
        .map((c) => c.input)
        .at(-1),
    ).toEqual({
      token: 'file-a',
      index: 0,
      profileName: 'alice',
      storeEvenIfNotWorking: true,
      keepEvenIfOtherAccount: true,
    });
  });

  it('a key kept after another file was opened is kept, said, and does not take the screen', async () => {
    const claiming = later<ClaimedKey>();
    const { flow, said } = flowWith({
      handoff: {
        open: ({ source }) => Promise.resolve(ok(source.kind === 'launch' ? bobsFile : alicesFile)),
        unlock: ({ token }) =>
          Promise.resolve(ok(unlocked(token, token === 'file-a' ? 'alice' : 'bob'))),
        claim: () => claiming.promise,
        forget: () => Promise.resolve(ok(null)),
      },
    });
    await flow.openWithDialog();
    await flow.unlock('passphrase');
    const keeping = flow.claim();
    await flow.openLaunchFile();
    claiming.answer({ profile: keptKey('alice'), verified: null });
    await keeping;
    expect(said).toHaveBeenCalledWith('The earlier key was kept as “alice”.');
    expect(flow.step).toBe('passphrase');
    expect(flow.opened?.fileName).toBe('bob.keyward');
    expect(flow.claimed).toBeNull();
  });

  it('asks main for this computer’s receiving code once', async () => {
    const { flow, calls } = flowWith({
      identity: { receivingCode: () => Promise.resolve(ok({ code: 'age1example' })) },
    });
    await flow.loadCode();
    await flow.loadCode();
    expect(flow.code.value?.code).toBe('age1example');
    expect(calls.filter((c) => c.method === 'identity.receivingCode')).toHaveLength(1);
  });

  it('opens an e-mail draft holding the receiving code and a line saying it is safe to send', async () => {
    const { flow, calls } = flowWith({
      identity: { receivingCode: () => Promise.resolve(ok({ code: 'age1example' })) },
      links: { open: () => Promise.resolve(ok(null)) },
    });
    await flow.loadCode();
    await flow.emailCode();
    const opened = calls.find((c) => c.method === 'links.open')?.input as { url: string };
    const draft = new URL(opened.url);
    expect(draft.protocol).toBe('mailto:');
    expect(draft.pathname).toBe('');
    expect(draft.searchParams.get('subject')).toBe('My Keyward receiving code');
    const body = draft.searchParams.get('body') ?? '';
    expect(body).toContain('age1example');
    expect(body).toMatch(/not a secret.*safe to send/);
  });

  it('says so when no e-mail program could be opened', async () => {
    const { flow } = flowWith({
      identity: { receivingCode: () => Promise.resolve(ok({ code: 'age1example' })) },
      links: { open: () => refused('invalid-input', 'No mail program.') },
    });
    await flow.loadCode();
    await flow.emailCode();
    expect(flow.mail.error?.message).toBe('No mail program.');
  });
});

describe('receiving the AWS console’s key download', () => {
  const download: ConsoleCsvOpened = {
    token: 'c'.repeat(32),
    fileName: 'alice_accessKeys.csv',
    folder: '/home/alice/Downloads',
    accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
    suggestedName: 'alice',
    keptAs: null,
  };
  const kept: ConsoleCsvKept = {
    profile: keptKey('alice'),
    arn: 'arn:aws:iam::123456789012:user/alice',
    canDelete: true,
    deletionLimits: 'Copies elsewhere are not reached.',
  };

  function csvFlow(keep: () => Promise<Result<ConsoleCsvKept>> = () => Promise.resolve(ok(kept))) {
    return flowWith({
      receive: { open: () => Promise.resolve(ok({ kind: 'console-csv', file: download })) },
      consoleCsv: {
        keep,
        deleteOriginal: () => Promise.resolve(ok({ file: '/home/alice/Downloads/x.csv' })),
        forget: () => Promise.resolve(ok(null)),
      },
    });
  }

  it('goes straight to naming the key, with the name from the file suggested', async () => {
    const { flow } = csvFlow();
    await flow.openWithDialog();
    expect(flow.step).toBe('choose');
    expect(flow.csv?.fileName).toBe('alice_accessKeys.csv');
    expect(flow.profileName).toBe('alice');
  });

  it('keeps the key under the chosen name, then deletes the download when asked', async () => {
    const { flow, calls } = csvFlow();
    await flow.openWithDialog();
    flow.profileName = 'work';
    await flow.claim();
    expect(calls.find((c) => c.method === 'consoleCsv.keep')?.input).toEqual({
      token: download.token,
      profileName: 'work',
    });
    expect(flow.step).toBe('done');
    expect(flow.csvKept?.canDelete).toBe(true);
    await flow.deleteDownload();
    expect(calls.find((c) => c.method === 'consoleCsv.deleteOriginal')?.input).toEqual({
      token: download.token,
    });
    expect(flow.deleting.value?.file).toBe('/home/alice/Downloads/x.csv');
  });

  it('stays on naming, with main’s words, when AWS does not accept the key', async () => {
    const { flow } = csvFlow(() => refused('key-not-working', 'AWS does not accept the key.'));
    await flow.openWithDialog();
    await flow.claim();
    expect(flow.step).toBe('choose');
    expect(flow.work.error?.message).toBe('AWS does not accept the key.');
    expect(flow.csvKept).toBeNull();
  });

  it('forgets the download in main when the person starts again', async () => {
    const { flow, calls } = csvFlow();
    await flow.openWithDialog();
    flow.reset();
    await Promise.resolve();
    expect(calls.some((c) => c.method === 'consoleCsv.forget')).toBe(true);
    expect(flow.csv).toBeNull();
  });
});
