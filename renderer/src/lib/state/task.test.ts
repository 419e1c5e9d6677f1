import { describe, expect, it } from 'vitest';
import { Task } from './task.svelte';

describe('Task', () => {
  it('is busy while main works', async () => {
    const task = new Task<number>();
    let answer!: (value: { ok: true; value: number }) => void;
    const running = task.run(() => new Promise((resolve) => (answer = resolve)));
    expect(task.busy).toBe(true);
    answer({ ok: true, value: 3 });
    await running;
    expect(task.busy).toBe(false);
    expect(task.value).toBe(3);
  });
});
