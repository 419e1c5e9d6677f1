import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../common/domain';
import { setLogSink } from '../log';
import { KeytarStore } from './keytar-store';
import { checkVault } from './vault-status';
import {
  emptyBusConfig,
  onOwnSessionBus,
  withLockedKeyring,
} from '../../../testing/core/vault/session-bus';

const run = promisify(execFile);
const probeScript = path.join(import.meta.dirname, '../../../testing/core/vault/probe-vault.ts');
const probe = `node --import tsx ${probeScript}`;

async function probeIn(
  [command, ...args]: [string, ...string[]],
  env: NodeJS.ProcessEnv = process.env,
) {
  // The probe may end itself with SIGKILL once it has answered (see probe-vault.ts).
  const { stdout } = await run(command, args, { env, timeout: 15_000 }).catch(
    (error: unknown) => error as { stdout: string },
  );
  return JSON.parse(stdout) as VaultStatus;
}

/**
 * A bus whose secret service never answers: asking for it starts a program that never claims the
 * name, and the bus waits a minute before giving up — a keychain that hangs.
 */
function hangingBusConfig(): string {
  const services = mkdtempSync(path.join(tmpdir(), 'keyward-bus-services-'));
  writeFileSync(
    path.join(services, 'org.freedesktop.secrets.service'),
    // The stand-in closes its inherited output, or the test would wait for it to exit.
    '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c "exec /bin/sleep 60 </dev/null >/dev/null 2>&1"\n',
  );
  return emptyBusConfig(
    `<servicedir>${services}</servicedir><limit name="service_start_timeout">60000</limit>`,
  );
}

describe('keychain status', () => {
  it('is ready when the unlocked keyring accepts a write, and leaves nothing behind', async () => {
    const store = new KeytarStore({ os: process.platform, service: 'Keyward-test-status' });
    const status = await checkVault(store, process.platform);
    expect(status).toEqual({ state: 'ready', backend: store.backend });
    expect(await store.list()).toEqual([]);
  });

  it('explains a missing D-Bus session instead of crashing', async () => {
    const status = await probeIn(['sh', '-c', probe], {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tmpdir(), 'keyward-no-such-bus')}`,
    });
    expect(status).toMatchObject({ state: 'unavailable', problem: 'no-session-bus' });
  });

  it('says no keychain service is running when none is on the bus', async () => {
    const status = await probeIn(onOwnSessionBus(probe, emptyBusConfig()));
    expect(status).toEqual({
      state: 'unavailable',
      problem: 'no-secret-service',
      message: 'No keychain service is running, so Keyward has nowhere safe to keep your keys.',
      hint: 'On Linux, install and unlock GNOME Keyring or KWallet, then choose "Try again".',
    });
  });

  it('gives up on a keychain that never answers, instead of freezing', async () => {
    const started = Date.now();
    const status = await probeIn(onOwnSessionBus(probe, hangingBusConfig()));
    expect(status).toMatchObject({ state: 'unavailable', problem: 'timeout' });
    if (status.state === 'unavailable') expect(status.hint).toMatch(/password prompt/);
    expect(Date.now() - started).toBeLessThan(14_000);
  });

  it('tells a locked keyring apart, with how to unlock it', async () => {
    const status = await probeIn(onOwnSessionBus(withLockedKeyring(probe)));
    expect(status).toMatchObject({ state: 'unavailable', problem: 'locked' });
    if (status.state === 'unavailable') expect(status.hint).toContain('Unlock');
  });

  it('logs the outcome without the probe value', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      const store = new KeytarStore({ os: process.platform, service: 'Keyward-test-status' });
      await checkVault(store, process.platform);
    } finally {
      setLogSink((line) => process.stderr.write(`${line}\n`));
    }
    expect(lines).toEqual(['[vault] status ready']);
  });
});

describe('the keychain store', () => {
  it('keeps, lists, reads and removes entries under its own service name only', async () => {
    const store = new KeytarStore({
      os: process.platform,
      service: `Keyward-test-${String(process.pid)}`,
    });
    const other = new KeytarStore({
      os: process.platform,
      service: `Keyward-other-${String(process.pid)}`,
    });
    await store.set('work', 'value-1');
    await other.set('work', 'other-value');
    try {
      expect(await store.get('work')).toBe('value-1');
      expect(await store.list()).toEqual(['work']);
      expect(await store.get('missing')).toBeNull();
      expect(await store.delete('work')).toBe(true);
      expect(await store.delete('work')).toBe(false);
      expect(await other.get('work')).toBe('other-value');
    } finally {
      await other.delete('work');
    }
  });
});
