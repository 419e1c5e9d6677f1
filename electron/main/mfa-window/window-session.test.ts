import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeLine, parseFromWindow } from './protocol';
import type { FromWindow } from './protocol';
import { MfaWindowSession, sessionOverPipes } from './window-session';

const ask = {
  profile: 'work',
  accountId: '123456789012',
  serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
  problem: null,
};

function session(): { session: MfaWindowSession; sent: FromWindow[]; finished: () => boolean } {
  const sent: FromWindow[] = [];
  let finished = false;
  return {
    session: new MfaWindowSession(
      (message) => sent.push(message),
      () => {
        finished = true;
      },
    ),
    sent,
    finished: () => finished,
  };
}

describe('the MFA window’s side of the conversation', () => {
  it('hands the page the question, whether the page or the question comes first', async () => {
    const early = session();
    early.session.fromParent({ ask });
    expect(await early.session.next()).toEqual({ ask });

    const late = session();
    const next = late.session.next();
    late.session.fromParent({ ask });
    expect(await next).toEqual({ ask });
  });

  it('passes on exactly six digits, once per question', async () => {
    const { session: window, sent } = session();
    expect(window.submit('123456')).toBe(false);
    window.fromParent({ ask });
    await window.next();
    for (const bad of ['12345', '1234567', '12345a', ' 123456', 123456, null]) {
      expect(window.submit(bad)).toBe(false);
    }
    expect(window.submit('123456')).toBe(true);
    expect(window.submit('654321')).toBe(false);
    expect(sent).toEqual([{ code: '123456' }]);
  });

  it('tells a waiting page it is done, and closes', async () => {
    const { session: window, finished } = session();
    const next = window.next();
    window.fromParent({ done: true });
    expect(await next).toEqual({ done: true });
    expect(finished()).toBe(true);
    expect(await window.next()).toEqual({ done: true });
  });

  it('cancels for the person, and closes', () => {
    const { session: window, sent, finished } = session();
    window.fromParent({ ask });
    window.cancel();
    window.cancel();
    expect(sent).toEqual([{ cancel: true }]);
    expect(finished()).toBe(true);
  });

  it('reads questions from its stdin and closes when the command process goes away', async () => {
    const input = new PassThrough();
    const output: string[] = [];
    let finished = false;
    const window = sessionOverPipes(input, { write: (text: string) => output.push(text) }, () => {
      finished = true;
    });
    input.write('Gtk-Message: not a question\n');
    input.write(encodeLine({ ask }));
    expect(await window.next()).toEqual({ ask });
    window.submit('123456');
    expect(output.map((line) => parseFromWindow(line.trim()))).toEqual([{ code: '123456' }]);
    input.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(true);
  });
});

describe('the lines between the two processes', () => {
  it('ignores what is not an answer: other programs’ output, codes that are not six digits', () => {
    for (const line of ['', 'hello', '[1]', '{"code":"12345"}', '{"code":123456}', 'null']) {
      expect(parseFromWindow(line)).toBeNull();
    }
    expect(parseFromWindow('{"code":"123456"}')).toEqual({ code: '123456' });
    expect(parseFromWindow('{"cancel":true}')).toEqual({ cancel: true });
    expect(parseFromWindow('{"shown":true}')).toEqual({ shown: true });
  });
});
