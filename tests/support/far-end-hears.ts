import { expect } from '@playwright/test';
import type { FarEndCall } from '../lab/far-end';

/** The agent's audio reaches the werift far end: PCMU packets keep arriving and carry sound. */
export async function expectFarEndHearsAgent(far: FarEndCall): Promise<void> {
  const start = far.media?.stats.packets ?? 0;
  await expect
    .poll(() => (far.media?.stats.packets ?? 0) - start, { message: 'PCMU packets from the agent at the far end' })
    .toBeGreaterThan(25);
  await expect.poll(() => far.media?.stats.energy ?? 0, { message: 'audio energy at the far end' }).toBeGreaterThan(0);
}
