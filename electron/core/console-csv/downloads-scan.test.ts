import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findConsoleCsvFiles } from './downloads-scan';

// Records which files the scan opens; each call still goes to the real file system.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return { ...real, open: vi.fn(real.open) };
});

const header = 'Access key ID,Secret access key';
const row = 'AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function downloads(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'keyward-downloads-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

describe('looking for the console’s key downloads in Downloads', () => {
  it('offers files named like the download whose first line is the console’s header', async () => {
    const folder = downloads({
      'alice_accessKeys.csv': `\uFEFF${header}\r\n${row}\r\n`,
      'credentials.csv': `${header}\n${row}\n`,
      'credentials (1).csv': `User name,Password,Access key ID,Secret access key\n`,
      'bob_accessKeys.csv': 'Just a note\n',
    });
    const found = await findConsoleCsvFiles(folder);
    expect(found.map((f) => f.name)).toEqual(['alice_accessKeys.csv', 'credentials.csv']);
    expect(found[0]?.folder).toBe(folder);
  });

  it('opens no other file: not other names, not folders, not links, not subfolders', async () => {
    const folder = downloads({
      'report.csv': `${header}\n${row}\n`,
      'carol_accessKeys.csv.txt': `${header}\n${row}\n`,
      'dave_accessKeys.csv': `${header}\n${row}\n`,
    });
    mkdirSync(path.join(folder, 'old_accessKeys.csv'));
    mkdirSync(path.join(folder, 'nested'));
    writeFileSync(path.join(folder, 'nested', 'erin_accessKeys.csv'), `${header}\n${row}\n`);
    symlinkSync(path.join(folder, 'report.csv'), path.join(folder, 'frank_accessKeys.csv'));
    const opened = vi.mocked(fs.open);
    opened.mockClear();
    const found = await findConsoleCsvFiles(folder);
    expect(found.map((f) => f.name)).toEqual(['dave_accessKeys.csv']);
    expect(opened.mock.calls.map(([file]) => file)).toEqual([
      path.join(folder, 'dave_accessKeys.csv'),
    ]);
  });

  it('finds nothing, quietly, where there is no Downloads folder', async () => {
    expect(await findConsoleCsvFiles(path.join(tmpdir(), 'keyward-no-such-folder'))).toEqual([]);
  });
});
