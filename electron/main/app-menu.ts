import type { MenuItemConstructorOptions } from 'electron';
import { helpSections, readmeSectionUrl } from '../common/project-links';

/**
 * Keyward's application menu. Production has no Reload and no developer tools (a reload would
 * drop the page's hold on a new key's secret; the tools would show it): only the standard Edit
 * menu, so copy and paste work in every field, the window items, and Help, which opens the
 * README's sections in the browser. Development keeps both.
 */
export function appMenuTemplate(
  os: NodeJS.Platform,
  development: boolean,
  openLink: (url: string) => void = () => undefined,
): MenuItemConstructorOptions[] {
  const menu: MenuItemConstructorOptions[] = [];
  if (os === 'darwin') menu.push({ role: 'appMenu' });
  else menu.push({ label: 'File', submenu: [{ role: 'quit', label: 'Quit Keyward' }] });
  menu.push({ role: 'editMenu' });
  if (development) {
    menu.push({
      label: 'Development',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  menu.push({ role: 'windowMenu' });
  menu.push({
    role: 'help',
    submenu: helpSections.map(({ label, heading }) => ({
      label,
      click: () => {
        openLink(readmeSectionUrl(heading));
      },
    })),
  });
  return menu;
}
