import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * How to start a store worker thread: a bundled script, or (from source) a
 * small CommonJS bootstrap, run with `eval`, that registers tsx and requires
 * the TypeScript entry. The repo is `"type": "module"`, and Node 20 applies
 * neither `--import tsx` nor tsx's require hook to a worker's ESM entry; a
 * required .ts file under tsx's CommonJS hook works.
 */
export type WorkerScript = { file: string; eval: false } | { code: string; eval: true };

export const WORKER_BUNDLE_NAME = 'store-worker.cjs';

/**
 * Where the worker comes from:
 * 1. `explicit` (StoreOptions.workerScript), e.g. a bundle a test built.
 * 2. The bundle next to the running bundle: dist/electron/store-worker.cjs,
 *    seen from dist/electron/main.cjs (Electron) or dist/web-shell/host.cjs
 *    (web shell). This is what both hosts ship and run.
 * 3. Running from source (vitest, tsx scripts): the TypeScript entry, loaded
 *    through tsx's CommonJS hook in the worker (a dev dependency; never in a
 *    packaged app). Node cannot load .ts in a worker thread on its own.
 */
export function resolveWorkerScript(explicit?: string): WorkerScript {
  if (explicit) {
    return explicit.endsWith('.ts') ? fromSource(explicit) : { file: explicit, eval: false };
  }
  // `__dirname` exists in the CommonJS bundles; source run as ES modules (tsx) has none.
  const here = typeof __dirname === 'string' ? __dirname : null;
  const candidates = here ? [path.join(here, WORKER_BUNDLE_NAME), path.join(here, '..', 'electron', WORKER_BUNDLE_NAME)] : [];
  for (const candidate of candidates) {
    if (existsSync(candidate)) return { file: candidate, eval: false };
  }
  const sources = [
    here ? path.join(here, 'worker', 'entry.ts') : null,
    path.join(process.cwd(), 'electron', 'store', 'worker', 'entry.ts'),
  ];
  for (const source of sources) {
    if (source && existsSync(source)) return fromSource(source);
  }
  throw new Error(`The store worker (${WORKER_BUNDLE_NAME}) is missing next to ${here ?? process.cwd()}; run \`npm run build\``);
}

function fromSource(entry: string): WorkerScript {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let hook: string;
  try {
    hook = require.resolve('tsx/cjs');
  } catch {
    throw new Error(
      'Starting the store worker from TypeScript needs tsx (a dev dependency); run `npm run build` and use the bundle instead',
    );
  }
  return { code: `require(${JSON.stringify(hook)});\nrequire(${JSON.stringify(entry)});\n`, eval: true };
}
