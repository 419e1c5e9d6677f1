import { writeFileSync } from 'node:fs';
import type { AwsFiles } from '../fixtures';
import type { Sandbox, SandboxCredentials } from '../sandbox';

/** A credentials-file section holding a key in plain text, as `aws configure` writes it. */
export function plaintextSection(profile: string, key: SandboxCredentials): string {
  return `[${profile}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`;
}

/**
 * Writes the person's own settings into the AWS config file, as they had them before Keyward;
 * returns them, for checking that Keyward leaves them as they were.
 */
export function writeOwnSettings(awsFiles: AwsFiles): string {
  const own = '# my own settings\n[default]\nregion = us-west-2\n';
  writeFileSync(awsFiles.config, own);
  return own;
}

/**
 * Writes the AWS command line profile "work": the sandbox admin's key in plain text, with the
 * admin's MFA device named, so signing in with it asks for a code.
 */
export function writeMfaProfile(awsFiles: AwsFiles, sandbox: Sandbox): void {
  const { serialNumber } = sandbox.mfaDeviceOf('admin');
  writeFileSync(
    awsFiles.config,
    `[profile work]\nregion = us-east-1\nmfa_serial = ${serialNumber}\n`,
  );
  writeFileSync(awsFiles.credentials, plaintextSection('work', sandbox.admin));
}
