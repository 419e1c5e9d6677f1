import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeenUsers } from './seen-users';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'keyward-seen-users-'));

describe('the users earlier audits saw', () => {
  it('are none before an account is first audited, then the names it saw, once each', async () => {
    const seen = new SeenUsers(fresh());
    expect(await seen.previous('123456789012')).toBeNull();
    await seen.remember('123456789012', ['Alice', 'bob', 'alice']);
    expect(await seen.previous('123456789012')).toEqual(new Set(['alice', 'bob']));
    expect(await seen.previous('210987654321')).toBeNull();
  });

  it('start again from nobody when the file is damaged, without failing the audit', async () => {
    for (const damage of ['{"version":1,"accou', '{"version":2,"accounts":{}}']) {
      const dir = fresh();
      writeFileSync(path.join(dir, 'audit-seen-users.json'), damage);
      const seen = new SeenUsers(dir);
      expect(await seen.previous('123456789012')).toBeNull();
      await seen.remember('123456789012', ['carol']);
      expect(await new SeenUsers(dir).previous('123456789012')).toEqual(new Set(['carol']));
    }
  });
});
