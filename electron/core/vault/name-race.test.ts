import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PendingKeyState } from '../../common/domain';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { TestPlatform } from '../../../testing/test-platform';
import { createCore } from '../compose';
import { sealHandoff } from '../handoff/handoff-file';

const childScript = path.join(import.meta.dirname, '../../../testing/core/keep-when-told.ts');
const f = keywardForEachTest();

type Outcome = { held: PendingKeyState[] } & (
  { kept: true } | { kept: false; code: string; message: string; hint: string }
);

/** The next line a child writes, once it has written one. */
function nextLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end < 0) return;
      child.stdout.off('data', onData);
      resolve(out.slice(0, end));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`child exited early (${String(code)})`));
    });
  });
}

describe('storing a key under a name from two Keyward processes at once', () => {
  it('one wins; the other hears the name is taken, still holds its secret, and its key is not marked secured', async () => {
    await keepKeyOf(f, 'admin', 'admin');
    const dataDir = f.platform.dataDir();
    const start = (userName: string) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', childScript, dataDir, f.store.service, userName, 'work'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      return { child, ready: nextLine(child) };
    };
    const window = start('alice');
    const commandLine = start('nobody');
    const ids = await Promise.all(
      [window, commandLine].map(async ({ ready }) => (await ready).replace('ready ', '')),
    );
    const answers = [window, commandLine].map(({ child }) => nextLine(child));
    // Both are told at once, so both look at the name before either has kept anything.
    window.child.stdin.write('go\n');
    commandLine.child.stdin.write('go\n');
    const outcomes = (await Promise.all(answers)).map((line) => JSON.parse(line) as Outcome);

    expect(outcomes.filter((outcome) => outcome.kept)).toHaveLength(1);
    const winner = outcomes.findIndex((outcome) => outcome.kept);
    const loser = outcomes[1 - winner]!;
    expect(loser).toMatchObject({
      kept: false,
      code: 'conflict',
      message: 'A key called "work" is already stored on this computer.',
      hint: 'Choose another name, or remove the old key from Keyward first.',
    });
    // The loser's secret is still held, unsecured, for another name or another way to keep it.
    expect(loser.held).toMatchObject([{ accessKeyId: ids[1 - winner], securedBy: [] }]);
    // The keychain holds the winner's secret, not a mix of the two.
    const kept = await f.profiles.require('work');
    expect(kept.accessKeyId).toBe(ids[winner]);
    expect(kept.secretAccessKey).toBe(
      f.sandbox.state.accessKeys.get(ids[winner]!)?.secretAccessKey,
    );

    // Only the winner is recorded as kept; the loser's journal entry is still open, so once its
    // process is gone the lost-key reminder names it.
    const activity = await f.core.activity.read();
    expect(activity.filter((entry) => entry.action === 'key.stored')).toMatchObject([
      { accessKeyId: ids[winner], detail: 'work' },
    ]);
    const nextStart = createCore(new TestPlatform(dataDir), f.store);
    expect(await nextStart.lostKeys.list()).toMatchObject([{ accessKeyId: ids[1 - winner] }]);
  }, 60_000);
});

describe('every door that stores a key under a name', () => {
  /**
   * Stores into "work" through `other`, which checks the name and then asks AWS about its key,
   * and keeps a new key into "work" while AWS takes its time to answer: after `other` found the
   * name free, before it stores. Which won, and what the other was told.
   */
  async function keepWhileAsking(other: () => Promise<unknown>) {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    const asked = f.sandbox.stats.calls('GetCallerIdentity');
    f.sandbox.faults.setLatency(1500);
    const storing = other();
    while (f.sandbox.stats.calls('GetCallerIdentity') === asked) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const keeping = f.core.newKeys.keep(created.handle, 'work');
    const settled = await Promise.allSettled([keeping, storing]);
    const ids = [created.accessKeyId, 'other'];
    return {
      won: ids.filter((_, index) => settled[index]?.status === 'fulfilled'),
      lost: settled.flatMap((outcome) =>
        outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
      ),
      created,
    };
  }

  it('a received key claimed into a name a new key took meanwhile is refused', async () => {
    const auditor = f.sandbox.credentialsFor('auditor');
    const file = await sealHandoff(
      [
        {
          ...auditor,
          userName: 'auditor',
          accountId: f.sandbox.accountId,
          description: '',
          created: '2025-01-31T09:30:00Z',
        },
      ],
      { kind: 'recipients', codes: [await f.core.handoff.receivingCode()] },
    );
    const opened = await f.core.handoff.open({
      kind: 'bytes',
      name: 'auditor.keyward',
      base64: Buffer.from(file).toString('base64'),
    });
    await f.core.handoff.unlock(opened!.token, null);

    const { won, lost, created } = await keepWhileAsking(() =>
      f.core.handoff.claim(opened!.token, 0, 'work', false),
    );
    expect(won).toEqual([created.accessKeyId]);
    expect(lost).toMatchObject([
      { code: 'conflict', message: 'A key called "work" is already stored on this computer.' },
    ]);
    expect((await f.profiles.require('work')).accessKeyId).toBe(created.accessKeyId);
  });

  it('a plaintext key imported into a name a new key took meanwhile is refused', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    const home = mkdtempSync(path.join(tmpdir(), 'keyward-race-'));
    const files = {
      config: path.join(home, 'config'),
      credentials: path.join(home, 'credentials'),
    };
    writeFileSync(
      files.credentials,
      `[work]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );

    const { won, lost, created } = await keepWhileAsking(() =>
      f.core.deviceKeys.importPlaintext('work', {
        keywardCommand: ['/usr/local/bin/keyward'],
        region: null,
        files,
      }),
    );
    expect(won).toEqual([created.accessKeyId]);
    expect(lost).toMatchObject([
      { code: 'conflict', message: 'Keyward already keeps a different key under the name "work".' },
    ]);
    expect((await f.profiles.require('work')).accessKeyId).toBe(created.accessKeyId);
  });
});
