import type { CaseDetail, CaseHit, CustomerDetail, CustomerHit, SearchResult } from '../../../shared/store/contract';
import { likelyE164, normalizePhone, reversedDigits, type NormalizedNumber } from '../../../shared/store/phone';
import {
  OPEN_CASE_STATUSES,
  POP_OPEN_CASES,
  POP_RECENT_CONTACTS,
  type CallerLookup,
  type CallerMatch,
  type CustomerPhone,
  type OutboxCounts,
} from '../../../shared/store/types';
import { sqliteCode } from '../errors';
import type { InteractionWithWrapUp, ReaderOps, SearchOptions, StoreCounts } from '../protocol';
import type { Db } from './connection';
import {
  toCallback,
  toCase,
  toCaseSummary,
  toCustomer,
  toEscalation,
  toInteraction,
  toInteractionSummary,
  toWrapUp,
  toWrapUpCode,
  type CallbackRow,
  type CaseRow,
  type CaseSummaryRow,
  type CustomerRow,
  type EscalationRow,
  type InteractionRow,
  type InteractionSummaryRow,
  type PhoneRow,
  type WrapUpCodeRow,
  type WrapUpRow,
} from './records';
import { expandedPrefixMatch, planSearch, prefixTermRange, snippetAround, type SearchPlan } from './search-query';

const OPEN_LIST = OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(',');
const MAX_CALLER_MATCHES = 10;
/** How many of the newest full-text matches are looked at, at most; bounds the cost of common words. */
const CANDIDATES = 200;
const OPEN_ONLY_SCAN = 2000;
/** Most index terms a typed prefix is expanded to, a few ms at 1M cases (docs/performance.md, "Store: search and screen pop"); a prefix that stands for more is left to FTS5's own prefix query. */
const MAX_PREFIX_TERMS = 256;
/** Last-digits lengths tried for a caller number that has no exact match, longest first. */
const SUFFIX_LENGTHS = [10, 9, 8, 7];

export interface ReaderContext {
  phoneRegion: string;
  log(level: 'warn' | 'error', message: string, fields: Record<string, string | number>): void;
}

const CUSTOMER_COLUMNS = 'rid, id, name, email, company, segment, do_not_call, notes, created_at, updated_at, version, dirty';
const CASE_COLUMNS = 'rid, id, customer_id, subject, description, status, priority, created_at, updated_at, version, dirty';
const INTERACTION_SUMMARY = `SELECT i.id, i.channel, i.direction, i.outcome, i.customer_id, i.case_id, i.started_at, i.ended_at, i.talk_s, w.code AS wrapup_code
  FROM interactions i LEFT JOIN wrapups w ON w.interaction_id = i.id`;

