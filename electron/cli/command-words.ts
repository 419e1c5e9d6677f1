/**
 * The first words of every `keyward` command. The packaged app checks its arguments against this
 * small list to decide, before anything else loads, whether to run as the command line (no window).
 * electron/cli/command-words.test.ts keeps it equal to the command table.
 */
export const commandWords: ReadonlySet<string> = new Set([
  'credential-process',
  'help',
  '--help',
  '-h',
  'whoami',
  'users',
  'keys',
  'handoff',
  'import',
  'identity',
  'profiles',
  'cli',
  'session',
  'exec',
  'audit',
  'lost',
  'activity',
]);
