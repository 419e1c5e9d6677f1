import type { About, VaultStatus } from './domain';
import { z } from 'zod';
import { boundedString, noInput } from './schema';

declare const outputType: unique symbol;
/** Carries a method's output type in the contract without a runtime value. */
export interface Returns<T> {
  readonly [outputType]?: T;
}
const returns = <T>(): Returns<T> => ({});

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: Returns<unknown>;
}

/**
 * Every method the renderer may call, once. The map is also the allowlist: the preload exposes
 * exactly these names, and main registers exactly one handler for each.
 */
export const contract = {
  'app.about': { input: noInput, output: returns<About>() },
  'vault.status': { input: noInput, output: returns<VaultStatus>() },
  'links.open': {
    input: z.strictObject({ url: boundedString(2048) }),
    output: returns<null>(),
  },
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.infer<Contract[M]['input']>;
export type OutputOf<M extends MethodName> =
  Contract[M]['output'] extends Returns<infer O> ? O : never;

export const methodNames = Object.keys(contract) as MethodName[];

export const isMethodName = (name: string): name is MethodName =>
  Object.prototype.hasOwnProperty.call(contract, name);

/** One IPC channel per method; the preload and main derive it the same way. */
export const channelFor = (method: MethodName): string => `keyward:${method}`;
