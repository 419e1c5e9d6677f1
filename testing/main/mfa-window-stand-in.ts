// Stands in for the MFA window process in unit tests: the real window session
// (electron/main/mfa-window/window-session.ts) over stdin and stdout, with a scripted person
// instead of Electron and a page. What it is told to do is the first argument:
//   answer:111111,cancel,…   shows, then answers each question in turn ("cancel" presses Cancel)
//   close-after:111111       answers once, then the person closes the window while AWS checks
//   exit-at-start            exits at once, as Electron does where there is no display
//   exit-on-ask              shows, then dies when the first question arrives
//   never-shows              reads its questions but never puts a window on screen
// When it finishes it appends "finished" to the file named by the second argument, if any.
import { appendFileSync } from 'node:fs';
import { sessionOverPipes } from '../../electron/main/mfa-window/window-session';

const [scenario = '', record] = process.argv.slice(2);
const [kind, list = ''] = scenario.split(':');
const answers = list.split(',').filter((answer) => answer !== '');

function finished(): void {
  if (record) appendFileSync(record, 'finished\n');
  process.exit(0);
}

if (kind === 'exit-at-start') process.exit(1);

if (kind === 'never-shows') {
  process.stdin.resume();
} else {
  const session = sessionOverPipes(process.stdin, process.stdout, finished);
  session.shown();
  for (;;) {
    const next = await session.next();
    if ('done' in next) break;
    if (kind === 'exit-on-ask') process.exit(3);
    const answer = answers.shift();
    if (answer === undefined || answer === 'cancel') {
      session.cancel();
      break;
    }
    session.submit(answer);
    if (kind === 'close-after') {
      session.cancel();
      break;
    }
  }
}
