import type { z } from 'zod';
import { contract, isMethodName } from '../../common/contract';
import type { InputOf, MethodName, OutputOf } from '../../common/contract';
import { fail, ok } from '../../common/result';
import type { Result } from '../../common/result';
import { toBridgeError } from '../errors';
import { describeError, log, redactSecrets } from '../log';
import { isTrustedSender } from './sender';
import type { Sender } from './sender';

/** Handlers get parsed, typed input and never see the IPC event. */
export type Handlers = {
  [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>>;
};

export type Dispatch = (method: string, input: unknown, sender: Sender) => Promise<Result<unknown>>;

/**
 * The one path every bridge call takes, in Electron and in the e2e harness alike:
 * sender check → schema parse → handler → Result.
 */
export function createDispatcher(handlers: Handlers, appOrigin: string): Dispatch {
  return async (method, input, sender) => {
    if (!isTrustedSender(sender, appOrigin)) {
      log('ipc', `${method} refused: untrusted sender`);
      return fail({
        code: 'forbidden-sender',
        message: 'This request did not come from Keyward’s own window, so it was refused.',
        hint: 'Use Keyward’s main window.',
      });
    }
    if (!isMethodName(method)) {
      return fail({
        code: 'unknown-method',
        message: 'Keyward does not know this request.',
        hint: 'Update Keyward, or restart it if you just updated.',
      });
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) {
      log('ipc', `${method} refused: invalid input (${describeIssues(parsed.error)})`);
      return fail({
        code: 'invalid-input',
        message: 'Keyward received a request it could not understand.',
        hint: 'Check what you typed and try again.',
      });
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      log('ipc', `${method} failed: ${describeError(error)}`);
      // Messages are Keyward's own words, but some quote names or AWS text: a backstop for secrets.
      const bridgeError = toBridgeError(error);
      return fail({
        ...bridgeError,
        message: redactSecrets(bridgeError.message),
        hint: redactSecrets(bridgeError.hint),
      });
    }
  };
}

/** Paths and issue codes only: the offending values may be secrets or megabytes long. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.code}`)
    .join('; ');
}
