import { build } from 'esbuild';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { bundleRules } from '../../../eslint.config.js';
import { REPO_ROOT } from '../../support/system-deps';

/**
 * zod imported as a namespace keeps the bundles small: `import { z }` pulls in all of zod, its 50
 * locales included, into every bundle that has one such import (docs/performance.md, "Start-up,
 * memory and idle CPU").
 */

const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...bundleRules],
  fix: true,
});

async function lint(filePath: string, code: string): Promise<{ messages: string[]; fixed: string | undefined }> {
  const [result] = await eslint.lintText(code, { filePath });
  return { messages: (result?.messages ?? []).map((m) => m.message), fixed: result?.output };
}

describe('zod imports in bundled code', () => {
  it('refuses the named `z` in main, shared and renderer code and rewrites it as a namespace import', async () => {
    const named = "import { z } from 'zod';\nexport const s = z.string();\n";
    for (const file of ['electron/store/x.ts', 'shared/x/contract.ts', 'renderer/src/features/x/X.tsx']) {
      const { messages, fixed } = await lint(file, named);
      // Fixed: nothing left to report, and the text is the namespace import.
      expect(messages).toEqual([]);
      expect(fixed).toBe("import * as z from 'zod';\nexport const s = z.string();\n");
    }
    const typeOnly = "import type { z } from 'zod';\nexport type S = z.infer<z.ZodString>;\n";
    expect(await lint('shared/x/contract.ts', typeOnly)).toEqual({ messages: [], fixed: undefined });
    // Tests run unbundled: left alone.
    expect((await lint('tests/unit/x.test.ts', named)).fixed).toBeUndefined();
  });

  it('keeps all but the English zod locale out of the store worker bundle', async () => {
    const result = await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['electron/store/worker/entry.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      metafile: true,
      outdir: 'dist/bundle-imports-test',
      external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'bufferutil', 'utf-8-validate'],
      define: { __SWITCHBOARD_VERSION__: '"test"' },
      logLevel: 'silent',
    });
    const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
    const locales = inputs.filter((f) => /node_modules\/zod\/.*\/locales\/[a-z-]+\.js$/i.test(f)).map((f) => f.split('/').pop());
    expect(locales).toEqual(['en.js']);
  });
});
