import { describe, expect, it, vi } from 'vitest';
import type { Mock } from 'vitest';
import { methodNames } from '../../common/contract';
import type { MethodName } from '../../common/contract';
import type { Handlers } from './dispatch';
import { createDispatcher } from './dispatch';
import type { Sender } from './sender';
import { AppError } from '../errors';

const origin = 'app://keyward';
const page: Sender = { url: 'app://keyward/index.html', isMainFrame: true };

function setup() {
  const handlers = Object.fromEntries(
    methodNames.map((method) => [
      method,
      vi.fn((_input: unknown) => Promise.resolve(null as unknown)),
    ]),
  ) as Record<MethodName, Mock<(input: unknown) => Promise<unknown>>>;
  return { handlers, dispatch: createDispatcher(handlers as unknown as Handlers, origin) };
}

describe('the bridge dispatcher', () => {
  it('calls the handler with parsed input and wraps the answer', async () => {
    const { handlers, dispatch } = setup();
    const url = 'https://docs.aws.amazon.com/';
    await expect(dispatch('links.open', { url }, page)).resolves.toEqual({ ok: true, value: null });
    expect(handlers['links.open']).toHaveBeenCalledWith({ url });
  });

  it.each([
    ['a wrong type', { url: 42 }],
    ['a missing field', {}],
    ['an unknown field', { url: 'https://docs.aws.amazon.com/', extra: true }],
    ['an oversized string', { url: 'https://docs.aws.amazon.com/' + 'a'.repeat(10 * 1024 * 1024) }],
    ['no object at all', 'https://docs.aws.amazon.com/'],
    ['null', null],
    ['an array', [1, 2]],
    [
      'a __proto__ key',
      JSON.parse('{"url":"https://docs.aws.amazon.com/","__proto__":{"polluted":1}}'),
    ],
  ])('refuses %s without calling the handler', async (_case, input: unknown) => {
    const { handlers, dispatch } = setup();
    const answer = await dispatch('links.open', input, page);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handlers['links.open']).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(methodNames)(
    '%s refuses unknown fields and non-objects without calling its handler',
    async (method) => {
      const { handlers, dispatch } = setup();
      for (const input of [
        { unexpected: 'x' },
        'text',
        42,
        null,
        [],
        { ['__proto__']: { admin: true } },
      ]) {
        const answer = await dispatch(method, input, page);
        expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
      expect(handlers[method]).not.toHaveBeenCalled();
    },
  );

  it('refuses unknown fields on methods that take no input', async () => {
    const { handlers, dispatch } = setup();
    const answer = await dispatch('vault.status', { sneaky: 1 }, page);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handlers['vault.status']).not.toHaveBeenCalled();
  });

  it.each([
    ['a subframe of the app', { url: 'app://keyward/index.html', isMainFrame: false }],
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['a file: page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['a frame without a URL', { url: '', isMainFrame: true }],
  ])('refuses calls from %s without calling the handler', async (_case, sender: Sender) => {
    const { handlers, dispatch } = setup();
    const answer = await dispatch('vault.status', {}, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(handlers['vault.status']).not.toHaveBeenCalled();
  });

  it('refuses methods outside the contract, including inherited names', async () => {
    const { dispatch } = setup();
    for (const method of ['shell.exec', 'toString', '__proto__', 'constructor']) {
      await expect(dispatch(method, {}, page)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown-method' },
      });
    }
  });

  it('redacts secret-looking text inside an error meant for the person', async () => {
    const { handlers, dispatch } = setup();
    handlers['keys.list'].mockRejectedValueOnce(
      new AppError(
        'conflict',
        'Key AKIAIOSFODNN7EXAMPLE with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY clashed',
        'Try again.',
      ),
    );
    const answer = await dispatch('keys.list', { userName: 'alice' }, page);
    expect(JSON.stringify(answer)).not.toContain('wJalrXUtnFEMI');
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringContaining('AKIAIOSFODNN7EXAMPLE') as string,
      },
    });
  });

  it('turns an unexpected failure into a plain message without its details', async () => {
    const { handlers, dispatch } = setup();
    handlers['app.about'].mockRejectedValueOnce(
      new Error('ENOENT /home/alice/.aws/credentials aws_secret_access_key=wJalrXUtnFEMI/K7MDENG'),
    );
    const answer = await dispatch('app.about', {}, page);
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Keyward.',
        hint: expect.stringContaining('Try again') as string,
      },
    });
    expect(JSON.stringify(answer)).not.toContain('alice');
  });
});
