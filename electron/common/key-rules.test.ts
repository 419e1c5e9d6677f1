import { describe, expect, it } from 'vitest';
import type { AccessKeySummary } from './domain';
import { descriptionProblem, inUseReason, tidiedDescription, tidyDescription } from './key-rules';

describe('descriptions', () => {
  it('loses what would make a spreadsheet run it as a formula, and says what went', () => {
    expect(tidyDescription('-= nightly backup')).toEqual({ text: 'nightly backup', removed: '-=' });
    expect(tidyDescription('  @home laptop ')).toEqual({ text: 'home laptop', removed: '@' });
    expect(tidyDescription('+')).toEqual({ text: '', removed: '+' });
    expect(tidyDescription(' Laptop - cmd = 2 ')).toEqual({
      text: 'Laptop - cmd = 2',
      removed: '',
    });
  });

  it('names the first problem: length, then a character IAM refuses, then a formula start', () => {
    expect(descriptionProblem('x'.repeat(257))).toEqual({ kind: 'too-long', length: 257 });
    expect(descriptionProblem('a;b')).toEqual({ kind: 'character', character: ';' });
    expect(descriptionProblem('=a')).toEqual({ kind: 'formula-start', start: '=' });
    expect(descriptionProblem('Ünïcode: ok/fine_1.0 @x')).toBeNull();
    expect(descriptionProblem('')).toBeNull();
  });
});

describe('a description as typed', () => {
  it('drops the characters IAM refuses instead of refusing the text', () => {
    expect(tidiedDescription('<CLI>')).toBe('CLI');
    expect(tidiedDescription('Laptop <CLI>')).toBe('Laptop CLI');
    expect(tidiedDescription('Nightly deploy; prod!')).toBe('Nightly deploy prod');
    expect(tidiedDescription('Ünïcode: ok/fine_1.0 @x')).toBe('Ünïcode: ok/fine_1.0 @x');
  });

  it('also takes off a formula start, runs of spaces and spaces at the ends', () => {
    expect(tidiedDescription('  -= nightly   backup ')).toBe('nightly backup');
    expect(tidiedDescription('<=cmd>')).toBe('cmd');
    expect(tidiedDescription('a\tb')).toBe('a b');
  });

  it('cuts it to what AWS allows', () => {
    expect(Array.from(tidiedDescription('é'.repeat(300)))).toHaveLength(256);
  });

  it('always leaves a description main accepts', () => {
    for (const typed of ['<CLI>', ' -=+@ x ', '"quoted" & more', 'x'.repeat(400), '<>', '']) {
      expect(descriptionProblem(tidiedDescription(typed))).toBeNull();
    }
  });
});

describe('keys in use', () => {
  const key = (over: Partial<AccessKeySummary>): AccessKeySummary => ({
    accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
    userName: 'bob',
    status: 'Active',
    created: '2025-01-01T00:00:00Z',
    ageDays: 100,
    description: null,
    lastUsed: null,
    signedInKey: false,
    ...over,
  });
  const now = Date.parse('2025-06-10T12:00:00Z');
  const used = (date: string) => ({ date, service: 's3', region: 'eu-west-1' });

  it('is an active key used within the last week', () => {
    expect(inUseReason(key({ lastUsed: used('2025-06-09T12:00:00Z') }), now)).toBe(
      'This key is active and was used 1 day ago.',
    );
    expect(inUseReason(key({ lastUsed: used('2025-06-10T08:00:00Z') }), now)).toMatch(/today/);
  });

  it('is not a deactivated, a never used, or a long unused key', () => {
    const recent = used('2025-06-09T12:00:00Z');
    expect(inUseReason(key({ status: 'Inactive', lastUsed: recent }), now)).toBeNull();
    expect(inUseReason(key({}), now)).toBeNull();
    expect(inUseReason(key({ lastUsed: used('2025-06-01T12:00:00Z') }), now)).toBeNull();
  });
});
