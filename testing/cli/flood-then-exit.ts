// Writes several megabytes to stdout made asynchronous (as a pipe is on macOS, Windows and in
// Electron), then exits at once, as Electron's app.exit does; with `flush`, through flushOutput.
import { flushOutput } from '../../electron/cli/flush-output';

const bytes = Number(process.argv[2]);
const handle = (process.stdout as unknown as { _handle?: { setBlocking?: (on: boolean) => void } })
  ._handle;
handle?.setBlocking?.(false);
process.stdout.write('{"items":[' + '"x",'.repeat(bytes / 4) + '"end"]}');
if (process.argv[3] === 'flush') await flushOutput([process.stdout, process.stderr]);
process.exit(0);
