import { describe, expect, it } from 'vitest';
import { commands } from './command-table';
import { commandWords } from './command-words';

describe('the packaged app’s command-line detection', () => {
  it('knows the first word of every command, and nothing else', () => {
    const fromTable = new Set([
      'credential-process',
      'help',
      '--help',
      '-h',
      ...commands.map((c) => c.words[0]),
    ]);
    expect([...commandWords].sort()).toEqual([...fromTable].sort());
  });
});
