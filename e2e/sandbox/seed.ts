import { z } from 'zod';

export const PERMISSIONS = ['admin', 'self', 'self-mfa', 'readonly', 'none'] as const;

/** A user's permission level; policy.ts says what each allows. */
export type Permission = (typeof PERMISSIONS)[number];

export interface SeedTag {
  Key: string;
  Value: string;
}

export interface SeedLastUsed {
  date: string;
  serviceName: string;
  region: string;
}

export interface SeedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsed?: SeedLastUsed;
}

export interface SeedUser {
  userName: string;
  path?: string;
  permission: Permission;
  createDate?: string;
  tags?: SeedTag[];
  accessKeys?: SeedAccessKey[];
  mfaDevices?: SeedMfaDevice[];
  /** Whether the user has a console password (IAM's login profile). */
  loginProfile?: boolean;
  /** The groups the user is in; a group is made by naming it. */
  groups?: string[];
}

/** A virtual MFA device: an authenticator app set up with `base32Seed`. */
export interface SeedMfaDevice {
  /** `arn:aws:iam::ACCOUNT:mfa/NAME` (NAME may have a path, and need not be the user's name). */
  serialNumber: string;
  /** The TOTP secret, base32 (RFC 4648), as AWS shows it when the device is set up. */
  base32Seed: string;
  /** ListMFADevices' EnableDate; the user's creation date when absent. */
  enableDate?: string;
}

/** The sandbox's starting state, as written in a seed JSON file. Dates are ISO 8601. */
export interface SandboxSeed {
  accountId: string;
  accountAlias?: string;
  users: SeedUser[];
}

const isoDate = z.iso.datetime({ offset: true });

const tagSchema = z.object({
  Key: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, 'must match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+')
    .refine((key) => !key.toLowerCase().startsWith('aws:'), "must not start with 'aws:'"),
  Value: z
    .string()
    .max(256)
    .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'must match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*'),
});

const accessKeySchema = z.strictObject({
  accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/, 'must be AKIA followed by 16 A-Z/0-9'),
  secretAccessKey: z.string().regex(/^[A-Za-z0-9/+]{40}$/, 'must be 40 characters of A-Za-z0-9/+'),
  status: z.enum(['Active', 'Inactive']),
  createDate: isoDate,
  lastUsed: z
    .strictObject({ date: isoDate, serviceName: z.string().min(1), region: z.string().min(1) })
    .optional(),
});

/** A virtual MFA device ARN, whatever the account: the account is checked against the seed's. */
const MFA_SERIAL = /^arn:aws:iam::(\d{12}):mfa(\/|\/[\u0021-\u007e]+\/)[\w+=,.@-]{1,226}$/;

const mfaDeviceSchema = z.strictObject({
  serialNumber: z
    .string()
    .max(256)
    .regex(MFA_SERIAL, 'must be a virtual MFA device ARN: arn:aws:iam::ACCOUNT:mfa/NAME'),
  base32Seed: z
    .string()
    .regex(/^[A-Z2-7]{16,}=*$/, 'must be base32 (A-Z, 2-7), at least 16 characters'),
  enableDate: isoDate.optional(),
});

const userSchema = z.strictObject({
  userName: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w+=,.@-]+$/, 'must match [\\w+=,.@-]+'),
  path: z
    .string()
    .max(512)
    .regex(/^(\/|\/[\u0021-\u007e]+\/)$/, 'must begin and end with /')
    .optional(),
  permission: z.enum(PERMISSIONS),
  createDate: isoDate.optional(),
  tags: z.array(tagSchema).max(50).optional(),
  accessKeys: z
    .array(accessKeySchema)
    .max(2, 'AWS allows at most 2 access keys per user')
    .optional(),
  mfaDevices: z
    .array(mfaDeviceSchema)
    .max(8, 'AWS allows at most 8 MFA devices per user')
    .optional(),
  loginProfile: z.boolean().optional(),
  groups: z
    .array(z.string().regex(/^[\w+=,.@-]{1,128}$/, 'must match [\\w+=,.@-]{1,128}'))
    .max(10, 'AWS allows a user in at most 10 groups')
    .optional(),
});

const seedSchema = z
  .strictObject({
    accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
    accountAlias: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/,
        'must be 3-63 lowercase letters, digits, -',
      )
      .optional(),
    users: z.array(userSchema),
  })
  .superRefine((seed, ctx) => {
    const names = new Set<string>();
    const keyIds = new Set<string>();
    const serials = new Set<string>();
    seed.users.forEach((user, index) => {
      // IAM user names are unique regardless of case.
      const name = user.userName.toLowerCase();
      if (names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', index, 'userName'],
          message: `duplicate user name ${user.userName}`,
        });
      }
      names.add(name);
      const tagKeys = new Set<string>();
      user.tags?.forEach((tag, tagIndex) => {
        if (tagKeys.has(tag.Key.toLowerCase())) {
          ctx.addIssue({
            code: 'custom',
            path: ['users', index, 'tags', tagIndex, 'Key'],
            message: `duplicate tag key ${tag.Key} (tag keys are case-insensitive)`,
          });
        }
        tagKeys.add(tag.Key.toLowerCase());
      });
      user.accessKeys?.forEach((key, keyIndex) => {
        if (keyIds.has(key.accessKeyId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['users', index, 'accessKeys', keyIndex, 'accessKeyId'],
            message: `duplicate access key id ${key.accessKeyId}`,
          });
        }
        keyIds.add(key.accessKeyId);
      });
      user.mfaDevices?.forEach((device, deviceIndex) => {
        const path = ['users', index, 'mfaDevices', deviceIndex, 'serialNumber'];
        if (MFA_SERIAL.exec(device.serialNumber)?.[1] !== seed.accountId) {
          ctx.addIssue({
            code: 'custom',
            path,
            message:
              `must be a virtual MFA device of account ${seed.accountId}: ` +
              `arn:aws:iam::${seed.accountId}:mfa/NAME`,
          });
        }
        if (serials.has(device.serialNumber)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `duplicate MFA device ${device.serialNumber} (a device belongs to one user)`,
          });
        }
        serials.add(device.serialNumber);
      });
    });
  });

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Checks untrusted seed data (a JSON file, a test's literal) and names every problem found. */
export function parseSeed(input: unknown, source = 'seed'): SandboxSeed {
  const result = seedSchema.safeParse(input);
  if (!result.success) {
    throw new SeedError(`Invalid sandbox ${source}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
