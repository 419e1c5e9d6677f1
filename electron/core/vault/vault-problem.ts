import type { VaultProblem } from '../../common/domain';
import { missingCase } from '../../common/errors';
import { AppError } from '../errors';

/** A keychain failure, told apart by cause because each cause has a different fix. */
export class VaultError extends AppError {
  readonly problem: VaultProblem;

  constructor(problem: VaultProblem, os: NodeJS.Platform, options?: { cause?: unknown }) {
    const { message, hint } = explainVaultProblem(problem, os);
    super('vault-unavailable', message, hint, options);
    this.name = 'VaultError';
    this.problem = problem;
  }
}

/** Reads the cause out of what libsecret, the macOS Keychain or Windows' Credential Manager said. */
export function classifyVaultFailure(error: unknown): VaultProblem {
  const text = error instanceof Error ? error.message : String(error);
  if (
    /Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Unable to autolaunch|Failed to connect to socket|Could not connect/i.test(
      text,
    )
  ) {
    return 'no-session-bus';
  }
  if (
    /org\.freedesktop\.secrets was not provided|ServiceUnknown|No such secret service/i.test(text)
  ) {
    return 'no-secret-service';
  }
  if (
    /locked collection|is locked|user interaction is not allowed|errSecInteractionNotAllowed/i.test(
      text,
    )
  ) {
    return 'locked';
  }
  if (/denied|cancel|not authori[sz]ed|-128|errSecAuthFailed|Access is denied/i.test(text)) {
    return 'refused';
  }
  if (/Cannot find module|was compiled against|NODE_MODULE_VERSION|keytar\.node/i.test(text)) {
    return 'not-installed';
  }
  return 'unknown';
}

export function explainVaultProblem(
  problem: VaultProblem,
  os: NodeJS.Platform,
): { message: string; hint: string } {
  const keychainName = keychainNameFor(os);
  switch (problem) {
    case 'no-session-bus':
      return {
        message:
          'Keyward cannot talk to the keychain because this desktop session has no message bus (D-Bus).',
        hint: 'Start Keyward from a normal desktop session rather than a remote shell, or start one with "dbus-run-session".',
      };
    case 'no-secret-service':
      return {
        message: 'No keychain service is running, so Keyward has nowhere safe to keep your keys.',
        hint: 'On Linux, install and unlock GNOME Keyring or KWallet, then choose "Try again".',
      };
    case 'locked':
      return {
        message: `Your ${keychainName} is locked, so Keyward cannot read or save keys.`,
        hint: `Unlock your ${keychainName} (usually by signing in to your computer again), then choose "Try again".`,
      };
    case 'refused':
      return {
        message: `Your ${keychainName} refused to let Keyward use it.`,
        hint: `When your computer asks whether Keyward may use the ${keychainName}, choose "Allow", then try again.`,
      };
    case 'timeout':
      return {
        message: `Your ${keychainName} did not answer in time.`,
        hint: 'Look for a keychain password prompt hidden behind other windows, answer it, then choose "Try again".',
      };
    case 'not-installed':
      return {
        message: 'Keyward’s keychain component is missing or damaged.',
        hint: 'Reinstall Keyward from its installer.',
      };
    case 'unknown':
      return {
        message: `Keyward could not use your ${keychainName}.`,
        hint: 'Restart your computer and try again. If it keeps happening, report the problem.',
      };
    default:
      return missingCase(problem);
  }
}

function keychainNameFor(os: NodeJS.Platform): string {
  if (os === 'darwin') return 'macOS Keychain';
  if (os === 'win32') return 'Windows Credential Manager';
  return 'keyring';
}
