import type { z } from 'zod';
import { userText, type UserText } from '../../shared/text/user-text';
import { SourceError } from './case-source';
import { subject, type Subject } from './sync-text-error';
import type { HttpResponse } from './http-client';
import { issueEnglish } from '../../shared/policy/rule-text';

/**
 * Reading a CRM's HTTP answers the same way in every connector: the body parsed against what the
 * API promises (an answer that is not is a `protocol` error naming the host), and Retry-After.
 */

/** The JSON body checked against `schema`; `what` names it for the sentence ("change page", "ticket"). */
export function parseAnswer<S extends z.ZodType>(res: HttpResponse, schema: S, what: Subject, host: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new SourceError('protocol', 'bad-json', userText('sync.error.notJson', { host, what: subject(what), status: res.status }), {
      status: res.status,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SourceError(
      'protocol',
      'bad-shape',
      userText('sync.error.notUnderstood', { host, what: subject(what), detail: issueOf(first) }),
      { status: res.status },
    );
  }
  return parsed.data;
}

/** A schema's first complaint ("items.0.id: expected number"), as the sentence's detail. */
export function issueOf(issue: z.core.$ZodIssue | undefined): string | UserText {
  return issue ? issueEnglish(issue) : userText('sync.error.shape');
}

/** Retry-After in seconds or as an HTTP date, at most an hour (a broken header must not stop sync for a day). */
export function retryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 3600) * 1000;
  const date = Date.parse(text);
  if (Number.isFinite(date)) return Math.min(Math.max(0, date - now), 3_600_000);
  return null;
}
