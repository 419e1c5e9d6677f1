import { z } from 'zod';

/** Strings from the page are always bounded: a 10 MB string must not reach a handler. */
export const boundedString = (max: number) => z.string().max(max);

/** Methods without arguments still take an object, so unknown fields are refused the same way. */
export const noInput = z.strictObject({});
