import { userText, type UserText } from '../../../../shared/text/user-text';
import { SourceError, type PushOutcome } from '../../case-source';
import { COLLECTION_MAX, saveResults, type SaveResult, type SfErrorItem } from './salesforce-api';
import type { SalesforceClient } from './salesforce-client';
import { accountError, describeErrors, isAnswerError, type SalesforceAnswerError } from './salesforce-errors';
import { CREATE_ONLY_FIELDS, withoutCreateOnly, type TaskFields } from './salesforce-tasks';

/**
 * Tasks written by upsert on the external-id field, many at a time: REST API Developer Guide ›
 * sObject Collections › Upsert Records Using sObject Collections (`PATCH
 * /composite/sobjects/Task/<field>`, up to 200 records, `allOrNone: false`, one result per record
 * in request order). jsforce sends it (`Connection.upsert` with an array).
 *
 * Per record:
 * - success: applied (`created: false` on a call's own Task means an earlier attempt made it);
 * - refused because TaskSubtype cannot be changed (the Task exists; Task › TaskSubtype has no
 *   Update): sent once more without the create-only fields, which updates the Task that exists;
 *   a key this writer has seen accepted before is sent without them from the start (a Task someone
 *   deleted in Salesforce meanwhile then comes back without its TaskSubtype);
 * - the external-id field missing or not writable: rejected with the sentence for the admin;
 * - anything else: rejected with Salesforce's words. Only that record's row is parked.
 * A refusal of the whole request is the org's (limit, session, 5xx: every row waits, none parked)
 * or the request's (every row of it rejected with the reason).
 */

export interface TaskEntry {
  /** The external-id value: the call's id, `escalation:<id>`, `callback:<id>`. */
  key: string;
  fields: TaskFields;
  /** A repeat of this row is worth reporting as replayed (`created: false` means an earlier attempt made the Task). */
  replayable: boolean;
}

export interface TaskWriterOptions {
  client: SalesforceClient;
  callIdField: string;
  host: string;
  now: () => number;
}

type Result = PushOutcome | SourceError;

/** Keys remembered as having a Task: far more than a shift's calls, wrap-ups and escalation steps. */
const KNOWN_KEYS_MAX = 10_000;

export class TaskWriter {
  /**
   * Keys this writer has seen Salesforce accept: their Tasks exist, so their create-only fields are
   * left out from the start. A wrap-up, sent after its call's Task was made, then takes one request,
   * not a refusal and a second one (each counts against the org's daily allocation).
   */
  private readonly known = new Set<string>();

  constructor(private readonly options: TaskWriterOptions) {}

  /** The admin's sentence when the org has no external-id field (docs/crm.md tells how to create it). */
  missingFieldOutcome(): PushOutcome {
    const field = this.options.callIdField;
    return {
      kind: 'rejected',
      code: 'salesforce-call-id-field-missing',
      message: userText('sync.salesforceRefusal.callIdFieldMissing', { field }),
    };
  }

  private notWritableOutcome(): PushOutcome {
    const field = this.options.callIdField;
    return {
      kind: 'rejected',
      code: 'salesforce-call-id-field-read-only',
      message: userText('sync.salesforceRefusal.callIdFieldReadOnly', { field }),
    };
  }

  async upsert(entries: TaskEntry[], signal?: AbortSignal): Promise<Result[]> {
    const results: (Result | undefined)[] = new Array<Result | undefined>(entries.length);
    let pending = entries.map((_, index) => index);
    const stripped = new Set<number>(entries.flatMap((entry, index) => (this.known.has(entry.key) ? [index] : [])));
    let stop: SourceError | null = null;
    // At most two rounds: the second sends, without create-only fields, the Tasks that turned out to exist.
    for (let round = 0; round < 2 && pending.length > 0; round += 1) {
      const retry: number[] = [];
      for (const chunk of chunks(pending, entries)) {
        if (signal?.aborted) stop ??= new SourceError('aborted', 'aborted', userText('sync.error.stopped'));
        if (stop) {
          // The org or the network is the trouble: the rest would meet it too.
          for (const i of chunk) results[i] = stop;
          continue;
        }
        const records = chunk.map((i) => {
          const fields = stripped.has(i) ? withoutCreateOnly(entries[i]!.fields) : entries[i]!.fields;
          return { ...fields, [this.options.callIdField]: entries[i]!.key };
        });
        let answers: SaveResult[];
        try {
          const conn = await this.options.client.connect(signal);
          const raw = await conn.upsert('Task', records, this.options.callIdField, { allOrNone: false });
          const parsed = saveResults.safeParse(raw);
          if (!parsed.success || parsed.data.length !== chunk.length) {
            throw new SourceError(
              'protocol',
              'bad-shape',
              userText('sync.salesforce.taskAnswerNotUnderstood', { host: this.options.host }),
            );
          }
          answers = parsed.data;
        } catch (error) {
          const failure = this.requestFailure(error);
          for (const i of chunk) results[i] = failure;
          if (failure instanceof SourceError && failure.kind !== 'server' && failure.kind !== 'protocol') stop = failure;
          continue;
        }
        chunk.forEach((i, n) => {
          const answer = answers[n]!;
          if (answer.success) {
            this.remember(entries[i]!.key);
            results[i] = { kind: 'applied', version: null, replayed: entries[i]!.replayable && answer.created === false };
          } else if (!stripped.has(i) && refusesCreateOnly(answer.errors)) {
            stripped.add(i);
            retry.push(i);
          } else {
            results[i] = this.recordFailure(answer.errors);
          }
        });
      }
      pending = retry;
    }
    return results.map((r) => r ?? new SourceError('protocol', 'client-error', userText('sync.salesforce.taskNotSent')));
  }

