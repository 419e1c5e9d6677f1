import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';
import { isAllowedExternalUrl } from './external-links';
import { serveStaticFile } from './static-files';

describe('the content security policy', () => {
  it('allows only the app’s own scripts and no network, framing or forms', () => {
    const directives = new Map(
      contentSecurityPolicy.split('; ').map((d) => {
        const [name = '', ...values] = d.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
  });
});

describe('links that leave the app', () => {
  it.each([
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    'https://console.aws.amazon.com/iam/home',
    'https://github.com/keyward/keyward#limits',
  ])('opens AWS documentation and console links, and Keyward’s own page: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://docs.aws.amazon.com/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://user:pw@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'keyward://open',
    'not a url',
    'https://github.com/someone-else/keyward',
    'https://github.com/keyward/keyward/releases/download/v9/evil.exe',
    'https://github.com/keyward/keyward?tab=x',
    'http://github.com/keyward/keyward',
  ])('refuses anything else: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('opens an e-mail draft with only a subject and a body, for the person to address and send', () => {
    const draft = `mailto:?subject=${encodeURIComponent('My receiving code')}&body=${encodeURIComponent('It is safe to send.\n\nage1abc')}`;
    expect(isAllowedExternalUrl(draft)).toBe(true);
    expect(isAllowedExternalUrl('mailto:?body=age1abc')).toBe(true);
  });

  it.each([
    'mailto:',
    'mailto:someone@evil.example?subject=a&body=b',
    'mailto:?to=someone@evil.example&body=b',
    'mailto:?subject=a&body=b&cc=someone@evil.example',
    'mailto:?subject=a&body=b&bcc=someone@evil.example',
    'mailto:?subject=a&attach=/home/me/.aws/credentials',
    'mailto:?subject=a&body=b&body=c',
    'mailto:?Subject=a',
    'mailto:?subject=a#more',
  ])('refuses any other e-mail link: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('serving the renderer', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'keyward-static-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  const outside = path.join(path.dirname(root), 'outside-secret.html');
  writeFileSync(outside, 'secret');

  it('serves the app’s files with the CSP header', async () => {
    const file = await serveStaticFile(root, '/');
    expect(file.status).toBe(200);
    expect(file.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(file.headers['Content-Type']).toContain('text/html');
  });

  it('turns off DNS prefetching, so a link is not looked up before anyone clicks it', async () => {
    const file = await serveStaticFile(root, '/');
    expect(file.headers['X-DNS-Prefetch-Control']).toBe('off');
  });

  it.each(['/../outside-secret.html', '/%2e%2e/outside-secret.html', '/..%2Foutside-secret.html'])(
    'never serves a file outside its folder: %s',
    async (urlPath) => {
      const file = await serveStaticFile(root, urlPath);
      expect(file.status).toBe(404);
      expect(String(file.body)).not.toContain('secret');
    },
  );

  it('refuses malformed escapes and unknown file types', async () => {
    expect((await serveStaticFile(root, '/%E0%A4%A')).status).toBe(400);
    writeFileSync(path.join(root, 'notes.txt'), 'x');
    expect((await serveStaticFile(root, '/notes.txt')).status).toBe(404);
  });
});
