import { describe, expect, it } from 'vitest';
import { fakeApi, later, ok, refusal, refused } from '../../../../testing/renderer/fake-api';
import { Task } from './task.svelte';

describe('a task the window asks main to do', () => {
  it('is busy while main works, then holds the answer', async () => {
    const task = new Task<number>();
    const answer = later<number>();
    const running = task.run(() => answer.promise);
    expect(task.busy).toBe(true);
    expect(task.doing).toBe(true);
    answer.answer(3);
    await running;
    expect(task.busy).toBe(false);
    expect(task.doing).toBeNull();
    expect(task.value).toBe(3);
  });

  it('shows why main refused in its plain words, and clears them when asked again', async () => {
    const task = new Task<number>();
    await task.run(() => refused('throttled', 'AWS is busy.'));
    expect(task.error?.message).toBe('AWS is busy.');
    const again = later<number>();
    const running = task.run(() => again.promise);
    expect(task.error).toBeNull();
    again.answer(1);
    await running;
  });

  it('keeps the last answer on screen while asking again, and after a refusal', async () => {
    const task = new Task<string>();
    await task.run(() => Promise.resolve(ok('first')));
    const again = later<string>();
    const running = task.run(() => again.promise);
    expect(task.value).toBe('first');
    again.refuse(refusal('network'));
    await running;
    expect(task.value).toBe('first');
    expect(task.error?.code).toBe('network');
  });

  it('ignores the late answer of a run that a newer run replaced', async () => {
    const task = new Task<string, 'alice' | 'bob'>();
    const alice = later<string>();
    const bob = later<string>();
    const first = task.run(() => alice.promise, { about: 'alice' });
    const second = task.run(() => bob.promise, { about: 'bob' });
    bob.answer('bob’s keys');
    expect((await second).latest).toBe(true);
    alice.refuse(refusal('network'));
    const late = await first;
    expect(late.latest).toBe(false);
    expect(task.value).toBe('bob’s keys');
    expect(task.error).toBeNull();
    expect(task.about).toBe('bob');
  });

  it('forgets everything on reset, and an answer still under way changes nothing', async () => {
    const task = new Task<string>();
    await task.run(() => Promise.resolve(ok('old')));
    const pending = later<string>();
    const running = task.run(() => pending.promise);
    task.reset();
    expect(task.busy).toBe(false);
    expect(task.value).toBeNull();
    pending.answer('too late');
    expect((await running).latest).toBe(false);
    expect(task.value).toBeNull();
  });

  it('leaves a refusal the caller answers itself off the screen', async () => {
    const task = new Task<null>();
    const answer = await task.run(() => refused('mfa-required'), {
      handles: (error) => error.code === 'mfa-required',
    });
    expect(answer.ok).toBe(false);
    expect(task.error).toBeNull();
  });

  it('says in plain words when the bridge itself fails', async () => {
    const task = new Task<null>();
    await task.run(() => Promise.reject(new Error('ipc closed')));
    expect(task.error?.message).toBe('Keyward’s window lost contact with the rest of the app.');
    expect(task.error?.hint).toBe('Close Keyward and open it again.');
  });

  it('tells work of several requests when a newer run has taken over', async () => {
    const task = new Task<null>();
    const { api } = fakeApi({});
    let pages = 0;
    const gate = later<null>();
    const first = task.run(async (latest) => {
      pages++;
      await gate.promise;
      if (latest()) pages++;
      return ok(null);
    });
    void task.run(() => api.vault.status().then(() => ok(null)));
    gate.answer(null);
    await first;
    expect(pages).toBe(1);
  });
});
