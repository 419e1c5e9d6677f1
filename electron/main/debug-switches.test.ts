import { describe, expect, it } from 'vitest';
import { refusedDebugMessage, refusedDebugSwitches } from './debug-switches';

describe('the packaged app’s own command line', () => {
  it.each([
    [['--remote-debugging-port=9222'], ['--remote-debugging-port']],
    [['--remote-debugging-pipe'], ['--remote-debugging-pipe']],
    [['--inspect'], ['--inspect']],
    [['--inspect-brk=0.0.0.0:9229'], ['--inspect-brk']],
    [['-inspect=9229'], ['--inspect']],
    [['--js-flags=--allow-natives-syntax'], ['--js-flags']],
    [['--REMOTE-DEBUGGING-PORT=1'], ['--remote-debugging-port']],
  ])('refuses %j', (argv, refused) => {
    expect(refusedDebugSwitches(['/opt/Keyward/keyward', ...argv])).toEqual(refused);
  });

  it('starts with a key file, a command or the headless switches', () => {
    for (const argv of [
      ['/home/me/alice.keyward'],
      ['credential-process', '--profile', 'work'],
      ['--ozone-platform=headless', '--disable-gpu', 'whoami'],
      ['keys', 'describe', '--description', '--inspect is a word here'],
    ]) {
      expect(refusedDebugSwitches(['/opt/Keyward/keyward', ...argv])).toEqual([]);
    }
  });

  it('says what it refused and what to do', () => {
    expect(refusedDebugMessage(['--inspect'])).toBe(
      'Keyward will not start with --inspect: these let other programs look inside it while it holds your keys. Start Keyward without them.',
    );
  });
});
