import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const configText = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const config = parse(configText) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => {
  expect(value, 'expected an object').toBeTypeOf('object');
  return value as Obj;
};

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
    a: Ajv,
  ) => Ajv;
  addFormats(ajv);
  // electron-builder's schema uses ajv-keywords' `typeof` (for hook functions).
  ajv.addKeyword({ keyword: 'typeof', validate: (type: string, data: unknown) => typeof data === type });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const validate = validator();
    const ok = validate(config);
    const problems = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`);
    expect(problems).toEqual([]);
    expect(ok).toBe(true);
  });

  it("passes electron-builder's own configuration check (what `npm run dist` runs first)", async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config');
    const { DebugLogger } = await import('builder-util');
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, msi: { ...obj(config.msi), perMachine: 'yes' } } as never, new DebugLogger(false)),
    ).rejects.toThrow(/perMachine/);
  });

  it('the schema check catches a mistake (an unknown key, a wrong type)', () => {
    const validate = validator();
    expect(validate({ ...config, msi: { ...obj(config.msi), perMachine: 'yes' } })).toBe(false);
    expect(validate({ ...config, nsis: { ...obj(config.nsis), silentInstall: true } })).toBe(false);
  });

  it('names the product and its id', () => {
    expect(config.appId).toBe('com.switchboard.desktop');
    expect(config.productName).toBe('Switchboard');
  });

  it('Windows: NSIS lets the installer choose per-user or per-machine; MSI is per-machine with a fixed upgrade code', () => {
    const targets = (obj(config.win).target as { target: string }[]).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'msi']));
    const nsis = obj(config.nsis);
    // oneClick false + perMachine false = the install-mode page; /S and /S /allusers for silent installs.
    expect(nsis.oneClick).toBe(false);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.allowElevation).toBe(true);
    const msi = obj(config.msi);
    expect(msi.perMachine).toBe(true);
    expect(msi.upgradeCode).toBe('A8ABF18C-69C2-4F4D-AECD-7BD07775FC6A');
    expect(String(msi.upgradeCode)).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('macOS: dmg + zip, hardened runtime, microphone entitlement and usage string, notarisation from the environment', () => {
    const mac = obj(config.mac);
    expect(mac.target).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
    expect(String(obj(mac.extendInfo).NSMicrophoneUsageDescription)).toMatch(/microphone/i);
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const plist = readFileSync(path.join(root, String(mac[key])), 'utf8');
      expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
      expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    }
  });

  it('macOS for MDM: a pkg into /Applications for every user, never relocated, closing a running app first', () => {
    expect(obj(config.mac).target).toEqual(expect.arrayContaining(['pkg']));
    const pkg = obj(config.pkg);
    expect(pkg).toMatchObject({
      installLocation: '/Applications',
      allowAnywhere: false,
      allowCurrentUserHome: false,
      allowRootDirectory: true,
      isRelocatable: false,
      overwriteAction: 'upgrade',
    });
    expect(pkg.mustClose).toEqual([config.appId]);
    expect(String(pkg.artifactName)).toContain('${arch}');
  });

  it('Linux: AppImage, deb and rpm with a desktop category', () => {
    const linux = obj(config.linux);
    expect(linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(String(linux.category).split(';')).toContain('Network');
  });

  it('registers tel:, callto:, sip: and sips:', () => {
    const schemes = (config.protocols as { schemes: string[] }[]).flatMap((p) => p.schemes);
    expect(schemes.sort()).toEqual(['callto', 'sip', 'sips', 'tel']);
  });

  it('ships only the built app; native addons unpacked; the Electron-ABI SQLite addon as a resource', () => {
    const files = config.files as string[];
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['package.json', 'dist/electron/**', 'dist/renderer/**']);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    const resources = config.extraResources as { from: string; to: string }[];
    expect(resources).toContainEqual({ from: 'build/native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    // Where electron/main.ts loads it from, and where scripts/electron-native.mjs writes it.
    expect(readFileSync(path.join(root, 'electron', 'main.ts'), 'utf8')).toContain(
      "path.join(process.resourcesPath, 'native', 'better_sqlite3.node')",
    );
    expect(readFileSync(path.join(root, 'scripts', 'electron-native.mjs'), 'utf8')).toContain(
      "path.join(root, 'build', 'native', 'electron')",
    );
  });

  it('publishes to a generic feed (a placeholder IT overrides by policy)', () => {
    const publish = obj(config.publish);
    expect(publish.provider).toBe('generic');
    expect(String(publish.url)).toMatch(/^https:\/\/[^/]+\.invalid\//);
  });

  it('holds no signing secret or identity: those come from the environment', () => {
    expect(configText).not.toMatch(
      /^\s*(cscLink|cscKeyPassword|identity|certificatePassword|certificateFile|appleId|appleIdPassword|teamId)\s*:/m,
    );
    expect(configText).not.toMatch(/APPLE_APP_SPECIFIC_PASSWORD\s*[:=]\s*\S/);
  });

  it('hooks resolve to real modules: fuses on afterPack, the MSI marker on msiProjectCreated', async () => {
    const afterPack = (await import(pathToFileURL(path.join(root, String(config.afterPack))).href)) as { default: unknown };
    expect(afterPack.default).toBeTypeOf('function');
    const msiHook = (await import(pathToFileURL(path.join(root, String(config.msiProjectCreated))).href)) as {
      default: (file: string) => Promise<void>;
      MSI_MARKER_NAME: string;
    };
    // Run the MSI hook on a project shaped like electron-builder's template output.
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-msi-'));
    const project = path.join(dir, 'project.wxs');
    writeFileSync(
      project,
      '<Wix><Product><ComponentGroup Id="ProductComponents" Directory="APPLICATIONFOLDER">\n<Component><File Name="Switchboard.exe" Source="x" KeyPath="yes"/></Component>\n</ComponentGroup></Product></Wix>',
    );
    await msiHook.default(project);
    const wxs = readFileSync(project, 'utf8');
    expect(wxs).toContain(`<File Name="${msiHook.MSI_MARKER_NAME}" Source="${path.join(dir, msiHook.MSI_MARKER_NAME)}"`);
    expect(readFileSync(path.join(dir, msiHook.MSI_MARKER_NAME), 'utf8')).toMatch(/MSI/);
    // Idempotent, and the real electron-builder template still has the group it anchors on.
    await msiHook.default(project);
    expect(readFileSync(project, 'utf8').split(msiHook.MSI_MARKER_NAME).length).toBe(wxs.split(msiHook.MSI_MARKER_NAME).length);
    expect(readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'templates', 'msi', 'template.xml'), 'utf8')).toContain(
      '<ComponentGroup Id="ProductComponents" Directory="APPLICATIONFOLDER">',
    );
  });
});
