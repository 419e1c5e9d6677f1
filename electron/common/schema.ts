import { z } from 'zod';
import { profileNamePattern } from './profile-names';
import { accessKeyIdPattern, userNamePattern } from './key-shapes';

/** Strings from the page are always bounded: a 10 MB string must not reach a handler. */
export const boundedString = (max: number) => z.string().max(max);

/** Methods without arguments still take an object, so unknown fields are refused the same way. */
export const noInput = z.strictObject({});

/** IAM user names: 1–64 of letters, digits and + = , . @ _ - (IAM's own rule). */
export const userNameSchema = z.string().regex(userNamePattern);

export const accessKeyIdSchema = z.string().regex(accessKeyIdPattern);

/** Opaque handle to a secret held in main: 32 hex characters. */
export const handleSchema = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * A kept key's name, as the page refers to it. Whether a name may be given to a new key (no
 * leading dash) core decides, with a message the person can act on.
 */
export const profileNameSchema = z.string().regex(profileNamePattern);

/** Checked again in main against IAM's tag rules, which give the person a precise message. */
export const descriptionSchema = boundedString(1024);

export const signInSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('aws-profile'), name: boundedString(128).min(1) }),
  z.strictObject({ kind: z.literal('stored-key'), profile: profileNameSchema }),
]);
