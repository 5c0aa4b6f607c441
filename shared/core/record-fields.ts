/**
 * The fields every stored record of an agent's work is built from (interactions, wrap-ups,
 * escalations: shared/agent/records.ts, shared/escalation/records.ts) and the bridge checks ids with.
 *
 * Times are integer milliseconds since the Unix epoch (UTC); durations are integer seconds.
 */
import * as z from 'zod';

/** Epoch milliseconds. */
export const epochMsSchema = z.number().int('must be whole milliseconds').min(0, 'must not be before 1970');
export const secondsSchema = z.number().int('must be whole seconds').min(0, 'must not be negative');
export const idSchema = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
