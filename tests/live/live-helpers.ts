import { randomInt } from 'node:crypto';

/** What the live suites share: a number that rings nobody, and a value an earlier step must have left. */

/** A North American number in 555-0100…0199, which NANPA keeps for fiction: it never rings anyone. */
export function testPhoneNumber(): string {
  const areas = ['201', '212', '312', '415', '503', '617', '702', '808', '919', '971'];
  return `+1${areas[randomInt(areas.length)]!}55501${String(randomInt(100)).padStart(2, '0')}`;
}

export function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`An earlier step did not finish: no ${what}`);
  return value;
}
