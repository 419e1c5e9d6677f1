import { describe, expect, it } from 'vitest';
import type { KeywardMfaApi, MfaWindowNext } from '../../../electron/common/mfa-window';
import { MfaQuestion, notACode } from './mfa-question.svelte';

const ask = {
  profile: 'work',
  accountId: '123456789012',
  serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
  problem: null,
};
const refusal = 'AWS did not accept that code.';

/** Main's side, scripted: the answers to next() in turn, and what the page handed over. */
function fakeMain(...nexts: MfaWindowNext[]): KeywardMfaApi & { codes: string[]; cancels: number } {
  const main = {
    codes: [] as string[],
    cancels: 0,
    next: () => Promise.resolve(nexts.shift() ?? { done: true as const }),
    submit: (code: string) => {
      main.codes.push(code);
      return Promise.resolve(true);
    },
    cancel: () => {
      main.cancels++;
      return Promise.resolve();
    },
  };
  return main;
}

describe('the MFA window’s question', () => {
  it('shows what is asked, and hands on the six digits as typed with spaces', async () => {
    const main = fakeMain({ ask }, { done: true });
    const question = new MfaQuestion(main);
    await question.start();
    expect(question.phase).toBe('asking');
    expect(question.deviceName).toBe('alice');
    await question.submit(' 123 456 ');
    expect(main.codes).toEqual(['123456']);
    expect(question.phase).toBe('done');
  });

  it('says what is wrong with a code that is not six digits, and hands nothing on', async () => {
    const main = fakeMain({ ask });
    const question = new MfaQuestion(main);
    await question.start();
    await question.submit('12345');
    expect(question.problem).toBe(notACode);
    expect(question.phase).toBe('asking');
    expect(main.codes).toEqual([]);
  });

  it('asks again with AWS’s words after a refused code', async () => {
    const main = fakeMain({ ask }, { ask: { ...ask, problem: refusal } }, { done: true });
    const question = new MfaQuestion(main);
    await question.start();
    await question.submit('111111');
    expect(question.phase).toBe('asking');
    expect(question.problem).toBe(refusal);
    expect(question.asked).toBe(2);
    await question.submit('222222');
    expect(main.codes).toEqual(['111111', '222222']);
    expect(question.phase).toBe('done');
  });

  it('cancels once', async () => {
    const main = fakeMain({ ask });
    const question = new MfaQuestion(main);
    await question.start();
    await question.cancel();
    await question.cancel();
    expect(question.phase).toBe('cancelled');
    expect(main.cancels).toBe(1);
  });

  it('says so when it loses its command', async () => {
    const main = fakeMain({ ask });
    main.submit = () => Promise.resolve(false);
    const question = new MfaQuestion(main);
    await question.start();
    await question.submit('123456');
    expect(question.phase).toBe('broken');
  });
});
