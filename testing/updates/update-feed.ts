import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PublishedUpdate {
  version: string;
  /** The installer's bytes as served. */
  file: Buffer;
  /** What latest-linux.yml claims the file's sha512 is; the file's own hash unless a test lies. */
  claimedSha512?: string;
}

/**
 * A local update feed laid out as electron-builder publishes to a generic server: latest-linux.yml
 * naming one .deb with its sha512 and size, and the .deb itself. Counts requests, so a test can
 * show that a turned-off updater asked nothing.
 */
export class UpdateFeed {
  readonly requests: string[] = [];
  #server: http.Server | null = null;
  #published: PublishedUpdate | null = null;

  publish(update: PublishedUpdate): void {
    this.#published = update;
  }

  get url(): string {
    const address = this.#server?.address() as AddressInfo | null;
    if (!address) throw new Error('the feed is not started');
    return `http://127.0.0.1:${String(address.port)}/`;
  }

  async start(): Promise<void> {
    this.#server = http.createServer((request, response) => {
      const asked = new URL(request.url ?? '/', 'http://feed').pathname;
      this.requests.push(asked);
      const update = this.#published;
      const fileName = update ? `keyward_${update.version}_amd64.deb` : '';
      if (update && asked === '/latest-linux.yml') {
        const sha512 =
          update.claimedSha512 ?? createHash('sha512').update(update.file).digest('base64');
        response.setHeader('content-type', 'text/yaml');
        response.end(
          [
            `version: ${update.version}`,
            'files:',
            `  - url: ${fileName}`,
            `    sha512: ${sha512}`,
            `    size: ${String(update.file.length)}`,
            `path: ${fileName}`,
            `sha512: ${sha512}`,
            `releaseDate: '2026-11-30T10:00:00.000Z'`,
            '',
          ].join('\n'),
        );
        return;
      }
      if (update && asked === `/${fileName}`) {
        response.setHeader('content-length', String(update.file.length));
        response.end(update.file);
        return;
      }
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  }
}