/** The read-only operations, with every statement prepared once per connection. */
export function createReaderOps(db: Db, ctx: ReaderContext): ReaderOps {
  attachTermList(db);
  const q = {
    phonesExact: db.prepare<[string], { customer_id: string; number: string }>(
      `SELECT customer_id, number FROM customer_phones WHERE number = ? LIMIT ${MAX_CALLER_MATCHES + 1}`,
    ),
    phonesByRev: db.prepare<[string, string], { customer_id: string; number: string }>(
      `SELECT customer_id, number FROM customer_phones WHERE rev >= ? AND rev < ? LIMIT ${MAX_CALLER_MATCHES * 4}`,
    ),
    customerById: db.prepare<[string], CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`),
    phonesOf: db.prepare<[string], PhoneRow>(
      'SELECT number, customer_id, label FROM customer_phones WHERE customer_id = ? ORDER BY position',
    ),
    openCases: db.prepare<[string], CaseSummaryRow>(
      `SELECT id, customer_id, subject, status, priority, updated_at FROM cases
       WHERE customer_id = ? AND status IN (${OPEN_LIST}) ORDER BY updated_at DESC LIMIT ${POP_OPEN_CASES}`,
    ),
    allCases: db.prepare<[string], CaseSummaryRow>(
      `SELECT id, customer_id, subject, status, priority, updated_at FROM cases
       WHERE customer_id = ? ORDER BY status IN (${OPEN_LIST}) DESC, updated_at DESC LIMIT 200`,
    ),
    caseById: db.prepare<[string], CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`),
    recentByCustomer: db.prepare<[string, number], InteractionSummaryRow>(
      `${INTERACTION_SUMMARY} WHERE i.customer_id = ? ORDER BY i.started_at DESC LIMIT ?`,
    ),
    recentByCase: db.prepare<[string, number], InteractionSummaryRow>(
      `${INTERACTION_SUMMARY} WHERE i.case_id = ? ORDER BY i.started_at DESC LIMIT ?`,
    ),
    customerFts: db.prepare<[string, number], CustomerRow>(
      `SELECT c.rid, c.id, c.name, c.email, c.company, c.segment, c.do_not_call, c.notes, c.created_at, c.updated_at, c.version, c.dirty
       FROM customers_fts f JOIN customers c ON c.rid = f.rowid WHERE customers_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
    ),
    caseCandidates: db.prepare<[string], { rid: number; subject: string; status: string; updated_at: number }>(
      `SELECT c.rid, c.subject, c.status, c.updated_at
       FROM (SELECT rowid AS rid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ${CANDIDATES}) f
       JOIN cases c ON c.rid = f.rid`,
    ),
    openCaseCandidates: db.prepare<[string], { rid: number; subject: string; status: string; updated_at: number }>(
      `SELECT c.rid, c.subject, c.status, c.updated_at
       FROM (SELECT rowid AS rid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ${OPEN_ONLY_SCAN}) f
       JOIN cases c ON c.rid = f.rid WHERE c.status IN (${OPEN_LIST}) LIMIT ${CANDIDATES}`,
    ),
    caseHit: db.prepare<[number], CaseRow & { customer_name: string | null }>(
      `SELECT c.rid, c.id, c.customer_id, c.subject, c.description, c.status, c.priority, c.created_at, c.updated_at, c.version, c.dirty,
              cu.name AS customer_name
       FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.rid = ?`,
    ),
    caseTerms: db
      .prepare<[string, string], string>(`SELECT term FROM temp.cases_fts_terms WHERE term >= ? AND term < ? LIMIT ${MAX_PREFIX_TERMS + 1}`)
      .pluck(),
    caseRidById: db.prepare<[string], { rid: number }>('SELECT rid FROM cases WHERE id = ?'),
    interaction: db.prepare<[string], InteractionRow>('SELECT * FROM interactions WHERE id = ?'),
    wrapUpOf: db.prepare<[string], WrapUpRow>('SELECT * FROM wrapups WHERE interaction_id = ?'),
    codes: db.prepare<[number], WrapUpCodeRow>('SELECT * FROM wrapup_codes WHERE active >= ? ORDER BY sort_order, code'),
    escalation: db.prepare<[string], EscalationRow>('SELECT * FROM escalations WHERE id = ?'),
    countCustomers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers'),
    countCases: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cases'),
    countOpenCases: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM cases WHERE status IN (${OPEN_LIST})`),
    countInteractions: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM interactions'),
    outboxCounts: db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state'),
    customerVersion: db.prepare<[string], { version: number | null }>('SELECT version FROM customers WHERE id = ?'),
    caseVersion: db.prepare<[string], { version: number | null }>('SELECT version FROM cases WHERE id = ?'),
    // The list a do-not-call wrap-up writes, and the numbers of customers the CRM marks do not call.
    doNotCall: db.prepare<[string, string], { one: number }>(
      `SELECT 1 AS one FROM do_not_call WHERE number = ?
       UNION ALL SELECT 1 FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.number = ? AND c.do_not_call = 1
       LIMIT 1`,
    ),
  };

  const phonesOf = (customerId: string): CustomerPhone[] => q.phonesOf.all(customerId).map((p) => ({ number: p.number, label: p.label }));
  const customerHit = (row: CustomerRow): CustomerHit => ({
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.email,
    phones: q.phonesOf.all(row.id).map((p) => p.number),
    doNotCall: row.do_not_call !== 0,
  });

  /** Runs an FTS query; a MATCH error (never expected: the plan quotes every word) degrades to no matches, logged. */
  function ftsAll<T>(run: () => T[], what: string): T[] {
    try {
      return run();
    } catch (error) {
      const code = sqliteCode(error);
      if (code === 'SQLITE_ERROR') {
        ctx.log('warn', 'full-text query refused; returned no matches', { what, code });
        return [];
      }
      throw error;
    }
  }

  /**
   * The cases MATCH for the word being typed: its expansion into the index's own terms
   * (see expandedPrefixMatch), FTS5's prefix query where that does not apply, or null when
   * no term starts with it (nothing more to find than the exact words found).
   */
  function casePrefixMatch(plan: SearchPlan): string | null {
    if (plan.prefixMatch === null) return null;
    const range = prefixTermRange(plan.terms[plan.terms.length - 1] ?? '');
    if (range === null) return plan.prefixMatch;
    const expansions = q.caseTerms.all(range.from, range.to);
    if (expansions.length > MAX_PREFIX_TERMS) return plan.prefixMatch;
    return expansions.length === 0 ? null : expandedPrefixMatch(plan.terms, expansions);
  }

  function phoneHits(digits: string, e164: string | null): { customer_id: string; number: string }[] {
    const hits = e164 ? q.phonesExact.all(e164) : [];
    if (hits.length > 0) return hits;
    const rev = reversedDigits(digits);
    return q.phonesByRev.all(rev, `${rev}:`);
  }

  function uniqueCustomers(hits: { customer_id: string; number: string }[], max: number) {
    const seen = new Map<string, string>();
    for (const hit of hits) if (!seen.has(hit.customer_id)) seen.set(hit.customer_id, hit.number);
    return { ids: [...seen.entries()].slice(0, max), truncated: seen.size > max };
  }

  /**
   * A read of several statements sees one snapshot: a sync batch committed between two of them
   * cannot pop a customer beside another moment's cases. (One read transaction, not one per statement.)
   */
  const snapshot = <A extends unknown[], R>(read: (...args: A) => R): ((...args: A) => R) => db.transaction(read);

  return {
    lookupCaller: snapshot((number: string): CallerLookup => {
      // Most caller IDs are E.164 already, or national numbers of the centre's own region: their likely
      // E.164 form is looked up first. libphonenumber runs only when that finds nobody: it leaves
      // most of a pop's garbage, and the lookup thread's collections were landing in the slowest pops
      // (docs/performance.md, "Store: search and screen pop").
      const likely = likelyE164(number, ctx.phoneRegion);
      let hits = likely ? q.phonesExact.all(likely) : [];
      const normalized: NormalizedNumber =
        likely && hits.length > 0 ? { e164: likely, digits: likely.slice(1) } : normalizePhone(number, ctx.phoneRegion);
      let matchedBy: CallerLookup['matchedBy'] = 'none';
      if (hits.length === 0) {
        const exactKey = normalized.e164 ?? (normalized.digits.length >= 3 ? normalized.digits : null);
        if (exactKey && exactKey !== likely) hits = q.phonesExact.all(exactKey);
      }
      if (hits.length > 0) matchedBy = 'exact';
      else if (normalized.digits.length >= SUFFIX_LENGTHS[SUFFIX_LENGTHS.length - 1]!) {
        for (const length of SUFFIX_LENGTHS) {
          if (length > normalized.digits.length) continue;
          const rev = reversedDigits(normalized.digits.slice(-length));
          hits = q.phonesByRev.all(rev, `${rev}:`);
          if (hits.length > 0) {
            matchedBy = 'suffix';
            break;
          }
        }
      }
      const { ids, truncated } = uniqueCustomers(hits, MAX_CALLER_MATCHES);
      const matches: CallerMatch[] = [];
      for (const [customerId, matchedNumber] of ids) {
        const row = q.customerById.get(customerId);
        if (!row) continue;
        matches.push({
          customer: toCustomer(row, phonesOf(customerId)),
          matchedNumber,
          openCases: q.openCases.all(customerId).map(toCaseSummary),
          recentInteractions: q.recentByCustomer.all(customerId, POP_RECENT_CONTACTS).map(toInteractionSummary),
        });
      }
      return { normalized: normalized.e164, matchedBy: matches.length > 0 ? matchedBy : 'none', matches, truncated };
    }),

    getCustomer: snapshot((id: string): CustomerDetail | null => {
      const row = q.customerById.get(id);
      if (!row) return null;
      return {
        customer: toCustomer(row, phonesOf(id)),
        cases: q.allCases.all(id).map(toCaseSummary),
        recentInteractions: q.recentByCustomer.all(id, 20).map(toInteractionSummary),
      };
    }),

    getCase: snapshot((id: string): CaseDetail | null => {
      const row = q.caseById.get(id);
      if (!row) return null;
      const customer = q.customerById.get(row.customer_id);
      return {
        case: toCase(row),
        customer: customer ? toCustomer(customer, phonesOf(customer.id)) : null,
        interactions: q.recentByCase.all(id, 50).map(toInteractionSummary),
      };
    }),

    search: snapshot((query: string | SearchOptions): SearchResult => {
      const options = typeof query === 'string' ? { query } : query;
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 100);
      const plan = planSearch(options.query);
      const result: SearchResult = { mode: plan.mode, terms: plan.terms, customers: [], cases: [], truncated: false };
      if (plan.mode === 'empty') return result;

      const customerRows = new Map<number, CustomerRow>();
      const caseRids: number[] = [];
      if (plan.idCandidate) {
        const customer = q.customerById.get(plan.idCandidate);
        if (customer) customerRows.set(customer.rid, customer);
        const found = q.caseRidById.get(plan.idCandidate);
        if (found) caseRids.push(found.rid);
      }

      if (plan.mode === 'phone' && plan.digits) {
        const normalized = normalizePhone(options.query, ctx.phoneRegion);
        const { ids, truncated } = uniqueCustomers(phoneHits(plan.digits, plan.digits.length >= 7 ? normalized.e164 : null), limit);
        result.truncated = truncated;
        for (const [customerId] of ids) {
          const row = q.customerById.get(customerId);
          if (row) customerRows.set(row.rid, row);
        }
        result.customers = [...customerRows.values()].slice(0, limit).map(customerHit);
        const openCases = result.customers.flatMap((c) => q.openCases.all(c.id));
        for (const row of openCases.slice(0, limit)) {
          const found = q.caseRidById.get(row.id);
          if (found && !caseRids.includes(found.rid)) caseRids.push(found.rid);
        }
      } else if (plan.match) {
        const customerMatch = plan.prefixMatch ?? plan.match;
        const customers = ftsAll(() => q.customerFts.all(customerMatch, limit + 1), 'customers');
        if (customers.length > limit) result.truncated = true;
        for (const row of customers) if (customerRows.size < limit) customerRows.set(row.rid, row);
        result.customers = [...customerRows.values()].map(customerHit);

        const lastTerm = plan.terms[plan.terms.length - 1] ?? '';
        const statement = options.openOnly ? q.openCaseCandidates : q.caseCandidates;
        // Exact words first: they are read newest-first and stop at the bound. The word being typed
        // (three letters or more) is matched as a prefix only when the exact words leave room among
        // the candidates (the agent is still typing a rarer word).
        const exactMatch = plan.match;
        let candidates = ftsAll(() => statement.all(exactMatch), 'cases');
        if (candidates.length < CANDIDATES && [...lastTerm].length >= 3) {
          const prefixMatch = casePrefixMatch(plan);
          if (prefixMatch !== null) candidates = ftsAll(() => statement.all(prefixMatch), 'cases');
        }
        if (candidates.length >= CANDIDATES) result.truncated = true;
        // Rank the bounded candidate set: every word in the subject first, open before closed, then newest.
        const open = new Set<string>(OPEN_CASE_STATUSES);
        const scored = candidates.map((c) => {
          const subject = c.subject.toLowerCase();
          const inSubject = plan.terms.filter((t) => subject.includes(t)).length;
          return { rid: c.rid, score: inSubject * 2 + (open.has(c.status) ? 1 : 0), updatedAt: c.updated_at };
        });
        scored.sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt || b.rid - a.rid);
        for (const s of scored) if (!caseRids.includes(s.rid)) caseRids.push(s.rid);
      }

      if (caseRids.length > limit) result.truncated = true;
      const cases: CaseHit[] = [];
      for (const rid of caseRids.slice(0, limit)) {
        const row = q.caseHit.get(rid);
        if (!row) continue;
        if (options.openOnly && !(OPEN_CASE_STATUSES as readonly string[]).includes(row.status)) continue;
        const summary = toCaseSummary(row);
        cases.push({ ...summary, customerName: row.customer_name, snippet: snippetAround(row.description, plan.terms) });
      }
      result.cases = cases;
      return result;
    }),

    getInteraction(id): InteractionWithWrapUp | null {
      const row = q.interaction.get(id);
      if (!row) return null;
      const wrap = q.wrapUpOf.get(id);
      return { ...toInteraction(row), wrapUp: wrap ? toWrapUp(wrap) : null };
    },

    listInteractions(filter = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.customerId !== undefined) {
        where.push('i.customer_id = ?');
        params.push(filter.customerId);
      }
      if (filter.caseId !== undefined) {
        where.push('i.case_id = ?');
        params.push(filter.caseId);
      }
      if (filter.since !== undefined) {
        where.push('i.started_at >= ?');
        params.push(filter.since);
      }
      if (filter.until !== undefined) {
        where.push('i.started_at < ?');
        params.push(filter.until);
      }
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 500), 1), 10_000);
      const rows = db
        .prepare<(string | number)[], InteractionRow & { w_id: string | null }>(
          `SELECT i.*, w.interaction_id AS w_id FROM interactions i LEFT JOIN wrapups w ON w.interaction_id = i.id
           ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.started_at DESC LIMIT ${limit}`,
        )
        .all(...params);
      return rows.map((row) => {
        const wrap = row.w_id === null ? undefined : q.wrapUpOf.get(row.id);
        return { ...toInteraction(row), wrapUp: wrap ? toWrapUp(wrap) : null };
      });
    },

    getWrapUp(interactionId) {
      const row = q.wrapUpOf.get(interactionId);
      return row ? toWrapUp(row) : null;
    },

    listWrapUpCodes(options = {}) {
      return q.codes.all(options.includeInactive === true ? 0 : 1).map(toWrapUpCode);
    },

    listCallbacks(filter = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.state !== undefined) {
        where.push('state = ?');
        params.push(filter.state);
      }
      if (filter.dueBefore !== undefined) {
        where.push('due_at < ?');
        params.push(filter.dueBefore);
      }
      if (filter.customerId !== undefined) {
        where.push('customer_id = ?');
        params.push(filter.customerId);
      }
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 200), 1), 5000);
      return db
        .prepare<(string | number)[], CallbackRow>(
          `SELECT * FROM callbacks ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at LIMIT ${limit}`,
        )
        .all(...params)
        .map(toCallback);
    },

    getEscalation(id) {
      const row = q.escalation.get(id);
      return row ? toEscalation(row) : null;
    },

    listEscalations(filter = {}) {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.caseId !== undefined) {
        where.push('case_id = ?');
        params.push(filter.caseId);
      }
      if (filter.open) where.push('resolved_at IS NULL');
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 200), 1), 5000);
      return db
        .prepare<string[], EscalationRow>(
          `SELECT * FROM escalations ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY resolve_by LIMIT ${limit}`,
        )
        .all(...params)
        .map(toEscalation);
    },

    counts(): StoreCounts {
      const outbox: OutboxCounts = { pending: 0, parked: 0, conflict: 0, sent: 0 };
      for (const row of q.outboxCounts.all()) if (row.state in outbox) outbox[row.state as keyof OutboxCounts] = row.n;
      return {
        customers: q.countCustomers.get()?.n ?? 0,
        cases: q.countCases.get()?.n ?? 0,
        openCases: q.countOpenCases.get()?.n ?? 0,
        interactions: q.countInteractions.get()?.n ?? 0,
        outbox,
      };
    },

    isDoNotCall(number) {
      const normalized = normalizePhone(number, ctx.phoneRegion);
      const key = normalized.e164 ?? number.trim();
      return q.doNotCall.get(key, key) !== undefined;
    },

    localVersion(kind, id) {
      return (kind === 'case' ? q.caseVersion : q.customerVersion).get(id)?.version ?? null;
    },

    integrityCheck() {
      const started = performance.now();
      const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
      const messages = rows.map((r) => r.integrity_check);
      const ok = messages.length === 1 && messages[0] === 'ok';
      return { ok, problem: ok ? null : messages.join('; ').slice(0, 1000), durationMs: Math.round(performance.now() - started) };
    },
  };
}

/**
 * The cases index's vocabulary as a table on this connection (fts5vocab reads the live
 * index: a word committed a moment ago is there). A temp table: nothing in the file changes,
 * so a reader lifts query_only for the one statement.
 */
function attachTermList(db: Db): void {
  const queryOnly = db.pragma('query_only', { simple: true }) === 1;
  if (queryOnly) db.pragma('query_only=0');
  try {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.cases_fts_terms USING fts5vocab(main, cases_fts, row)');
  } finally {
    if (queryOnly) db.pragma('query_only=1');
  }
}
