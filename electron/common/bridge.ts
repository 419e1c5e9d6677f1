import type { InputOf, MethodName, OutputOf } from './contract';
import type { Result } from './result';

type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;

type BridgeMethod<M extends MethodName> =
  Record<string, never> extends InputOf<M>
    ? (input?: InputOf<M>) => Promise<Result<OutputOf<M>>>
    : (input: InputOf<M>) => Promise<Result<OutputOf<M>>>;

/** `window.keyward`: one namespace per domain, e.g. `keyward.vault.status()`. */
export type KeywardApi = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as M extends `${D}.${infer V}` ? V : never]: BridgeMethod<M>;
  };
};

export type Invoke = (method: string, input: unknown) => Promise<unknown>;

/**
 * Builds the `window.keyward` object from the contract's method names. It is self-contained
 * (no imports, no closures over module state) because the e2e harness injects its source text
 * into the page, so the page under test gets exactly the object the preload builds.
 */
export function buildBridge(names: readonly string[], invoke: Invoke): Record<string, unknown> {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const verb = name.slice(dot + 1);
    const namespace = (api[domain] ??= {});
    namespace[verb] = (input?: unknown) => invoke(name, input === undefined ? {} : input);
  }
  for (const namespace of Object.values(api)) Object.freeze(namespace);
  return Object.freeze(api);
}
