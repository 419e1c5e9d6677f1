// Entry point for `keyward credential-process`, built on its own (out/cli/credential-process.js)
// so the AWS CLI's every call pays only for Node, keytar and one keychain read.
import { credentialProcess } from './credential-output';

const args = process.argv.slice(2);
process.exitCode = await credentialProcess(
  args[0] === 'credential-process' ? args.slice(1) : args,
  {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  },
);
