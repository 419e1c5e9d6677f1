import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { openForReceive } from './receive-open';

const f = keywardForEachTest();
let downloads: string;

beforeEach(() => {
  downloads = mkdtempSync(path.join(tmpdir(), 'keyward-downloads-'));
  f.platform.downloads = downloads;
});

function csvText(key: { accessKeyId: string; secretAccessKey: string }): string {
  return `\uFEFFAccess key ID,Secret access key\r\n${key.accessKeyId},${key.secretAccessKey}\r\n`;
}

const receive = (source: Parameters<typeof openForReceive>[1]) =>
  openForReceive(
    { platform: f.platform, handoff: f.core.handoff, consoleCsv: f.core.consoleCsv },
    source,
  );

describe('the AWS console’s key download on Receive', () => {
  it('is told from a key file by what it holds, whatever its name', async () => {
    const file = path.join(downloads, 'looks-like-a.keyward');
    writeFileSync(file, csvText(f.sandbox.credentialsFor('alice')));
    f.platform.answerNextOpen(file);
    const opened = await receive({ kind: 'dialog' });
    expect(opened?.kind).toBe('console-csv');
    expect(f.platform.dialogs.open[0]?.filters[0]?.extensions).toContain('csv');
  });

  it('suggests a free key name from the user name in the file name', async () => {
    await f.profiles.put('alice', {
      ...f.sandbox.credentialsFor('bob'),
      userName: 'bob',
      accountId: f.sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    const file = path.join(downloads, 'Alice Smith_accessKeys.csv');
    writeFileSync(file, csvText(f.sandbox.credentialsFor('alice')));
    const opened = await f.core.consoleCsv.open({ kind: 'path', file });
    expect(opened.suggestedName).toBe('Alice-Smith');
    expect(opened.keptAs).toBeNull();
    expect(opened.folder).toBe(downloads);
  });

  it('can delete a dropped download only when it is the very file in Downloads', async () => {
    const key = f.sandbox.credentialsFor('alice');
    writeFileSync(path.join(downloads, 'alice_accessKeys.csv'), csvText(key));
    const bytes = new TextEncoder().encode(csvText(key));
    const same = await f.core.consoleCsv.open({
      kind: 'bytes',
      name: 'alice_accessKeys.csv',
      bytes,
    });
    expect(same.folder).toBe(downloads);
    const elsewhere = await f.core.consoleCsv.open({
      kind: 'bytes',
      name: 'copy_accessKeys.csv',
      bytes,
    });
    expect(elsewhere.folder).toBeNull();
    const kept = await f.core.consoleCsv.keep(elsewhere.token, 'alice');
    expect(kept.canDelete).toBe(false);
    expect(kept.profile.userName).toBe('alice');
  });

  it('offers the downloads found at start, unless Settings turned that off', async () => {
    writeFileSync(
      path.join(downloads, 'alice_accessKeys.csv'),
      csvText(f.sandbox.credentialsFor('alice')),
    );
    const offers = await f.core.consoleCsv.offers();
    expect(offers).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
        fileName: 'alice_accessKeys.csv',
        folder: downloads,
      },
    ]);
    await f.core.settings.update({ scanDownloads: false });
    expect(await f.core.consoleCsv.offers()).toEqual([]);
  });
});
