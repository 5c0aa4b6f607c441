// @ts-check
// electron-builder msiProjectCreated hook (electron-builder.yml). Adds one file to the MSI, beside
// Switchboard.exe: `msi-install.marker`. The app reads it (electron/updates/install-kind.ts) to know it was
// installed by the MSI, where IT owns upgrades (msiexec, GPO, Intune), so auto-update stays off.
// A marker installed by the MSI itself is exact: it appears and disappears with the MSI's own files,
// and an NSIS or portable copy never has it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const MSI_MARKER_NAME = 'msi-install.marker';
const ANCHOR = '<ComponentGroup Id="ProductComponents" Directory="APPLICATIONFOLDER">';

/**
 * Returns the WiX project with the marker component added to the product's files.
 * @param {string} wxs the generated project.wxs
 * @param {string} markerSource absolute path of the marker file to embed
 */
export function addMsiMarker(wxs, markerSource) {
  const at = wxs.indexOf(ANCHOR);
  if (at === -1) throw new Error('msi: the WiX project has no ProductComponents group (electron-builder template changed?)');
  if (wxs.includes(`Name="${MSI_MARKER_NAME}"`)) return wxs;
  const source = markerSource.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const component = `\n      <Component><File Name="${MSI_MARKER_NAME}" Source="${source}" ReadOnly="yes" KeyPath="yes"/></Component>`;
  const end = at + ANCHOR.length;
  return `${wxs.slice(0, end)}${component}${wxs.slice(end)}`;
}

/** @param {string} projectFile */
export default async function msiProjectCreated(projectFile) {
  const marker = path.join(path.dirname(projectFile), MSI_MARKER_NAME);
  await writeFile(marker, 'Installed by the Switchboard MSI. Updates are managed by IT; auto-update is off.\r\n');
  await writeFile(projectFile, addMsiMarker(await readFile(projectFile, 'utf8'), marker));
}
