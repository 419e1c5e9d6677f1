import { describe, expect, it } from 'vitest';
import {
  freeProfileName,
  newProfileNameProblem,
  normalisedProfileName,
  profileNamePattern,
} from './profile-names';

describe('names for kept keys', () => {
  it('refuses a name starting with a dash, which `aws --profile` would read as an option', () => {
    expect(newProfileNameProblem('-SUM')).toMatch(/not start with a dash/);
    expect(newProfileNameProblem('--help')).toMatch(/not start with a dash/);
    expect(newProfileNameProblem('work-2')).toBeNull();
    expect(newProfileNameProblem('.hidden_one')).toBeNull();
  });

  it('still finds a key kept under such a name before the rule', () => {
    expect(profileNamePattern.test('-SUM')).toBe(true);
  });

  it('never suggests a name starting with a dash', () => {
    expect(freeProfileName('+SUM', [])).toBe('SUM');
    expect(freeProfileName('---', [])).toBe('work');
    expect(freeProfileName('-work', ['work'])).toBe('work-2');
    for (const base of ['+ops', '=x', '@team', ' spaced out ', 'ünïcode', '-']) {
      expect(newProfileNameProblem(freeProfileName(base, []))).toBeNull();
    }
  });
});

describe('a key name as typed', () => {
  it('turns spaces into dashes and drops what a name cannot hold', () => {
    expect(normalisedProfileName('my work key')).toBe('my-work-key');
    expect(normalisedProfileName('  my   work key  ')).toBe('my-work-key');
    expect(normalisedProfileName('work (old)')).toBe('work-old');
    expect(normalisedProfileName('key - 2')).toBe('key-2');
    expect(normalisedProfileName('Büro Köln')).toBe('Buro-Koln');
    expect(normalisedProfileName('a/b\\c:d')).toBe('abcd');
    expect(normalisedProfileName('work.prod_1')).toBe('work.prod_1');
  });

  it('keeps a leading dash, so the rule can say why it will not do', () => {
    expect(normalisedProfileName('-ops')).toBe('-ops');
    expect(newProfileNameProblem(normalisedProfileName('-ops'))).toMatch(/not start with a dash/);
  });

  it('is at most 64 characters and leaves nothing when nothing fits', () => {
    expect(normalisedProfileName('x'.repeat(80))).toHaveLength(64);
    expect(normalisedProfileName('<>?!')).toBe('');
  });

  it('makes an ordinary typed name one the rule accepts', () => {
    for (const typed of ['my work key', 'Büro Köln', 'work (old)', 'key - 2 ']) {
      expect(newProfileNameProblem(normalisedProfileName(typed))).toBeNull();
    }
  });
});
