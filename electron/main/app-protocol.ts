import { protocol } from 'electron';
import { serveStaticFile } from '../core/security/static-files';

const scheme = 'app';
export const appOrigin = `${scheme}://keyward`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Must run before `ready`: a standard, secure scheme gets a real origin and secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

/** Serves the built renderer from the app's own files, never from the file system at large. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(scheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'keyward') return new Response('Not found', { status: 404 });
    const file = await serveStaticFile(rendererRoot, url.pathname);
    return new Response(file.body, { status: file.status, headers: file.headers });
  });
}
