import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { preShiftResultSchema, type PreShiftResult } from '../../shared/pre-shift/contract';

/** The last pre-shift check's result, kept with the diagnostics (no audio, no numbers, no names). */
export const PRE_SHIFT_CHECK_FILE = 'pre-shift-check.json';

export function preShiftCheckPath(dataDir: string): string {
  return path.join(dataDir, 'diagnostics', PRE_SHIFT_CHECK_FILE);
}

/** Replaces the file whole (a crash mid-write leaves the previous result, not half a file). */
export function writePreShiftCheck(dataDir: string, result: PreShiftResult): void {
  const file = preShiftCheckPath(dataDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** The last result; null when no check has run or the file is not one this version wrote. */
export function readPreShiftCheck(dataDir: string): PreShiftResult | null {
  try {
    const parsed = preShiftResultSchema.safeParse(JSON.parse(readFileSync(preShiftCheckPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
