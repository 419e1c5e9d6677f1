import { describe, expect, it, vi } from 'vitest';
import type { StoredKeyCheck } from '../../../../electron/common/domain';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { workingCheck } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { KeyChecks } from './key-checks.svelte';

const works = workingCheck('work');
const broken: StoredKeyCheck = {
  ...works,
  working: false,
  status: null,
  problem: 'It was deleted.',
};

describe('checking a kept key with AWS', () => {
  it('is busy while AWS answers, asks only once at a time, and says what AWS said', async () => {
    const answer = later<StoredKeyCheck>();
    const { api, calls } = fakeApi({ profiles: { check: () => answer.promise } });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const check = new KeyChecks(api, announcer).of('work');
    const checking = check.check();
    expect(check.busy).toBe(true);
    await check.check();
    expect(calls).toHaveLength(1);
    answer.answer(works);
    await checking;
    expect(check.value?.working).toBe(true);
    expect(check.broken).toBe(false);
    expect(said).toHaveBeenLastCalledWith('“work” works. AWS did not say when it was last used.');
  });

  it('marks a key AWS no longer accepts as broken', async () => {
    const { api } = fakeApi({ profiles: { check: () => Promise.resolve(ok(broken)) } });
    const check = new KeyChecks(api, new Announcer()).of('work');
    await check.check();
    expect(check.broken).toBe(true);
  });

  it('a check that could not be made leaves no earlier answer standing', async () => {
    let answer = Promise.resolve(ok(broken));
    const { api } = fakeApi({ profiles: { check: () => answer } });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const check = new KeyChecks(api, announcer).of('work');
    await check.check();
    answer = refused('network', 'AWS could not be reached.');
    await check.check();
    expect(check.value).toBeNull();
    expect(check.broken).toBe(false);
    expect(check.error?.message).toBe('AWS could not be reached.');
    expect(said).toHaveBeenLastCalledWith(
      'Could not check “work”: AWS could not be reached. Do what the hint says.',
    );
  });

  it('forgets what it learned once the key was replaced', async () => {
    const { api } = fakeApi({ profiles: { check: () => Promise.resolve(ok(broken)) } });
    const checks = new KeyChecks(api, new Announcer());
    await checks.of('work').check();
    checks.of('work').reset();
    expect(checks.of('work').value).toBeNull();
    expect(checks.of('work').broken).toBe(false);
  });
});
