import { defaultActivityLimit } from '../common/activity';
import { defaultSessionSeconds } from '../common/credential-use';
import { AuditStoppedBySwitch, isAuditCancelled } from './audit/audit-service';
import type { Core } from './compose';
import type { Platform } from './platform';
import type { SecretStore } from './vault/secret-store';
import {
  cliProfileState,
  removeCliProfile,
  repairCliProfiles,
  setupCliProfile,
  staleCliProfiles,
} from './aws-config/cli-profile';
import { listPlaintextKeys } from './aws-config/plaintext-keys';
import { openForReceive } from './console-csv/receive-open';
import { AppError } from './errors';
import { checkPassphraseStrength } from './handoff/passphrase-strength';
import type { Handlers } from './ipc/dispatch';
import { isAllowedExternalUrl } from './security/external-links';
import { confirmEndpointChange } from './settings-endpoint';
import { checkVault } from './vault/vault-status';
import type { UpdateService } from './updates/update-service';

/** Everything the handlers stand on; main builds it with Electron, tests with plain Node. */
export interface Services {
  core: Core;
  /** The desktop (OS name, links); the keychain, for its own health check. */
  platform: Platform;
  secretStore: SecretStore;
  appVersion: string;
  /**
   * How the AWS CLI should start Keyward for credential_process (absolute paths); refuses when
   * Keyward's program could move or be swapped (see checkProgramLocation).
   */
  keywardCommand: () => Promise<readonly string[]>;
  /** The installed app's updater; absent where Keyward cannot update itself (tests, the CLI). */
  updates?: Pick<UpdateService, 'state' | 'restartToUpdate'>;
}