  private remember(key: string): void {
    if (this.known.size >= KNOWN_KEYS_MAX) this.known.clear();
    this.known.add(key);
  }

  /** A refusal of the whole request, as every one of its rows' result. */
  private requestFailure(error: unknown): Result {
    if (error instanceof SourceError) return error;
    if (!isAnswerError(error)) {
      const name = error instanceof Error ? error.name : typeof error;
      return new SourceError('protocol', 'client-error', userText('sync.salesforce.tasksFailed', { name }));
    }
    const account = accountError(error, this.options.host, 'tasks', this.options.now());
    if (account) return account;
    return this.fieldOutcome(error.errors) ?? rejected(error);
  }

  private recordFailure(errors: readonly SfErrorItem[]): PushOutcome {
    const field = this.fieldOutcome(errors);
    if (field) return field;
    const code = errors[0]?.statusCode ?? errors[0]?.errorCode ?? 'refused';
    return {
      kind: 'rejected',
      code: `salesforce-${code.toLowerCase()}`,
      message: userText('sync.salesforceRefusal.taskRefused', { detail: reasonOf(describeErrors(errors)) }),
    };
  }

  /** The external-id field is missing (INVALID_FIELD, NOT_FOUND naming it) or not writable for this user. */
  private fieldOutcome(errors: readonly SfErrorItem[]): PushOutcome | null {
    const field = this.options.callIdField.toLowerCase();
    const named = errors.filter(
      (e) => (e.fields ?? []).some((f) => f.toLowerCase() === field) || (e.message ?? '').toLowerCase().includes(field),
    );
    if (named.length === 0) return null;
    const codes = named.map((e) => e.errorCode ?? e.statusCode ?? '');
    if (codes.some((c) => c === 'INVALID_FIELD_FOR_INSERT_UPDATE' || c === 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY'))
      return this.notWritableOutcome();
    return this.missingFieldOutcome();
  }
}

/** What Salesforce said (a value, as it wrote it), or that it said nothing. */
function reasonOf(described: string | null | undefined): UserText | string {
  return described ? described.slice(0, 400) : userText('sync.salesforceRefusal.noReason');
}

function rejected(answer: SalesforceAnswerError): PushOutcome {
  return {
    kind: 'rejected',
    code: `salesforce-${answer.code.toLowerCase()}`,
    message: userText('sync.salesforceRefusal.tasksRefused', { status: answer.status, detail: reasonOf(describeErrors(answer.errors)) }),
  };
}

/** "Unable to create/update fields: TaskSubtype": the record exists, and create-only fields cannot be sent to it. */
function refusesCreateOnly(errors: readonly SfErrorItem[]): boolean {
  return errors.some((e) => {
    const code = e.errorCode ?? e.statusCode;
    if (code !== 'INVALID_FIELD_FOR_INSERT_UPDATE') return false;
    const text = `${(e.fields ?? []).join(' ')} ${e.message ?? ''}`;
    return CREATE_ONLY_FIELDS.some((f) => text.includes(f));
  });
}

/** Up to COLLECTION_MAX rows a request, no key twice in one request (the later one waits for the next). */
function chunks(indexes: number[], entries: TaskEntry[]): number[][] {
  const out: number[][] = [];
  let left = indexes;
  while (left.length > 0) {
    const chunk: number[] = [];
    const keys = new Set<string>();
    const later: number[] = [];
    for (const i of left) {
      const key = entries[i]!.key;
      if (chunk.length >= COLLECTION_MAX || keys.has(key)) later.push(i);
      else {
        chunk.push(i);
        keys.add(key);
      }
    }
    out.push(chunk);
    left = later;
  }
  return out;
}
