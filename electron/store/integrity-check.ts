import type { StoreStatus } from '../../shared/store/contract';
import type { Logger } from '../logging/logger';
import { StoreError } from './errors';
import type { CallOp } from './op-table';
import type { IntegrityResult } from './protocol';
import type { StoreThreads } from './store-threads';

export interface IntegrityContext {
  log: Logger;
  threads: StoreThreads;
  /** Background checks: first after `delayMs`, then at most once per `everyMs`; false: none. */
  schedule: { delayMs: number; everyMs: number } | false;
  /** The writer's operations, refused while the store is not open. */
  call: CallOp;
  /** Throws StoreError('unavailable') unless the store is open. */
  ensureOpen(): void;
  reportDamage(detail: string): void;
  statusChanged(): void;
}

const LAST_CHECK_KEY = 'last_integrity_check';

/**
 * `PRAGMA integrity_check` in the background: it reads the whole file (seconds on a large
 * store), so it runs on a thread of its own at low priority, and its result is kept in the
 * store's meta. A failure marks the file for rebuilding at the next start, with a notice.
 */
export class IntegrityChecks {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: IntegrityContext) {}

  /** The first check after the delay, skipped when the last one is recent enough. */
  schedule(): void {
    const setting = this.ctx.schedule;
    if (setting === false) return;
    this.timer = setTimeout(() => {
      void (async () => {
        const last = await this.last().catch(() => null);
        if (last && Date.now() - last.at < setting.everyMs) return;
        await this.run().catch((error: unknown) =>
          this.ctx.log.warn('integrity check did not run', { error: error instanceof StoreError ? error.code : 'error' }),
        );
      })();
    }, setting.delayMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async last(): Promise<StoreStatus['lastIntegrityCheck']> {
    const raw = await this.ctx.call('getMeta', LAST_CHECK_KEY);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as { at: number; ok: boolean; problem: string | null };
    return { at: parsed.at, ok: parsed.ok, problem: parsed.problem };
  }

  async run(): Promise<IntegrityResult> {
    this.ctx.ensureOpen();
    const lane = this.ctx.threads.spawn(null, 'reader', { keyIsNew: false, damaged: false }, 'maintenance');
    try {
      const hello = await lane.hello;
      if (hello.t !== 'ready') {
        this.ctx.reportDamage(`integrity check could not open: ${hello.reason}`);
        return { ok: false, problem: hello.detail, durationMs: 0 };
      }
      await this.ctx.threads.toBackground(lane);
      const result = (await lane.call('integrityCheck', [])) as IntegrityResult;
      await this.ctx.call('setMeta', LAST_CHECK_KEY, JSON.stringify({ at: Date.now(), ok: result.ok, problem: result.problem }));
      this.ctx.log.info('integrity check', { ok: result.ok, ms: result.durationMs });
      if (!result.ok) this.ctx.reportDamage('integrity_check failed');
      this.ctx.statusChanged();
      return result;
    } finally {
      await lane.close();
    }
  }
}
