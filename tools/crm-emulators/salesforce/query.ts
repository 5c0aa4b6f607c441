import { attributesOf, DATA_ROOT, errors, type ApiContext, type Reply } from './http';
import { makeKeyedId } from './ids';
import { jsonValue, rawValue, type FieldValue, type SfRecord } from './records';
import { schemaOf } from './schema';
import { parseSoql, type Condition, type SoqlQuery } from './soql';
import type { SalesforceState } from './state';
import type { Position } from './table';

/**
 * Query and QueryAll (REST API Developer Guide › Query, QueryAll, Execute a SOQL Query, Query
 * Options Header), with query locators as the SOAP API Developer Guide › query() and queryMore()
 * describe them:
 *
 *  - pages of 2,000 records by default; `Sforce-Query-Options: batchSize=n` asks for 200–2,000
 *    (anything else is refused here; Salesforce treats the size as a hint);
 *  - `totalSize`, `done`, and while not done `nextRecordsUrl` = /services/data/vXX.X/query/01g…-2000
 *    (the number is how many records came before the next page); a page can be asked for again
 *    (a retry after a lost answer) as long as the locator lives;
 *  - a query whose results fit in one page gets no locator; a locator expires after 15 minutes
 *    without use, and a user has at most 10 open: opening an eleventh releases the oldest (one
 *    whose last page was served no longer counts, but its pages can be read again until it
 *    expires). A dead or unknown locator is 400 INVALID_QUERY_LOCATOR;
 *  - queryAll also returns records in the Recycle Bin, with IsDeleted = true.
 *
 * Pages are read when asked for, not frozen when the query ran: a record changed while a pull
 * pages can show up again in a later page (it moved to the end of SystemModstamp order), never
 * go missing.
 */

const DEFAULT_BATCH = 2000;
const CURSOR_IDLE_MS = 15 * 60_000;
const MAX_OPEN_CURSORS = 10;
/** Orders other than SystemModstamp or Id sort every match in memory; more than this is refused. */
const MAX_SORTED_ROWS = 50_000;

type Walk =
  { mode: 'modstamp'; after: Position | null } | { mode: 'id'; after: number | null } | { mode: 'sorted'; seqs: number[]; index: number };

interface Cursor {
  locator: string;
  userId: string;
  query: SoqlQuery;
  all: boolean;
  batchSize: number;
  totalSize: number;
  /** Where each page starts, by the number of records before it. */
  pages: Map<number, Walk>;
  lastUsedAt: number;
  /** Its last page was served: it no longer counts as open (its pages can still be asked for again). */
  finished: boolean;
}

