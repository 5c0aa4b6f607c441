import { expect } from '@playwright/test';

export type Box = { x: number; y: number; width: number; height: number };

/**
 * Each named control has the place and size it had in `referenceState`, to within 1 px: nothing
 * moves under a click aimed at it (tests/e2e/layout-stability.spec.ts, tests/e2e/sync.spec.ts).
 */
export function expectSameBoxes(reference: Record<string, Box>, now: Record<string, Box>, state: string, referenceState = 'idle'): void {
  for (const [name, box] of Object.entries(reference)) {
    const other = now[name]!;
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(
        Math.abs(other[side] - box[side]),
        `${name}: ${side} in "${state}" (${other[side]}) vs ${referenceState} (${box[side]})`,
      ).toBeLessThanOrEqual(1);
    }
  }
}
