import { describe, expect, it } from 'vitest';
import { freeProfileName, newProfileNameProblem, profileNamePattern } from './profile-names';

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
