import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

interface Decision {
  value: boolean;
  testBuild?: boolean;
  why: string;
}
interface FusesModule {
  FUSE_DECISIONS: Record<string, Decision>;
  fuseConfig(options?: { testBuild?: boolean; resetAdHocDarwinSignature?: boolean }): Record<string, unknown>;
}
type AfterPack = (context: unknown) => Promise<void>;

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
const fuses = await load<FusesModule>('scripts/fuses.mjs');
const afterPack = (await load<{ default: AfterPack }>('scripts/fuses-after-pack.mjs')).default;

/** Every fuse @electron/fuses knows: the enum's names (a TS numeric enum maps both ways). */
const ALL_FUSES = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A stand-in for an Electron binary: bytes around the fuse sentinel and a wire where every fuse is on. */
function fakeElectron(file: string, wireLength = ALL_FUSES.length): void {
  const wire = Buffer.alloc(wireLength, FuseState.ENABLE);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from('\x7fELF padding before'), Buffer.from(SENTINEL), Buffer.from([1, wireLength]), wire, Buffer.from('after')]),
  );
}

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe('Electron fuses (scripts/fuses.mjs)', () => {
  it('decides every FuseV1Options member, with a reason, and nothing that is not one', () => {
    expect(ALL_FUSES.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(fuses.FUSE_DECISIONS).sort()).toEqual([...ALL_FUSES].sort());
    for (const name of ALL_FUSES) {
      const decision = fuses.FUSE_DECISIONS[name];
      expect(decision?.value, name).toBeTypeOf('boolean');
      expect(decision?.why.length, name).toBeGreaterThan(10);
    }
  });

  it('sets every fuse explicitly in the config and makes @electron/fuses refuse an unknown one', () => {
    const config = fuses.fuseConfig();
    for (const name of ALL_FUSES) expect(config[String(FuseV1Options[name as keyof typeof FuseV1Options])], name).toBeTypeOf('boolean');
    expect(config.strictlyRequireAllFuses).toBe(true);
  });

  it('production: RunAsNode, NODE_OPTIONS, inspect and file:// privileges off; asar-only, integrity, cookie encryption on', () => {
    const c = fuses.fuseConfig();
    const v = (o: FuseV1Options) => c[String(o)];
    expect(v(FuseV1Options.RunAsNode)).toBe(false);
    expect(v(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(v(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(v(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    expect(v(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(v(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(v(FuseV1Options.EnableCookieEncryption)).toBe(true);
  });

  it('test builds differ only in allowing the inspector (Playwright attaches through it)', () => {
    const prod = fuses.fuseConfig();
    const test = fuses.fuseConfig({ testBuild: true });
    const differing = Object.keys(prod).filter((k) => prod[k] !== test[k]);
    expect(differing).toEqual([String(FuseV1Options.EnableNodeCliInspectArguments)]);
    expect(test[String(FuseV1Options.EnableNodeCliInspectArguments)]).toBe(true);
  });
});

describe('afterPack hook (scripts/fuses-after-pack.mjs)', () => {
  const packager = { appInfo: { productFilename: 'Switchboard' }, executableName: 'switchboard' };

  it("flips the Linux binary by its executableName (where electron-builder's packer puts it)", async () => {
    const appOutDir = mkdtempSync(path.join(tmpdir(), 'sb-fuses-'));
    fakeElectron(path.join(appOutDir, 'switchboard'));
    await afterPack({ appOutDir, electronPlatformName: 'linux', arch: 1, packager });
    const wire = (await getCurrentFuseWire(path.join(appOutDir, 'switchboard'))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  });

  it('flips every fuse in the packed Windows binary as decided', async () => {
    const appOutDir = mkdtempSync(path.join(tmpdir(), 'sb-fuses-'));
    fakeElectron(path.join(appOutDir, 'Switchboard.exe'));
    delete process.env.SWITCHBOARD_TEST_BUILD;
    await afterPack({ appOutDir, electronPlatformName: 'win32', arch: 1, packager });
    const wire = (await getCurrentFuseWire(path.join(appOutDir, 'Switchboard.exe'))) as unknown as Record<number, number>;
    const config = fuses.fuseConfig();
    for (const name of ALL_FUSES) {
      const index = FuseV1Options[name as keyof typeof FuseV1Options];
      expect(wire[index], name).toBe(config[String(index)] ? FuseState.ENABLE : FuseState.DISABLE);
    }
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  });

  it('a test build leaves the inspector fuse on', async () => {
    const appOutDir = mkdtempSync(path.join(tmpdir(), 'sb-fuses-'));
    fakeElectron(path.join(appOutDir, 'Switchboard.exe'));
    process.env.SWITCHBOARD_TEST_BUILD = '1';
    await afterPack({ appOutDir, electronPlatformName: 'win32', arch: 1, packager });
    const wire = (await getCurrentFuseWire(path.join(appOutDir, 'Switchboard.exe'))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  });

  it('fails the build when the Electron binary has a fuse nobody decided', async () => {
    const appOutDir = mkdtempSync(path.join(tmpdir(), 'sb-fuses-'));
    fakeElectron(path.join(appOutDir, 'Switchboard.exe'), ALL_FUSES.length + 1);
    await expect(afterPack({ appOutDir, electronPlatformName: 'win32', arch: 1, packager })).rejects.toThrow(/strictlyRequireAllFuses/);
  });
});
