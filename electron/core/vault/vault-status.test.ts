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

const run = promisify(execFile);
const probeScript = path.join(import.meta.dirname, 'test-support/probe-vault.ts');
const probe = `node --import tsx ${probeScript}`;

async function probeIn(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const { stdout } = await run(command, args, { env, timeout: 15_000 });
  return JSON.parse(stdout) as VaultStatus;
}

/** A session bus that starts nothing on demand, so no secret service can appear on it. */
function emptyBusConfig(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'keyward-bus-')), 'session.conf');
  writeFileSync(
    file,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${tmpdir()}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`,
  );
  return file;
}

describe('keychain status', () => {
  it('is ready when the unlocked keyring accepts a write, and leaves nothing behind', async () => {
    const store = new KeytarStore({ os: process.platform, service: 'Keyward-test-status' });
    const status = await checkVault(store, process.platform);
    expect(status).toEqual({ state: 'ready', backend: store.backend });
    expect(await store.list()).toEqual([]);
  });

  it('explains a missing D-Bus session instead of crashing', async () => {
    const status = await probeIn('sh', ['-c', probe], {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tmpdir(), 'keyward-no-such-bus')}`,
    });
    expect(status).toMatchObject({ state: 'unavailable', problem: 'no-session-bus' });
  });

  it('says no keychain service is running when none is on the bus', async () => {
    const status = await probeIn('dbus-run-session', [
      `--config-file=${emptyBusConfig()}`,
      '--',
      'sh',
      '-c',
      probe,
    ]);
    expect(status).toEqual({
      state: 'unavailable',
      problem: 'no-secret-service',
      message: 'No keychain service is running, so Keyward has nowhere safe to keep your keys.',
      hint: 'On Linux, install and unlock GNOME Keyring or KWallet, then choose "Try again".',
    });
  });

  it('tells a locked keyring apart, with how to unlock it', async () => {
    const status = await probeIn('dbus-run-session', [
      '--',
      'sh',
      '-c',
      `gnome-keyring-daemon --components=secrets >/dev/null 2>&1; ${probe}`,
    ]);
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
