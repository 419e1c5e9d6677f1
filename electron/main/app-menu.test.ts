import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
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
});
