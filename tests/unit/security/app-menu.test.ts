import { describe, expect, it } from 'vitest';
import { appMenuPlan, type AppMenuItem } from '../../../electron/security/app-menu';

/** Every role in the menu, submenus included. */
function roles(items: readonly AppMenuItem[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
}

const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];

describe('application menu', () => {
  it.each(['win32', 'linux'])('packaged on %s: no menu bar, so nothing opens DevTools or reloads a call', (platform) => {
    expect(appMenuPlan({ packaged: true, platform, appName: 'Switchboard' })).toEqual({ kind: 'none' });
  });

  it('packaged on macOS: the app menu with Quit, Edit with copy and paste, Window; no DevTools, no Reload', () => {
    const plan = appMenuPlan({ packaged: true, platform: 'darwin', appName: 'Switchboard' });
    if (plan.kind !== 'template') throw new Error(`expected a menu template, got ${plan.kind}`);
    expect(plan.template.map((item) => item.label)).toEqual(['Switchboard', 'Edit', 'Window']);
    const all = roles(plan.template);
    for (const role of DEVELOPER_ROLES) expect(all).not.toContain(role);
    expect(roles(plan.template.slice(0, 1))).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    expect(roles(plan.template.slice(1, 2))).toEqual(expect.arrayContaining(['undo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles(plan.template.slice(2, 3))).toEqual(expect.arrayContaining(['minimize', 'front']));
  });

  it.each(['win32', 'linux', 'darwin'])("development on %s keeps Electron's menu with DevTools", (platform) => {
    expect(appMenuPlan({ packaged: false, platform, appName: 'Switchboard' })).toEqual({ kind: 'electron-default' });
  });
});
