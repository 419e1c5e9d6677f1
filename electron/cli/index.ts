// Entry point of the `keyward` command line (out/cli/index.js when built; bin/keyward runs it).
import { runCli } from './run-cli';

// The SDK's notice about future Node versions is for whoever picks the runtime, not for someone
// listing keys; it would otherwise be printed on every command. An explicit setting still wins.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
