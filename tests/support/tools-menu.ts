import { expect, type Page } from './e2e';

/** The items of the Tools menu (the admin actions in the phone strip), by their English names. */
export type Tool = 'Import data' | 'Check my setup' | 'Settings' | 'Export diagnostics' | 'About Switchboard';

/** The Tools menu button in the phone strip. */
export function toolsButton(page: Page) {
  return page.getByRole('button', { name: 'Tools', exact: true });
}

/**
 * Opens the Tools menu and chooses `tool`, as an agent does with the mouse; the item's dialog
 * (or, for Check my setup, the check) opens. The menu closes once an item is chosen.
 */
export async function chooseTool(page: Page, tool: Tool): Promise<void> {
  await toolsButton(page).click();
  const menu = page.getByRole('menu');
  await menu.getByRole('menuitem', { name: `${tool}…`, exact: true }).click();
  await expect(menu).toBeHidden();
}
