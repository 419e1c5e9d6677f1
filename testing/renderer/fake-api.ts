import type { KeywardApi } from '../../electron/common/bridge';
import type { BridgeError, ErrorCode, ErrorDetails } from '../../electron/common/errors';
import { fail } from '../../electron/common/result';
import type { Result } from '../../electron/common/result';

export { fail, ok } from '../../electron/common/result';

/** An error as main words it, for a test that makes main refuse. */
export function refusal(code: ErrorCode, message = `Refused (${code}).`): BridgeError {
  return { code, message, hint: 'Do what the hint says.' };
}

/**
 * Main refusing, as a fake bridge method answers: `{ keys: { list: () => refused('network') } }`,
 * with the facts the window acts on (`details`) when the refusal carries any.
 */
export function refused(
  code: ErrorCode,
  message?: string,
  details?: ErrorDetails,
): Promise<Result<never>> {
  return Promise.resolve(fail({ ...refusal(code, message), ...(details && { details }) }));
}

type Domain = Exclude<keyof KeywardApi, 'onNotice'>;

/** The bridge methods a test answers; any other is answered with an error naming it. */
export type FakeMethods = { [D in Domain]?: Partial<KeywardApi[D]> };

/** A recorded call: which method, with what input. */
export interface FakeCall {
  method: string;
  input: unknown;
}

/**
 * A bridge for a renderer state class's unit test, typed against the contract: the methods given
 * answer as the test says and every call is recorded. A method the test did not expect answers
 * with an error that says so, which the state class shows like any other.
 */
export function fakeApi(methods: FakeMethods): { api: KeywardApi; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const table = methods as Record<string, Record<string, (input?: unknown) => unknown> | undefined>;
  const api = new Proxy(
    {},
    {
      get(_target, domain: string) {
        if (domain === 'onNotice') return () => () => undefined;
        return new Proxy(
          {},
          {
            get(_inner, verb: string) {
              return (input?: unknown) => {
                calls.push({ method: `${domain}.${verb}`, input });
                const answer = table[domain]?.[verb];
                if (answer) return answer(input);
                const error = {
                  code: 'internal',
                  message: `The test did not expect ${domain}.${verb}.`,
                  hint: 'Give the fake bridge this method.',
                };
                return Promise.resolve({ ok: false, error });
              };
            },
          },
        );
      },
    },
  ) as KeywardApi;
  return { api, calls };
}

/** An answer main gives when the test says so, to see what the window shows meanwhile. */
export function later<T>(): {
  promise: Promise<Result<T>>;
  answer: (value: T) => void;
  refuse: (error: BridgeError) => void;
} {
  let settle!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (settle = resolve));
  return {
    promise,
    answer: (value) => {
      settle({ ok: true, value });
    },
    refuse: (error) => {
      settle({ ok: false, error });
    },
  };
}

/** Lets answers already given reach the state classes (a few turns of the microtask queue). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
