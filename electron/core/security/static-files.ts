import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from './content-security-policy';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * Serves the built renderer for the app:// protocol and the e2e harness alike, with the same
 * headers. Paths are resolved inside `root` only; anything that escapes it is not found.
 */
export async function serveStaticFile(root: string, urlPath: string): Promise<StaticResponse> {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    // Links in the page (AWS's documentation) must not be looked up before anyone clicks them.
    'X-DNS-Prefetch-Control': 'off',
    'Cache-Control': 'no-store',
  };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, headers, body: 'Bad request' };
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  const type = mimeTypes[path.extname(file)];
  if (!file.startsWith(resolvedRoot + path.sep) || type === undefined) {
    return { status: 404, headers, body: 'Not found' };
  }
  try {
    return {
      status: 200,
      headers: { ...headers, 'Content-Type': type },
      body: await readFile(file),
    };
  } catch {
    return { status: 404, headers, body: 'Not found' };
  }
}
