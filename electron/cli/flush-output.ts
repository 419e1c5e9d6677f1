/**
 * Resolves once everything written so far to these streams has been handed to the OS. Electron's
 * `app.exit` (like Node's `process.exit`) ends the process at once, and where stdout is a pipe
 * written asynchronously (macOS, Windows, Electron) whatever is still queued would be lost: the
 * AWS CLI would read truncated JSON.
 */
export async function flushOutput(streams: readonly NodeJS.WritableStream[]): Promise<void> {
  await Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          // An empty write's callback runs after every earlier write, in order.
          stream.write('', () => {
            resolve();
          });
        }),
    ),
  );
}
