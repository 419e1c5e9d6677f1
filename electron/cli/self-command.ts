import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * How the AWS CLI should start Keyward for credential_process, as arguments: the `keyward`
 * launcher when that is what ran (it says so in KEYWARD_LAUNCHER), the packaged app's
 * executable, or Node with this very script (the fast credential-process entry when built).
 */
export function selfCommand(env: NodeJS.ProcessEnv): string[] {
  const launcher = env['KEYWARD_LAUNCHER'];
  // Windows runs no script by its #! line: Node is named explicitly there.
  if (launcher && path.isAbsolute(launcher)) {
    return process.platform === 'win32' ? [process.execPath, launcher] : [launcher];
  }
  if (process.versions['electron']) return [process.execPath];
  const script = process.argv[1] ? path.resolve(process.argv[1]) : null;
  if (!script) return [process.execPath];
  if (script.endsWith('.ts')) {
    // Running from source: tsx is resolved here, so the command works from any folder.
    return [process.execPath, '--import', import.meta.resolve('tsx'), script];
  }
  const fast = path.join(path.dirname(script), 'credential-process.js');
  return [process.execPath, existsSync(fast) ? fast : script];
}
