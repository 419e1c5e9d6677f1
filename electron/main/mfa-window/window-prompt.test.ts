import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../../core/log';
import type { MfaPrompt, MfaRequest } from '../../core/sessions/mfa-prompt';
import { NobodyToAsk } from '../../core/sessions/mfa-prompt';
import { windowMfaPrompt } from './window-prompt';
import type { WindowMfaPrompt } from './window-prompt';

const standIn = path.join(import.meta.dirname, '../../../testing/main/mfa-window-stand-in.ts');

const request: MfaRequest = {
  profile: 'work',
  accountId: '123456789012',
  serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
  problem: null,
};
const refused: MfaRequest = { ...request, problem: 'AWS did not accept that code.' };

/** A terminal stand-in: answers from a list and remembers what it was asked. */
function terminal(...answers: (string | null)[]): MfaPrompt & { asked: MfaRequest[] } {
  const asked: MfaRequest[] = [];
  return {
    asked,
    ask: (question) => {
      asked.push(question);
      return Promise.resolve(answers.shift() ?? null);
    },
  };
}

let logLines: string[];
let record: string;
let prompts: WindowMfaPrompt[];

beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
  record = path.join(mkdtempSync(path.join(tmpdir(), 'keyward-mfa-window-')), 'record');
  prompts = [];
});

afterEach(() => {
  for (const prompt of prompts) prompt.close();
  setLogSink((line) => process.stderr.write(`${line}\n`));
  // Whatever happened, no code was written to the log.
  for (const line of logLines) expect(line).not.toMatch(/\d{6}/);
});

function windowPrompt(
  scenario: string | null,
  fallback: MfaPrompt | null,
  startPatienceMs?: number,
): WindowMfaPrompt {
  const prompt = windowMfaPrompt({
    command:
      scenario === null ? null : [process.execPath, '--import', 'tsx', standIn, scenario, record],
    fallback: () => fallback,
    ...(startPatienceMs === undefined ? {} : { startPatienceMs }),
  });
  prompts.push(prompt);
  return prompt;
}

async function finishedRecorded(): Promise<string> {
  for (let waited = 0; waited < 15_000 && !existsSync(record); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readFileSync(record, 'utf8');
}

describe('the MFA window, seen from the command that needs a code', () => {
  it('passes on the code typed, asks again in the same window after a refusal, and closes it', async () => {
    const fallback = terminal('999999');
    const prompt = windowPrompt('answer:111111,222222', fallback);
    expect(await prompt.ask(request)).toBe('111111');
    expect(await prompt.ask(refused)).toBe('222222');
    prompt.close();
    expect(await finishedRecorded()).toBe('finished\n');
    expect(fallback.asked).toEqual([]);
  });

  it('answers "cancelled" when the person cancels, and does not ask anyone again', async () => {
    const fallback = terminal('999999');
    const prompt = windowPrompt('answer:cancel', fallback);
    expect(await prompt.ask(request)).toBeNull();
    expect(await prompt.ask(refused)).toBeNull();
    expect(fallback.asked).toEqual([]);
  });

  it('treats closing the window while AWS checks the code as cancelling', async () => {
    const fallback = terminal('999999');
    const prompt = windowPrompt('close-after:111111', fallback);
    expect(await prompt.ask(request)).toBe('111111');
    expect(await prompt.ask(refused)).toBeNull();
    expect(fallback.asked).toEqual([]);
  });

  it('asks on the terminal when the window process dies before answering', async () => {
    const fallback = terminal('333333', '444444');
    const prompt = windowPrompt('exit-on-ask', fallback);
    expect(await prompt.ask(request)).toBe('333333');
    // Later questions go straight to the terminal: no second window.
    expect(await prompt.ask(refused)).toBe('444444');
    expect(fallback.asked).toEqual([request, refused]);
    expect(logLines.join('\n')).toMatch(/MFA window was not used: it ended \(exit code 3\)/);
  });

  it('asks on the terminal when the window cannot start (no display)', async () => {
    const fallback = terminal('333333');
    expect(await windowPrompt('exit-at-start', fallback).ask(request)).toBe('333333');
    expect(fallback.asked).toEqual([request]);
  });

  it('asks on the terminal when the program is not there at all', async () => {
    const fallback = terminal('333333');
    const prompt = windowMfaPrompt({
      command: [path.join(tmpdir(), 'no-such-keyward', 'keyward'), 'mfa-window'],
      fallback: () => fallback,
    });
    prompts.push(prompt);
    expect(await prompt.ask(request)).toBe('333333');
    expect(logLines.join('\n')).toMatch(/could not be started/);
  });

  it('gives up on a window that never appears, and asks on the terminal', async () => {
    const fallback = terminal('333333');
    expect(await windowPrompt('never-shows', fallback, 1_500).ask(request)).toBe('333333');
    expect(logLines.join('\n')).toMatch(/did not appear in time/);
  });

  it('asks on the terminal at once where no window can be shown', async () => {
    const fallback = terminal('333333');
    expect(await windowPrompt(null, fallback).ask(request)).toBe('333333');
    expect(existsSync(record)).toBe(false);
  });

  it('says nobody can be asked when neither window nor terminal can (the caller then explains)', async () => {
    const failure = await windowPrompt('exit-at-start', null)
      .ask(request)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NobodyToAsk);
  });
});
