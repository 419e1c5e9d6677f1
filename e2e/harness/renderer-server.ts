import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serveStaticFile } from '../../electron/core/security/static-files';

/** The built renderer: out/renderer, or under KEYWARD_OUT_DIR when the build was put there. */
export const builtRendererDir = path.resolve(
  import.meta.dirname,
  '../..',
  process.env['KEYWARD_OUT_DIR'] ?? 'out',
  'renderer',
);

export interface RendererServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the built renderer with the same headers (CSP included) as the app:// protocol. */
export async function serveBuiltRenderer(root = builtRendererDir): Promise<RendererServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    void serveStaticFile(root, url.pathname).then((file) => {
      response.writeHead(file.status, file.headers);
      response.end(file.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
