import { expect, type Page } from '@playwright/test';

/**
 * Sets the phone up as an agent does on a first start (Phone settings: server, domain, their
 * account) and waits until it is registered.
 */
export async function setUpPhone(
  page: Page,
  server: string,
  account: { user: string; password: string } = { user: '1001', password: 'secret-1001' },
): Promise<void> {
  const phone = page.getByRole('region', { name: 'Phone' });
  const settings = page.getByRole('dialog', { name: 'Phone settings' });
  await phone.getByRole('button', { name: 'Phone settings' }).click();
  await settings.getByRole('textbox', { name: 'SIP server (WSS URL)' }).fill(server);
  await settings.getByRole('textbox', { name: 'SIP domain' }).fill('127.0.0.1');
  await settings.getByRole('textbox', { name: 'Username' }).fill(account.user);
  await settings.getByLabel('Password', { exact: true }).fill(account.password);
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();
  await expect(phone.getByRole('status').first()).toHaveText('Registered');
}
