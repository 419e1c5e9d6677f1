import type { MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchor } from '../common/project-links';
import { isAllowedExternalUrl } from '../core/security/external-links';
import { appMenuTemplate } from './app-menu';

function rolesOf(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? rolesOf(item.submenu) : []),
  ]);
}

describe('Keyward’s application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'in production on %s has no Reload or developer tools, and keeps copy and paste',
    (os) => {
      const roles = rolesOf(appMenuTemplate(os, false)).map((role) => role.toLowerCase());
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forcereload');
      expect(roles).not.toContain('toggledevtools');
      expect(roles).toContain('editmenu');
    },
  );

  it('keeps Reload and the developer tools while developing', () => {
    const roles = rolesOf(appMenuTemplate('linux', true));
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has a Help menu whose every item opens a section the README really has', () => {
    const opened: string[] = [];
    const help = appMenuTemplate('linux', false, (url) => opened.push(url)).find(
      (item) => item.role === 'help',
    );
    const items = Array.isArray(help?.submenu) ? help.submenu : [];
    for (const item of items) (item.click as () => void)();

    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const anchors = [...readme.matchAll(/^#{1,3} (.+)$/gm)].map(([, heading]) =>
      headingAnchor(heading ?? ''),
    );
    expect(opened.length).toBeGreaterThanOrEqual(4);
    for (const url of opened) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
      expect(anchors).toContain(new URL(url).hash.slice(1));
    }
  });
});
