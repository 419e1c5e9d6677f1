/**
 * Switches that would let another program on this computer look inside the running app (its
 * memory, its keychain answers, the secrets it holds): Chromium's remote debugging, Node's
 * inspector and raw V8 flags. The packaged app refuses to start with any of them; the
 * `enableNodeCliInspectArguments` fuse stops Node's own, these cover Chromium's and V8's too.
 */
const refusedSwitches = [
  '--remote-debugging-port',
  '--remote-debugging-pipe',
  '--remote-debugging-address',
  '--remote-allow-origins',
  '--inspect',
  '--inspect-brk',
  '--inspect-port',
  '--inspect-publish-uid',
  '--debug',
  '--debug-brk',
  '--js-flags',
];

/** The refused switches on a command line, as written there (`--inspect=9229` → `--inspect`). */
export function refusedDebugSwitches(argv: readonly string[]): string[] {
  const found = new Set<string>();
  for (const arg of argv) {
    // Chromium also accepts a single dash, and a switch's value after `=`.
    const name = arg.replace(/^-(?=[^-])/, '--').split('=')[0] ?? '';
    if (refusedSwitches.includes(name.toLowerCase())) found.add(name.toLowerCase());
  }
  return [...found];
}

export function refusedDebugMessage(switches: readonly string[]): string {
  return `Keyward will not start with ${switches.join(', ')}: these let other programs look inside it while it holds your keys. Start Keyward without them.`;
}
