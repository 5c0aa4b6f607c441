import { TIMELINE_SHOWN, type TimelineEntry } from '../../shared/agent/contract';
import type { WrapUpCode } from '../../shared/config/workflow';
import { codeLabel } from '../../shared/agent/wrap-up';
import type { Logger } from '../logging/logger';
import type { WorkLogPort } from '../store/ports';

/**
 * The earlier contacts of the customer on screen, kept by main and sent with the agent view, so
 * the renderer never asks for them: main reads them again when the contact is filed under another
 * customer and after it logged work for that customer.
 */
export class CustomerTimeline {
  private current: { customerId: string; entries: TimelineEntry[] } | null = null;

  constructor(
    private readonly store: Pick<WorkLogPort, 'listInteractions'>,
    private readonly catalog: () => readonly WrapUpCode[],
    private readonly log: Logger,
  ) {}

  /** The timeline to show for this customer; null until it was read. */
  of(customerId: string | null): { customerId: string; entries: TimelineEntry[] } | null {
    return customerId !== null && this.current?.customerId === customerId ? this.current : null;
  }

  /**
   * Reads the customer's contacts unless they are held already (`force`: read again, their work
   * changed). Returns whether what the view shows changed.
   */
  async refresh(customerId: string | null, options: { force?: boolean } = {}): Promise<boolean> {
    if (customerId === null) return false;
    if (!options.force && this.current?.customerId === customerId) return false;
    try {
      const rows = await this.store.listInteractions({ customerId, limit: TIMELINE_SHOWN });
      const catalog = this.catalog();
      this.current = {
        customerId,
        entries: rows.map(({ wrapUp, ...interaction }) => ({
          interaction,
          wrapUpCode: wrapUp?.state === 'submitted' ? wrapUp.code : null,
          wrapUpLabel: wrapUp?.state === 'submitted' ? codeLabel(catalog, wrapUp.code) : null,
          notes: wrapUp?.state === 'submitted' && wrapUp.notes !== '' ? wrapUp.notes : null,
        })),
      };
      return true;
    } catch (error) {
      // The panel keeps showing what it had; the next change reads again.
      this.log.warn('customer timeline not read', { error: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  }
}
