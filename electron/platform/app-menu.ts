import { app, Menu } from 'electron';
import { appMenuPlan } from '../security/app-menu';

/** Replaces Electron's default menu (DevTools, Reload) in packaged builds; see security/app-menu.ts. */
export function installAppMenu(): void {
  const plan = appMenuPlan({ packaged: app.isPackaged, platform: process.platform, appName: app.name });
  if (plan.kind === 'none') Menu.setApplicationMenu(null);
  else if (plan.kind === 'template') Menu.setApplicationMenu(Menu.buildFromTemplate(plan.template));
}