/** Text compares without case, as SOQL does; ids and references compare as they sort (case matters). */
function compare(a: FieldValue, b: FieldValue, caseSensitive = false): number {
  if (typeof a === 'string' && typeof b === 'string' && !caseSensitive) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

const isIdType = (type: string): boolean => type === 'id' || type === 'reference';

export function matches(record: SfRecord, cond: Condition): boolean {
  switch (cond.kind) {
    case 'and':
      return cond.items.every((c) => matches(record, c));
    case 'or':
      return cond.items.some((c) => matches(record, c));
    case 'not':
      return !matches(record, cond.item);
    case 'like': {
      const v = rawValue(record, cond.field.name);
      return typeof v === 'string' && cond.pattern.test(v);
    }
    case 'in': {
      const v = rawValue(record, cond.field.name);
      const exact = isIdType(cond.field.type);
      const found = v !== null && cond.values.some((x) => x !== null && compare(v, x, exact) === 0);
      return cond.negate ? !found : found;
    }
    case 'cmp': {
      const v = rawValue(record, cond.field.name);
      if (cond.value === null) return cond.op === '=' ? v === null : v !== null;
      if (v === null) return cond.op === '!=';
      const c = compare(v, cond.value, isIdType(cond.field.type));
      switch (cond.op) {
        case '=':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
      }
    }
  }
}

/**
 * Bounds on SystemModstamp that every match of `cond` lies within (lower exclusive, upper
 * inclusive; null: unbounded): AND takes the tightest of its terms, OR the loosest. The walk
 * starts and stops there instead of reading the whole table.
 */
export function modstampBounds(cond: Condition | null): { lower: number | null; upper: number | null } {
  if (cond === null) return { lower: null, upper: null };
  switch (cond.kind) {
    case 'cmp': {
      if (cond.field.name !== 'SystemModstamp' || typeof cond.value !== 'number') return { lower: null, upper: null };
      const v = cond.value;
      if (cond.op === '>') return { lower: v, upper: null };
      if (cond.op === '>=') return { lower: v - 1, upper: null };
      if (cond.op === '<') return { lower: null, upper: v - 1 };
      if (cond.op === '<=') return { lower: null, upper: v };
      if (cond.op === '=') return { lower: v - 1, upper: v };
      return { lower: null, upper: null };
    }
    case 'and': {
      const parts = cond.items.map(modstampBounds);
      const lowers = parts.map((b) => b.lower).filter((x): x is number => x !== null);
      const uppers = parts.map((b) => b.upper).filter((x): x is number => x !== null);
      return { lower: lowers.length ? Math.max(...lowers) : null, upper: uppers.length ? Math.min(...uppers) : null };
    }
    case 'or': {
      const parts = cond.items.map(modstampBounds);
      const lower = parts.some((b) => b.lower === null) ? null : Math.min(...parts.map((b) => b.lower!));
      const upper = parts.some((b) => b.upper === null) ? null : Math.max(...parts.map((b) => b.upper!));
      return { lower, upper };
    }
    default:
      return { lower: null, upper: null };
  }
}

/** Whether a condition is nothing but SystemModstamp bounds (then a count is arithmetic). */
function onlyModstampBounds(cond: Condition | null): boolean {
  if (cond === null) return true;
  if (cond.kind === 'and') return cond.items.every(onlyModstampBounds);
  return cond.kind === 'cmp' && cond.field.name === 'SystemModstamp' && cond.value !== null && cond.op !== '!=';
}

/** The ids a condition is limited to by a top-level `Id = …` or `Id IN (…)`, or null. */
function idCandidates(cond: Condition | null): Set<string> | null {
  if (cond === null) return null;
  const parts = cond.kind === 'and' ? cond.items : [cond];
  let ids: Set<string> | null = null;
  for (const part of parts) {
    let these: string[] | null = null;
    if (part.kind === 'cmp' && part.field.name === 'Id' && part.op === '=' && typeof part.value === 'string') these = [part.value];
    if (part.kind === 'in' && part.field.name === 'Id' && !part.negate)
      these = part.values.filter((v): v is string => typeof v === 'string');
    if (these) ids = ids === null ? new Set(these) : new Set(these.filter((id) => ids!.has(id)));
  }
  return ids;
}

function conditionFields(cond: Condition | null, into = new Set<string>()): Set<string> {
  if (cond === null) return into;
  switch (cond.kind) {
    case 'and':
    case 'or':
      for (const c of cond.items) conditionFields(c, into);
      break;
    case 'not':
      conditionFields(cond.item, into);
      break;
    default:
      into.add(cond.field.name);
  }
  return into;
}

export class QueryEngine {
  private readonly cursors = new Map<string, Cursor>();
  private nextLocator = 1;

  constructor(private readonly state: SalesforceState) {}

  private visible(record: SfRecord, all: boolean): boolean {
    return record.deletedAt === null || (all && this.state.inRecycleBin(record));
  }

  private passes(record: SfRecord, cursor: Pick<Cursor, 'query' | 'all'>): boolean {
    return this.visible(record, cursor.all) && (cursor.query.where === null || matches(record, cursor.query.where));
  }

  private firstWalk(query: SoqlQuery, all: boolean): Walk {
    const order = query.orderBy.map((o) => `${o.field.name}${o.desc ? ' desc' : ''}`).join(',');
    const table = this.state.table(query.object);
    const candidates = idCandidates(query.where);
    let found: SfRecord[];
    if (candidates) {
      found = [];
      for (const id of candidates) {
        const record = this.state.find(id);
        if (record && record.type === query.object && this.passes(record, { query, all })) found.push(record);
      }
    } else {
      if (order === '' || order === 'Id') return { mode: 'id', after: null };
      if (order === 'SystemModstamp' || order === 'SystemModstamp,Id') {
        const lower = modstampBounds(query.where).lower;
        return { mode: 'modstamp', after: lower === null ? null : { t: lower, seq: Number.MAX_SAFE_INTEGER } };
      }
      found = [];
      for (const seq of table.walkById(null)) {
        const record = table.get(seq)!;
        if (!this.passes(record, { query, all })) continue;
        found.push(record);
        if (found.length > MAX_SORTED_ROWS) {
          throw errors.malformedQuery(
            `The Salesforce emulator sorts at most ${MAX_SORTED_ROWS} rows in memory; ORDER BY SystemModstamp, Id (or Id), or filter more`,
          );
        }
      }
    }
    found.sort((a, b) => {
      for (const o of query.orderBy) {
        const x = rawValue(a, o.field.name);
        const y = rawValue(b, o.field.name);
        if (x === null || y === null) {
          if (x === y) continue;
          return (x === null) === o.nullsLast ? 1 : -1;
        }
        const c = compare(x, y, isIdType(o.field.type));
        if (c !== 0) return o.desc ? -c : c;
      }
      return a.seq - b.seq;
    });
    return { mode: 'sorted', seqs: found.map((r) => r.seq), index: 0 };
  }

  /** Walks from `walk`; yields matching records and the walk state just after each. */
  private *read(cursor: Pick<Cursor, 'query' | 'all'>, walk: Walk, countOnly = false): Generator<[SfRecord, Walk]> {
    const table = this.state.table(cursor.query.object);
    const facts = table.factFields;
    const byFacts = facts !== null && [...conditionFields(cursor.query.where)].every((f) => facts.has(f));
    // Filter on the cheap facts of a seeded record; build the whole record only for a match.
    const probe = (seq: number): SfRecord | null => {
      const candidate = byFacts ? table.getFacts(seq)! : table.get(seq)!;
      if (!this.passes(candidate, cursor)) return null;
      return byFacts && !countOnly ? table.get(seq)! : candidate;
    };
    if (walk.mode === 'modstamp') {
      const upper = modstampBounds(cursor.query.where).upper;
      for (const pos of table.walkByModstamp(walk.after)) {
        if (upper !== null && pos.t > upper) return;
        const record = probe(pos.seq);
        if (record) yield [record, { mode: 'modstamp', after: pos }];
      }
    } else if (walk.mode === 'id') {
      for (const seq of table.walkById(walk.after)) {
        const record = probe(seq);
        if (record) yield [record, { mode: 'id', after: seq }];
      }
    } else {
      for (let i = walk.index; i < walk.seqs.length; i++) {
        const record = table.get(walk.seqs[i]!)!;
        if (this.passes(record, cursor)) yield [record, { mode: 'sorted', seqs: walk.seqs, index: i + 1 }];
      }
    }
  }

  private count(query: SoqlQuery, all: boolean, walk: Walk): number {
    let n = 0;
    if (walk.mode !== 'sorted' && onlyModstampBounds(query.where)) {
      const bounds = modstampBounds(query.where);
      n = this.state.table(query.object).countInRange(bounds.lower, bounds.upper, (r) => this.passes(r, { query, all }));
    } else if (walk.mode === 'sorted') {
      n = walk.seqs.length;
    } else {
      for (const _ of this.read({ query, all }, walk, true)) n++;
    }
    return query.limit === null ? n : Math.min(n, query.limit);
  }

  private renderRecord(record: SfRecord, query: SoqlQuery): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: attributesOf(record.type, record.id) };
    for (const item of query.select) {
      if (!item.via) {
        out[item.field.name] = jsonValue(record, item.field);
        continue;
      }
      const key = item.field.relationship!;
      const ref = rawValue(record, item.field.name);
      const target = typeof ref === 'string' ? this.state.find(ref) : undefined;
      if (!target || target.deletedAt !== null) {
        out[key] = null;
        continue;
      }
      const nested = (out[key] as Record<string, unknown> | undefined) ?? { attributes: attributesOf(target.type, target.id) };
      const name = item.via.fieldName;
      if (name === 'Name' && target.type === 'Case') nested.Name = target.values.CaseNumber ?? null;
      else {
        const def = schemaOf(target.type, this.state.settings).byName.get(name.toLowerCase());
        nested[name] = def ? jsonValue(target, def) : null;
      }
      out[key] = nested;
    }
    return out;
  }

  private page(cursor: Cursor, before: number, walk: Walk): Reply {
    const limitLeft = cursor.query.limit === null ? Number.POSITIVE_INFINITY : cursor.query.limit - before;
    const size = Math.min(cursor.batchSize, limitLeft);
    const records: Record<string, unknown>[] = [];
    let at = walk;
    let more = false;
    if (size > 0) {
      for (const [record, after] of this.read(cursor, walk)) {
        if (records.length === size) {
          more = true;
          break;
        }
        records.push(this.renderRecord(record, cursor.query));
        at = after;
      }
    }
    if (records.length === size && limitLeft <= size) more = false;
    const object = cursor.query.object;
    this.state.served.set(object, (this.state.served.get(object) ?? 0) + records.length);
    const body: Record<string, unknown> = { totalSize: cursor.totalSize, done: !more, records };
    if (more) {
      const next = before + records.length;
      cursor.pages.set(next, at);
      body.nextRecordsUrl = `${DATA_ROOT}/query/${cursor.locator}-${next}`;
      if (!this.cursors.has(cursor.locator)) this.register(cursor);
    } else cursor.finished = true;
    return { status: 200, body };
  }

  /** A query's cursor; it takes a locator only if the results need more than one page. */
  private open(query: SoqlQuery, all: boolean, userId: string, batchSize: number): Cursor {
    const walk = this.firstWalk(query, all);
    return {
      locator: makeKeyedId('01g', this.nextLocator++),
      userId,
      query,
      all,
      batchSize,
      totalSize: this.count(query, all, walk),
      pages: new Map([[0, walk]]),
      lastUsedAt: this.state.now(),
      finished: false,
    };
  }

  /** Keeps a locator; a user's eleventh open one releases their oldest. */
  private register(cursor: Cursor): void {
    this.expire();
    const open = [...this.cursors.values()]
      .filter((c) => c.userId === cursor.userId && !c.finished)
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    while (open.length >= MAX_OPEN_CURSORS) this.cursors.delete(open.shift()!.locator);
    this.cursors.set(cursor.locator, cursor);
  }

  private expire(): void {
    const now = this.state.now();
    for (const [locator, c] of this.cursors) if (now - c.lastUsedAt > CURSOR_IDLE_MS) this.cursors.delete(locator);
  }

  /** GET …/query?q= and …/queryAll?q= */
  run(ctx: ApiContext, all: boolean): Reply {
    const q = ctx.url.searchParams.get('q');
    if (q === null || q.trim() === '') throw errors.malformedQuery("A query string has to be specified (the 'q' parameter)");
    const query = parseSoql(q, ctx.settings);
    const cursor = this.open(query, all, ctx.session.userId, batchSizeOf(ctx));
    return this.page(cursor, 0, cursor.pages.get(0)!);
  }

  /** GET …/query/{locator}-{n} (also reached from a queryAll's nextRecordsUrl). */
  more(ctx: ApiContext, token: string): Reply {
    this.expire();
    const m = /^([0-9A-Za-z]{15,18})-(\d+)$/.exec(token);
    const cursor = m ? this.cursors.get(m[1]!) : undefined;
    const walk = cursor?.pages.get(Number(m?.[2]));
    if (!cursor || !walk || cursor.userId !== ctx.session.userId) throw errors.api(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    cursor.lastUsedAt = this.state.now();
    return this.page(cursor, Number(m![2]), walk);
  }

  /** Open locators, for tests. */
  get openCursors(): number {
    this.expire();
    return this.cursors.size;
  }
}

/** `Sforce-Query-Options: batchSize=n`, 200–2,000 (REST API Developer Guide › Headers › Query Options Header). */
function batchSizeOf(ctx: ApiContext): number {
  const header = ctx.headers['sforce-query-options'];
  if (header === undefined) return DEFAULT_BATCH;
  const m = /^\s*batchSize\s*=\s*(\d{1,6})\s*$/i.exec(String(header));
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 200 && n <= 2000)) {
    throw errors.api(
      400,
      'INVALID_BATCH_SIZE',
      `Sforce-Query-Options must be batchSize=n with n from 200 to 2000 (got "${String(header)}")`,
    );
  }
  return n;
}