/** One handler per contract method: the type makes a missing or misspelt one a compile error. */
export function createHandlers(services: Services): Handlers {
  const { core, platform, appVersion, keywardCommand } = services;
  const { session, keyAdmin, newKeys, lostKeys, deviceKeys, handoff, rotation, audit } = core;
  const done = () => null;
  const keptNames = async () => (await deviceKeys.list()).map((profile) => profile.name);
  return {
    'app.about': () =>
      Promise.resolve({
        name: 'Keyward',
        version: appVersion,
        platform: platform.os,
        touchId: platform.canConfirmPresence?.() ?? false,
      }),
    'vault.status': () => checkVault(services.secretStore, platform.os),
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

    'auth.choices': () => session.choices(),
    'auth.signIn': ({ source, mfaCode }) => session.signIn(source, mfaCode),
    'auth.signOut': () => {
      session.signOut();
      return Promise.resolve(session.whoami());
    },
    'auth.whoami': () => Promise.resolve(session.whoami()),
    'auth.accounts': () => Promise.resolve(session.accounts()),
    'auth.switchAccount': ({ accountId }) => Promise.resolve(session.switchTo(accountId)),
    'auth.permissions': () => session.permissions(),

    'users.list': (input) => keyAdmin.listUsers(input),
    'users.offboardPreview': ({ userName }) => keyAdmin.offboardPreview(userName),
    'users.offboard': ({ userName, mode, confirmLockOut, also }) =>
      keyAdmin.offboard(userName, mode, {
        confirmLockOut: confirmLockOut ?? false,
        also: also ?? [],
      }),

    'people.open': () => core.people.open(),
    'people.changes': ({ run, since }) => Promise.resolve(core.people.changes(run, since)),

    // `accountId`: a key of another signed-in account, from the audit of several accounts.
    'keys.list': ({ userName, accountId }) =>
      core.accountKeys.keyAdmin(accountId).listKeys(userName),
    'keys.setStatus': ({ userName, accessKeyId, status, confirmInUse, accountId }) =>
      core.accountKeys
        .keyAdmin(accountId)
        .setKeyStatus(userName, accessKeyId, status, confirmInUse ?? false)
        .then(done),
    'keys.delete': ({ userName, accessKeyId, confirmInUse, accountId }) =>
      core.accountKeys
        .keyAdmin(accountId)
        .deleteKey(userName, accessKeyId, confirmInUse ?? false)
        .then(done),
    'keys.describe': ({ userName, accessKeyId, description }) =>
      keyAdmin.describeKey(userName, accessKeyId, description).then(done),
    'keys.create': ({ userName, description }) => newKeys.create(userName, description ?? null),
    'keys.reveal': async ({ handle }) => ({ secretAccessKey: await newKeys.reveal(handle) }),
    'keys.copySecret': ({ handle }) => newKeys.copy(handle),
    // The window keeps only the person's own new key here; a colleague's goes in a key file.
    'keys.storeInKeychain': ({ handle, profileName }) => newKeys.keepOwn(handle, profileName),
    'keys.renameKept': ({ handle, from, to }) => newKeys.renameKept(handle, from, to),
    'keys.finish': ({ handle, discard }) => newKeys.finish(handle, discard ?? false).then(done),
    'keys.pending': () => newKeys.heldSettled(),

    'lost.list': () => lostKeys.list(),
    'activity.list': ({ limit, ...filter }) =>
      core.activity.find(filter, { limit: limit ?? defaultActivityLimit }),
    'activity.export': (filter) => core.activity.exportCsv(filter),
    'lost.resolve': ({ journalId, action }) => lostKeys.resolve(journalId, action).then(done),

    'profiles.list': () => deviceKeys.list(),
    'profiles.damaged': () => deviceKeys.damaged(),
    'profiles.send': ({ name, lock }) => deviceKeys.sendToOtherComputer(name, lock),
    'profiles.copySecret': ({ name }) => deviceKeys.copySecret(name),
    'profiles.check': ({ name }) => deviceKeys.check(name),
    'profiles.mfaDevice': ({ name }) => deviceKeys.findMfaDevice(name),
    'profiles.remove': ({ name }) => deviceKeys.remove(name).then(done),
    'profiles.importable': () => listPlaintextKeys(),
    'profiles.importPlaintext': async ({ profile }) =>
      deviceKeys.importPlaintext(profile, {
        keywardCommand: await keywardCommand(),
        region: null,
      }),

    'identity.receivingCode': async () => ({ code: await handoff.receivingCode() }),
    'directory.mine': () => core.directory.mine(),
    'directory.publish': () => core.directory.publish(),
    'directory.unpublish': () => core.directory.unpublish().then(done),
    'directory.lookup': ({ userName }) => core.directory.lookup(userName),
    'directory.checkWords': ({ code }) => Promise.resolve(core.directory.fingerprint(code)),
    'directory.remember': ({ userName, code }) =>
      core.directory.remember(userName, code).then(done),
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
    'handoff.claim': ({
      token,
      index,
      profileName,
      storeEvenIfNotWorking,
      keepEvenIfOtherAccount,
    }) =>
      handoff.claim(token, index, profileName, storeEvenIfNotWorking ?? false, {
        keepEvenIfOtherAccount: keepEvenIfOtherAccount ?? false,
      }),
    'handoff.forget': ({ token }) => {
      handoff.forget(token);
      return Promise.resolve(null);
    },

    'receive.open': ({ source }) =>
      openForReceive({ platform, handoff, consoleCsv: core.consoleCsv }, source),
    'consoleCsv.offers': () => core.consoleCsv.offers(),
    'consoleCsv.keep': ({ token, profileName }) => core.consoleCsv.keep(token, profileName),
    'consoleCsv.deleteOriginal': ({ token }) => core.consoleCsv.deleteOriginal(token),
    'consoleCsv.forget': ({ token }) => {
      core.consoleCsv.forget(token);
      return Promise.resolve(null);
    },

    'cli.setup': async ({ profile, region, mode, durationSeconds, mfaSerial }) => {
      // Checked first: a Keyward the AWS CLI could not start changes nothing.
      const command = await keywardCommand();
      await core.credentials.setUp(profile, {
        mode: mode ?? 'session',
        durationSeconds: durationSeconds ?? defaultSessionSeconds,
        ...(mfaSerial === undefined ? {} : { mfaSerial }),
      });
      return setupCliProfile(profile, { keywardCommand: command, region });
    },
    'sessions.clear': async ({ profile }) => {
      await deviceKeys.require(profile);
      return { cleared: (await core.credentials.clear(profile)).length > 0 };
    },
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

    'audit.run': ({ source, accounts }) =>
      audit
        .run({ ...(source && { source }), ...(accounts && { accounts }) })
        .catch((error: unknown) => {
          if (!isAuditCancelled(error)) throw error;
          if (error instanceof AuditStoppedBySwitch) {
            throw new AppError(
              'cancelled',
              'The audit was stopped because you switched to another AWS account.',
              'It was auditing the account you left. Run it again to audit this one, or choose “All signed-in accounts” to audit both.',
              { details: { stoppedBy: 'account-switch' } },
            );
          }
          throw new AppError(
            'cancelled',
            'The audit was stopped.',
            'Run it again whenever you like.',
          );
        }),
    'batch.run': (request) => core.batch.run(request),
    'batch.progress': () => Promise.resolve(core.batch.progress()),
    'batch.chooseFolder': async () => {
      const folder = await platform.chooseFolder?.('Choose the folder for the key files');
      return folder ? { path: folder } : null;
    },
    'batch.showInFolder': async () => {
      const file = core.batch.lastFile();
      if (file === null) {
        throw new AppError(
          'not-found',
          'No key files were written yet.',
          'Create the keys first, then show them in their folder.',
        );
      }
      await platform.showInFolder?.(file);
      return null;
    },
    'audit.progress': () => Promise.resolve(audit.progress()),
    'audit.cancel': () => {
      audit.cancel();
      return Promise.resolve(null);
    },
    'audit.last': () => Promise.resolve(audit.last()),
    'audit.export': () => audit.exportCsv(),
    'audit.keyChanged': (change) => Promise.resolve(audit.keyChanged(change)),
    'audit.personChanged': ({ userName, accountId }) => audit.personChanged(userName, accountId),
    'audit.fixPreview': ({ kind, days }) => core.auditFix.preview(kind, days),
    'audit.fixApply': ({ planId, confirmation }) => core.auditFix.apply(planId, confirmation),
    'audit.fixProgress': () => Promise.resolve(core.auditFix.progress()),
    'audit.fixCancel': () => {
      core.auditFix.cancel();
      return Promise.resolve(null);
    },
    'audit.fixExport': () => core.auditFix.exportCsv(),

    'clipboard.copyText': async ({ text }) => {
      await core.clipboard.copyText(text);
      return null;
    },

    'clipboard.copySensitive': ({ text }) => core.clipboard.copySensitive(text),

    'updates.state': () => Promise.resolve(services.updates?.state() ?? { kind: 'unavailable' }),
    'updates.restart': () =>
      Promise.resolve().then(() => {
        if (!services.updates) {
          throw new AppError(
            'conflict',
            'This copy of Keyward does not update itself.',
            'Install Keyward from its installer to get updates.',
          );
        }
        services.updates.restartToUpdate();
        return null;
      }),
    'settings.get': () => core.settings.read(),
    'settings.update': async (change) => {
      const { before, next } = await core.settings.check(change);
      await confirmEndpointChange(platform, before.endpoint, next.endpoint);
      return core.settings.update(change);
    },
  };
}
