import type { InputOf, MethodName, NoticeName, OutputOf } from './contract';
import type { Result } from './result';

type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;

type BridgeMethod<M extends MethodName> =
  Record<string, never> extends InputOf<M>
    ? (input?: InputOf<M>) => Promise<Result<OutputOf<M>>>
    : (input: InputOf<M>) => Promise<Result<OutputOf<M>>>;

/**
 * `window.keyward`: one namespace per domain, e.g. `keyward.vault.status()`, and `onNotice` for
 * the few things main says unasked (see noticeNames); it returns the unsubscribe function.
 */
export type KeywardApi = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as M extends `${D}.${infer V}` ? V : never]: BridgeMethod<M>;
  };
} & { onNotice(listener: (notice: NoticeName) => void): () => void };

export type Invoke = (method: string, input: unknown) => Promise<unknown>;
export type Listen = (listener: (notice: string) => void) => () => void;

/**
 * Builds the `window.keyward` object from the contract's method names. It is self-contained
 * (no imports, no closures over module state) because the e2e harness injects its source text
 * into the page, so the page under test gets exactly the object the preload builds.
 */
export function buildBridge(
  names: readonly string[],
  invoke: Invoke,
  listen: Listen,
): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of names) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const verb = name.slice(dot + 1);
    const namespace = (api[domain] ??= {}) as Record<string, (input?: unknown) => unknown>;
    namespace[verb] = (input?: unknown) => invoke(name, input === undefined ? {} : input);
  }
  for (const namespace of Object.values(api)) Object.freeze(namespace);
  api['onNotice'] = (listener: (notice: string) => void) => listen(listener);
  return Object.freeze(api);
}
