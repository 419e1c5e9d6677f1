import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkProgramLocation, packagedCommand } from '../core/aws-config/program-location';

/**
 * How the AWS CLI should start Keyward for credential_process, as arguments: the `keyward`
 * launcher when that is what ran (it says so in KEYWARD_LAUNCHER), the packaged app (see
 * packagedCommand: the AppImage file, headless switches), or Node with this very script (the fast
 * credential-process entry when built).
 */
export function selfCommand(env: NodeJS.ProcessEnv): string[] {
  const launcher = env['KEYWARD_LAUNCHER'];
  // Windows runs no script by its #! line: Node is named explicitly there.
  if (launcher && path.isAbsolute(launcher)) {
    return process.platform === 'win32' ? [process.execPath, launcher] : [launcher];
  }
  if (process.versions['electron']) {
    return packagedCommand({ os: process.platform, execPath: process.execPath, env });
  }
  const script = process.argv[1] ? path.resolve(process.argv[1]) : null;
  if (!script) return [process.execPath];
  if (script.endsWith('.ts')) {
    // Running from source: tsx is resolved here, so the command works from any folder.
    return [process.execPath, '--import', import.meta.resolve('tsx'), script];
  }
  const fast = path.join(path.dirname(script), 'credential-process.js');
  return [process.execPath, existsSync(fast) ? fast : script];
}

/** selfCommand, refused when the program it names could move or be swapped by someone else. */
export async function checkedSelfCommand(env: NodeJS.ProcessEnv): Promise<string[]> {
  const command = selfCommand(env);
  await checkProgramLocation(command, process.platform);
  return command;
}
