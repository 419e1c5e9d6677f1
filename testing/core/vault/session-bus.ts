import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A session bus that starts nothing on demand, so no secret service can appear on it; `extra`
 * adds to its configuration.
 */
export function emptyBusConfig(extra = ''): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'keyward-bus-')), 'session.conf');
  writeFileSync(
    file,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${tmpdir()}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
${extra}
</busconfig>`,
  );
  return file;
}

/** The program and arguments that run a shell `command` on a session bus of its own. */
export function onOwnSessionBus(command: string, busConfig?: string): [string, ...string[]] {
  const config = busConfig === undefined ? [] : [`--config-file=${busConfig}`];
  return ['dbus-run-session', ...config, '--', 'sh', '-c', command];
}

/** A shell `command` run after GNOME Keyring starts without being unlocked: a locked keyring. */
export function withLockedKeyring(command: string): string {
  return `gnome-keyring-daemon --components=secrets >/dev/null 2>&1; ${command}`;
}
