import { isAuditCancelled } from './audit/audit-service';
import {
  cliProfileState,
  removeCliProfile,
  repairCliProfiles,
  setupCliProfile,
  staleCliProfiles,
} from './aws-config/cli-profile';
import { AppError } from './errors';
import type { HandoffDesk } from './handoff/handoff-desk';
import { checkPassphraseStrength } from './handoff/passphrase-strength';
import type { Handlers } from './ipc/dispatch';
import { Keyward } from './keyward';
import { KeyRotation } from './rotation/key-rotation';
import { isAllowedExternalUrl } from './security/external-links';
import { checkVault } from './vault/vault-status';

/** Everything the handlers stand on; main builds it with Electron, tests with plain Node. */
export interface Services {
  keyward: Keyward;
  handoff: HandoffDesk;
  appVersion: string;
  /**
   * How the AWS CLI should start Keyward for credential_process (absolute paths); refuses when
   * Keyward's program could move or be swapped (see checkProgramLocation).
   */
  keywardCommand: () => Promise<readonly string[]>;
}

/** One handler per contract method: the type makes a missing or misspelt one a compile error. */
export function createHandlers(services: Services): Handlers {
  const { keyward, handoff, appVersion, keywardCommand } = services;
  const rotation = rotationFor(keyward);
  const { platform } = keyward;
  const done = () => null;
  const keptNames = async () => (await keyward.profiles.list()).map((profile) => profile.name);
  return {
    'app.about': () =>
      Promise.resolve({ name: 'Keyward', version: appVersion, platform: platform.os }),
    'vault.status': () => checkVault(keyward.secretStore, platform.os),
    'links.open': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError(
          'invalid-input',
          'Keyward only opens links to AWS’s own website.',
          'Copy the address and open it in your browser yourself if you trust it.',
        );
      }
      await platform.openExternal(url);
      return null;
    },

    'auth.choices': () => keyward.signInChoices(),
    'auth.signIn': ({ source, mfaCode }) => keyward.signIn(source, mfaCode),
    'auth.signOut': () => {
      keyward.signOut();
      return Promise.resolve(null);
    },
    'auth.whoami': () => Promise.resolve(keyward.whoami()),
    'auth.permissions': () => keyward.permissions(),

    'users.list': (input) => keyward.listUsers(input),

    'keys.list': ({ userName }) => keyward.listKeys(userName),
    'keys.setStatus': ({ userName, accessKeyId, status, confirmInUse }) =>
      keyward.setKeyStatus(userName, accessKeyId, status, confirmInUse ?? false).then(done),
    'keys.delete': ({ userName, accessKeyId, confirmInUse }) =>
      keyward.deleteKey(userName, accessKeyId, confirmInUse ?? false).then(done),
    'keys.describe': ({ userName, accessKeyId, description }) =>
      keyward.describeKey(userName, accessKeyId, description).then(done),
    'keys.create': ({ userName, description }) => keyward.createKey(userName, description ?? null),
    'keys.reveal': async ({ handle }) => ({ secretAccessKey: await keyward.revealSecret(handle) }),
    'keys.copySecret': ({ handle }) => keyward.copySecret(handle),
    'keys.storeInKeychain': ({ handle, profileName }) =>
      keyward.storeInKeychain(handle, profileName),
    'keys.finish': ({ handle, discard }) => keyward.finish(handle, discard ?? false).then(done),
    'keys.pending': () => keyward.pendingKeysSettled(),

    'lost.list': () => keyward.lostKeys(),
    'lost.resolve': ({ journalId, action }) => keyward.resolveLostKey(journalId, action).then(done),

    'profiles.list': () => keyward.listStoredProfiles(),
    'profiles.copySecret': ({ name }) => keyward.copyStoredSecret(name),
    'profiles.check': ({ name }) => keyward.checkStoredProfile(name),
    'profiles.remove': ({ name }) => keyward.removeStoredProfile(name).then(done),

    'identity.receivingCode': async () => ({ code: await handoff.receivingCode() }),
    'handoff.checkPassphrase': ({ passphrase }) => {
      const check = checkPassphraseStrength(passphrase);
      return Promise.resolve(
        check.ok
          ? { ok: true, estimatedBits: check.estimatedBits }
          : {
              ok: false,
              estimatedBits: check.estimatedBits,
              message: check.message,
              hint: check.hint,
            },
      );
    },
    'handoff.save': ({ handle, lock }) => handoff.save(handle, lock),
    'handoff.open': ({ source }) => handoff.open(source),
    'handoff.unlock': ({ token, passphrase }) => handoff.unlock(token, passphrase),
    'handoff.claim': ({ token, index, profileName, storeEvenIfNotWorking }) =>
      handoff.claim(token, index, profileName, storeEvenIfNotWorking ?? false),
    'handoff.forget': ({ token }) => {
      handoff.forget(token);
      return Promise.resolve(null);
    },

    'cli.setup': async ({ profile, region }) =>
      setupCliProfile(profile, { keywardCommand: await keywardCommand(), region }),
    'cli.status': async ({ profile }) => ({ state: await cliProfileState(profile) }),
    'cli.remove': ({ profile }) => removeCliProfile(profile),
    'cli.staleProfiles': async () => staleCliProfiles({ kept: await keptNames() }),
    'cli.repair': async () =>
      repairCliProfiles({
        keywardCommand: await keywardCommand(),
        region: null,
        kept: await keptNames(),
      }),
    'keys.rotate': ({ profile, graceDays, removeOtherKey }) =>
      rotation.rotate(profile, { graceDays, removeOtherKey }),
    'keys.rotateResume': ({ profile }) => rotation.resume(profile),
    'keys.rotateRollback': ({ profile }) => rotation.rollback(profile),
    'keys.rotationStatus': ({ profile }) => rotation.status(profile),

    'audit.run': ({ source }) =>
      keyward.audit.run(source ? { source } : {}).catch((error: unknown) => {
        if (!isAuditCancelled(error)) throw error;
        throw new AppError(
          'cancelled',
          'The audit was stopped.',
          'Run it again whenever you like.',
        );
      }),
    'audit.progress': () => Promise.resolve(keyward.audit.progress()),
    'audit.cancel': () => {
      keyward.audit.cancel();
      return Promise.resolve(null);
    },
    'audit.last': () => Promise.resolve(keyward.audit.last()),
    'audit.export': () => keyward.audit.exportCsv(),

    'clipboard.copyText': async ({ text }) => {
      await platform.writeClipboard(text);
      return null;
    },

    'clipboard.copySensitive': ({ text }) => keyward.copyToClipboardBriefly(text),

    'settings.get': () => keyward.settings.read(),
    'settings.update': (change) => keyward.settings.update(change),
  };
}

/**
 * Rotation signs in with the key being rotated: on a session of its own, so the window's sign-in
 * (an admin's, say) is not silently replaced by that key's.
 */
export function rotationFor(keyward: Keyward): KeyRotation {
  // The window's sign-in follows the rotated profile when it used the key being replaced.
  return new KeyRotation(new Keyward(keyward.platform, keyward.secretStore), { session: keyward });
}
