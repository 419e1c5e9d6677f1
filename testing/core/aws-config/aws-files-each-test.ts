import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { AwsFiles } from '../../../electron/core/aws-config/aws-files';

/**
 * For a test file about the AWS CLI's files: before each test, a new empty folder (`dir`) and the
 * paths of a config and a credentials file in it (neither created yet); the folder is removed
 * after the test. The object is the same throughout and its fields change before each test, so
 * read them inside tests.
 */
export function awsFilesForEachTest(): AwsFiles & { dir: string } {
  const current = { dir: '', config: '', credentials: '' };
  beforeEach(() => {
    current.dir = mkdtempSync(path.join(tmpdir(), 'keyward-aws-files-'));
    current.config = path.join(current.dir, 'config');
    current.credentials = path.join(current.dir, 'credentials');
  });
  afterEach(() => {
    rmSync(current.dir, { recursive: true, force: true });
  });
  return current;
}
