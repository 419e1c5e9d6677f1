import { describe, expect, it } from 'vitest';
import { maskKeyId, redact } from './log';

describe('log redaction', () => {
  it('leaves sentences that merely mention a passphrase or secret alone', () => {
    const sentence =
      'That passphrase does not open this file. The secret can never be shown again.';
    expect(redact(sentence)).toBe(sentence);
  });

  it('masks access key ids to their first and last four characters', () => {
    expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(redact('[keys] create AKIAIOSFODNN7EXAMPLE ok')).toBe('[keys] create AKIA…MPLE ok');
  });

  it.each([
    [
      'a bare 40-character secret',
      'got wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY back',
      'wJalrXUtnFEMI',
    ],
    ['an assignment of a short secret', 'aws_secret_access_key=abc123shortone', 'abc123shortone'],
    [
      'a JSON secret field',
      '{"SecretAccessKey": "tooShortToMatchTheShape"}',
      'tooShortToMatchTheShape',
    ],
    ['a passphrase', 'passphrase: correct-horse-battery-staple', 'correct-horse'],
    ['a session token', 'session_token=FwoGZXIvYXdzEJr//////////wEaDOPmZ7', 'FwoGZXIvYXdz'],
    [
      'an age identity',
      'AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQS',
      'QYQSZQGP',
    ],
  ])('removes %s', (_case, line, secretPart) => {
    const out = redact(line);
    expect(out).not.toContain(secretPart);
    expect(out).toContain('[redacted]');
  });
});
