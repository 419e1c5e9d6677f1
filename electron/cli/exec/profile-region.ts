import { AppError } from '../../core/errors';
import type { AwsFiles } from '../../core/aws-config';
import { readSnapshot } from '../../core/aws-config/aws-files';
import type { AwsCliReading, AwsFile } from '../../core/aws-config/aws-cli-reading';
import { awsCliReading, readAwsFile } from '../../core/aws-config/aws-cli-reading';
import type { AwsFileKind } from '../../core/aws-config/profile-sections';

export interface ProfileRegion {
  /** The region `aws --profile NAME` would use, or null when the profile sets none. */
  region: string | null;
  /** Why a file could not be read (the region is then not known), for a note; else null. */
  problem: string | null;
}

/**
 * The AWS profile's region as the AWS CLI reads it: the last section naming the profile in the
 * config file (botocore's build_profile_map keeps the last), with DEFAULT's settings inherited,
 * then the credentials file's section of that name over it (botocore merges the credentials file
 * into the profiles; the JavaScript SDK does the same).
 */
export async function profileRegion(profile: string, files: AwsFiles): Promise<ProfileRegion> {
  let region: string | null = null;
  for (const kind of ['config', 'credentials'] as const) {
    const file = kind === 'config' ? files.config : files.credentials;
    let read: AwsFile;
    try {
      read = readAwsFile(await readSnapshot(file), kind);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { region: null, problem: error.message };
    }
    const reading = awsCliReading(read);
    if (!reading.ok) {
      const what = read.problem?.what ?? reading.error;
      return { region: null, problem: `The AWS CLI cannot read ${file}: ${what}.` };
    }
    region = regionIn(reading, profile, kind) ?? region;
  }
  return { region, problem: null };
}

function regionIn(
  reading: Extract<AwsCliReading, { ok: true }>,
  profile: string,
  kind: AwsFileKind,
): string | null {
  const headers =
    kind === 'config'
      ? Object.hasOwn(reading.profiles, profile)
        ? (reading.profiles[profile] ?? [])
        : []
      : [profile];
  const header = headers.at(-1);
  if (header === undefined || !Object.hasOwn(reading.sections, header)) return null;
  const value = reading.sections[header]?.['region'];
  return typeof value === 'string' && value !== '' ? value : null;
}
