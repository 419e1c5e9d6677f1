import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { SettingsForm } from './settings-form.svelte';
import { StoredKeys } from './stored-keys.svelte';

const saved: Settings = {
  region: 'us-east-1',
  endpoint: null,
  clipboardSeconds: 30,
  staleKeyDays: 90,
};

function formWith(update: () => Promise<Result<Settings>>, signedIn = false) {
  const { api, calls } = fakeApi({
    settings: { get: () => Promise.resolve(ok(saved)), update },
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  const stored = new StoredKeys(api);
  const form = new SettingsForm(api, announcer, stored, () => signedIn);
  return { form, calls, said, stored };
}

describe('the settings form', () => {
  it('fills in what main holds', async () => {
    const { form } = formWith(() => Promise.resolve(ok(saved)));
    await form.load();
    expect(form.region).toBe('us-east-1');
    expect(form.clipboardSeconds).toBe('30');
    expect(form.valid).toBe(true);
  });

  it('says what is wrong with each field as it is typed', async () => {
    const { form } = formWith(() => Promise.resolve(ok(saved)));
    await form.load();
    form.region = 'Ireland';
    form.clipboardSeconds = '2';
    form.endpoint = 'http://me:secret@localhost:4566';
    expect(form.problems.region).toBe('Type an AWS region name, such as us-east-1 or eu-west-1.');
    expect(form.problems.clipboardSeconds).toBe('Type a whole number of seconds from 5 to 600.');
    expect(form.problems.endpoint).toMatch(/without a user name or password/);
    expect(form.valid).toBe(false);
    expect(await form.save()).toBe(false);
  });

  it('sends only what changed, is busy meanwhile, and says where Keyward talks now', async () => {
    const answer = later<Settings>();
    const { form, calls, said, stored } = formWith(() => answer.promise, true);
    await form.load();
    form.region = 'eu-west-1';
    form.staleKeyDays = '30';
    const saving = form.save();
    expect(form.saving.busy).toBe(true);
    answer.answer({ ...saved, region: 'eu-west-1', staleKeyDays: 30 });
    expect(await saving).toBe(true);
    expect(calls.find((c) => c.method === 'settings.update')?.input).toEqual({
      region: 'eu-west-1',
      staleKeyDays: 30,
    });
    expect(stored.staleKeyDays).toBe(30);
    expect(form.justSaved).toBe(true);
    expect(said).toHaveBeenLastCalledWith(
      'Settings saved. Keyward now sends every request to AWS (region eu-west-1), including those of your current sign-in.',
    );
  });

  it('shows why main refused to save', async () => {
    const { form } = formWith(() => refused('invalid-input', 'That address will not do.'));
    await form.load();
    form.endpoint = 'http://127.0.0.1:4566';
    expect(await form.save()).toBe(false);
    expect(form.saving.error?.message).toBe('That address will not do.');
    expect(form.justSaved).toBe(false);
  });
});
