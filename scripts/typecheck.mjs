// Type-checks each layer with its own libraries (see the tsconfig files).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const projects = [
  'shared/tsconfig.json',
  'electron/tsconfig.json',
  'electron/tsconfig.electron.json',
  'renderer/tsconfig.json',
  'tsconfig.json',
];

let failed = 0;
for (const project of projects) {
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`typecheck: ${project} has errors`);
  }
}
if (failed > 0) process.exit(1);
console.log(`typecheck: ${projects.length} projects clean`);
