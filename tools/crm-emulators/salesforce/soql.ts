import { errors, parseIsoDateTime } from './http';
import { parseId, type PrefixedObject } from './ids';
import type { FieldValue } from './records';
import { objectNamed, schemaOf, type FieldDef, type ObjectName, type ObjectSchema, type OrgSettings } from './schema';

/**
 * A strict subset of SOQL (SOQL and SOSL Reference › SOQL SELECT Syntax), exactly what a CRM
 * connector's pulls need:
 *
 *   SELECT field[, Relationship.field…] FROM Object
 *   [WHERE condition] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST][, …]] [LIMIT n]
 *
 * Conditions: `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, `LIKE`, `IN (…)`, `NOT IN (…)`, AND, OR, NOT
 * and parentheses (mixing AND and OR without parentheses is refused, as SOQL refuses it).
 * Literals: 'strings' (with \' escapes), numbers, true/false, null, dateTimes
 * (2024-01-31T09:00:00Z or +01:00), dates (2024-01-31).
 *
 * Errors follow Salesforce's: MALFORMED_QUERY for syntax, INVALID_TYPE for an unknown object,
 * INVALID_FIELD for an unknown field or a value of the wrong type, INVALID_QUERY_FILTER_OPERATOR
 * for a bad id or operator, each with the "ERROR at Row:1:Column:n" pointer. Everything else
 * SOQL has (aggregates, subqueries, date literals like LAST_N_DAYS, OFFSET, GROUP BY, FOR UPDATE,
 * TYPEOF, FIELDS()) is refused with MALFORMED_QUERY naming what the emulator does not support:
 * stricter than Salesforce, never silently wrong.
 */

export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'cmp'; field: FieldDef; op: Op; value: FieldValue }
  | { kind: 'in'; field: FieldDef; negate: boolean; values: FieldValue[] }
  | { kind: 'like'; field: FieldDef; pattern: RegExp };

export interface SelectItem {
  /** The field on the queried object (for a relationship, its reference field). */
  field: FieldDef;
  /** For `Account.Name`: the relationship's target objects and the field read there. */
  via?: { targets: readonly PrefixedObject[]; fieldName: string };
}

export interface OrderItem {
  field: FieldDef;
  desc: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  object: ObjectName;
  schema: ObjectSchema;
  select: SelectItem[];
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
}

interface Token {
  kind: 'word' | 'string' | 'number' | 'datetime' | 'date' | 'op' | 'punct' | 'end';
  text: string;
  /** 1-based column of the token's first character. */
  col: number;
}

const MAX_QUERY_LENGTH = 100_000;
const NO_SUCH_COLUMN_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

class Parser {
  private readonly tokens: Token[] = [];
  private pos = 0;

  constructor(private readonly soql: string) {
    this.tokenize();
  }

  fail(code: string, message: string, col: number): never {
    const caret = `${' '.repeat(Math.max(0, col - 1))}^`;
    throw errors.api(400, code, `\n${this.soql.replace(/\n/g, ' ')}\n${caret}\nERROR at Row:1:Column:${col}\n${message}`);
  }

  unsupported(what: string, col: number): never {
    this.fail('MALFORMED_QUERY', `The Salesforce emulator does not support ${what}`, col);
  }

  private tokenize(): void {
    const s = this.soql;
    const re =
      /\s+|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2}))|(\d{4}-\d{2}-\d{2})(?![\dT])|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_][A-Za-z0-9_]*)|(!=|<>|<=|>=|=|<|>)|([(),.:])/y;
    let m: RegExpExecArray | null;
    let at = 0;
    while (at < s.length) {
      re.lastIndex = at;
      m = re.exec(s);
      if (!m) this.fail('MALFORMED_QUERY', `unexpected token: '${s.slice(at, at + 10)}'`, at + 1);
      const col = at + 1;
      at = re.lastIndex;
      if (m[1]) this.tokens.push({ kind: 'datetime', text: m[1], col });
      else if (m[2]) this.tokens.push({ kind: 'date', text: m[2], col });
      else if (m[3]) this.tokens.push({ kind: 'string', text: m[3], col });
      else if (m[4]) this.tokens.push({ kind: 'number', text: m[4], col });
      else if (m[5]) this.tokens.push({ kind: 'word', text: m[5], col });
      else if (m[6]) this.tokens.push({ kind: 'op', text: m[6], col });
      else if (m[7]) this.tokens.push({ kind: 'punct', text: m[7], col });
    }
    this.tokens.push({ kind: 'end', text: '', col: s.length + 1 });
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'word' && t.text.toUpperCase() === word;
  }

  expectWord(word: string): Token {
    const t = this.next();
    if (t.kind !== 'word' || t.text.toUpperCase() !== word) this.unexpected(t);
    return t;
  }

  expectPunct(p: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) this.unexpected(t);
    return t;
  }

  unexpected(t: Token): never {
    this.fail('MALFORMED_QUERY', t.kind === 'end' ? 'unexpected token: <EOF>' : `unexpected token: ${t.text}`, t.col);
  }
}

const UNSUPPORTED_WORDS = new Map([
  ['GROUP', 'GROUP BY'],
  ['HAVING', 'HAVING'],
  ['OFFSET', 'OFFSET (page with nextRecordsUrl instead)'],
  ['FOR', 'FOR VIEW / FOR REFERENCE / FOR UPDATE'],
  ['WITH', 'WITH clauses'],
  ['USING', 'USING SCOPE'],
  ['TYPEOF', 'TYPEOF'],
  ['INCLUDES', 'INCLUDES / EXCLUDES'],
  ['EXCLUDES', 'INCLUDES / EXCLUDES'],
  ['ALL', 'ALL ROWS (use queryAll)'],
]);

function unescapeString(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
}

export function parseSoql(soql: string, settings: OrgSettings): SoqlQuery {
  if (soql.length > MAX_QUERY_LENGTH) {
    throw errors.api(400, 'MALFORMED_QUERY', `SOQL statements cannot be longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const p: Parser = new Parser(soql);
  p.expectWord('SELECT');
  // The field list is read before FROM names the object; check it after.
  const rawFields: Token[][] = [];
  for (;;) {
    const first = p.next();
    if (first.kind !== 'word') {
      if (first.kind === 'punct' && first.text === '(') p.unsupported('subqueries', first.col);
      p.unexpected(first);
    }
    if (p.peek().kind === 'punct' && p.peek().text === '(')
      p.unsupported(`${first.text.toUpperCase()}() (aggregates and FIELDS())`, first.col);
    if (first.text.toUpperCase() === 'TYPEOF') p.unsupported('TYPEOF', first.col);
    const path = [first];
    while (p.peek().kind === 'punct' && p.peek().text === '.') {
      p.next();
      const part = p.next();
      if (part.kind !== 'word') p.unexpected(part);
      path.push(part);
    }
    rawFields.push(path);
    if (p.peek().kind === 'punct' && p.peek().text === ',') {
      p.next();
      continue;
    }
    break;
  }
  p.expectWord('FROM');
  const objectToken = p.next();
  if (objectToken.kind !== 'word') p.unexpected(objectToken);
  const object = objectNamed(objectToken.text);
  if (!object) {
    p.fail(
      'INVALID_TYPE',
      `sObject type '${objectToken.text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      objectToken.col,
    );
  }
  const schema = schemaOf(object, settings);
  const select = rawFields.map((path) => resolveSelect(p, schema, path, settings));
  const seen = new Set<string>();
  for (const [i, item] of select.entries()) {
    const key = item.via ? `${item.field.relationship}.${item.via.fieldName}`.toLowerCase() : item.field.name.toLowerCase();
    if (seen.has(key))
      p.fail('MALFORMED_QUERY', `duplicate field selected: ${rawFields[i]!.map((t) => t.text).join('.')}`, rawFields[i]![0]!.col);
    seen.add(key);
  }
  if (p.peek().kind === 'word' && !['WHERE', 'ORDER', 'LIMIT'].includes(p.peek().text.toUpperCase())) {
    const t = p.peek();
    const what = UNSUPPORTED_WORDS.get(t.text.toUpperCase());
    if (what) p.unsupported(what, t.col);
    p.unsupported(`an alias or clause "${t.text}" here`, t.col);
  }
  let where: Condition | null = null;
  if (p.isWord('WHERE')) {
    p.next();
    where = parseCondition(p, schema);
  }
  const orderBy: OrderItem[] = [];
  if (p.isWord('ORDER')) {
    p.next();
    p.expectWord('BY');
    for (;;) {
      const t = p.next();
      if (t.kind !== 'word') p.unexpected(t);
      if (p.peek().kind === 'punct' && p.peek().text === '.') p.unsupported('ORDER BY on a relationship field', t.col);
      const field = fieldOf(p, schema, t);
      if (field.type === 'textarea') p.fail('INVALID_FIELD', `field '${field.name}' can not be sorted in a query call`, t.col);
      let desc = false;
      if (p.isWord('ASC')) p.next();
      else if (p.isWord('DESC')) {
        p.next();
        desc = true;
      }
      let nullsLast = desc;
      if (p.isWord('NULLS')) {
        p.next();
        const which = p.next();
        if (which.kind !== 'word' || !['FIRST', 'LAST'].includes(which.text.toUpperCase())) p.unexpected(which);
        nullsLast = which.text.toUpperCase() === 'LAST';
      }
      orderBy.push({ field, desc, nullsLast });
      if (p.peek().kind === 'punct' && p.peek().text === ',') {
        p.next();
        continue;
      }
      break;
    }
  }
  let limit: number | null = null;
  if (p.isWord('LIMIT')) {
    p.next();
    const t = p.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) p.unexpected(t);
    limit = Number(t.text);
  }
  const rest = p.peek();
  if (rest.kind !== 'end') {
    const what = rest.kind === 'word' ? UNSUPPORTED_WORDS.get(rest.text.toUpperCase()) : undefined;
    if (what) p.unsupported(what, rest.col);
    p.unexpected(rest);
  }
  return { object, schema, select, where, orderBy, limit };
}

function noSuchColumn(p: Parser, schema: ObjectSchema, t: Token): never {
  p.fail('INVALID_FIELD', `No such column '${t.text}' on entity '${schema.name}'. ${NO_SUCH_COLUMN_HINT}`, t.col);
}

function fieldOf(p: Parser, schema: ObjectSchema, t: Token): FieldDef {
  return schema.byName.get(t.text.toLowerCase()) ?? noSuchColumn(p, schema, t);
}

function resolveSelect(p: Parser, schema: ObjectSchema, path: Token[], settings: OrgSettings): SelectItem {
  if (path.length === 1) return { field: fieldOf(p, schema, path[0]!) };
  if (path.length > 2) p.unsupported('relationship paths longer than one level', path[0]!.col);
  const [rel, leaf] = path as [Token, Token];
  const field = schema.byRelationship.get(rel.text.toLowerCase());
  if (!field) {
    p.fail(
      'INVALID_FIELD',
      `Didn't understand relationship '${rel.text}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      rel.col,
    );
  }
  const targets = field.refTo!;
  if (targets.length > 1) {
    // Polymorphic (Owner, Who, What): only the fields every target has.
    const name = ['Id', 'Name'].find((f) => f.toLowerCase() === leaf.text.toLowerCase());
    if (!name) p.fail('INVALID_FIELD', `No such column '${leaf.text}' on entity 'Name'. ${NO_SUCH_COLUMN_HINT}`, leaf.col);
    return { field, via: { targets, fieldName: name } };
  }
  const target = schemaOf(targets[0] as ObjectName, settings);
  return { field, via: { targets, fieldName: fieldOf(p, target, leaf).name } };
}

function parseCondition(p: Parser, schema: ObjectSchema): Condition {
  const first = parseUnary(p, schema);
  let joiner: 'and' | 'or' | null = null;
  const items = [first];
  while (p.isWord('AND') || p.isWord('OR')) {
    const t = p.next();
    const kind = t.text.toUpperCase() === 'AND' ? 'and' : 'or';
    if (joiner && joiner !== kind)
      p.fail('MALFORMED_QUERY', `unexpected token: ${t.text.toUpperCase()} (use parentheses to mix AND and OR)`, t.col);
    joiner = kind;
    items.push(parseUnary(p, schema));
  }
  return joiner ? { kind: joiner, items } : first;
}

function parseUnary(p: Parser, schema: ObjectSchema): Condition {
  if (p.isWord('NOT')) {
    p.next();
    return { kind: 'not', item: parseUnary(p, schema) };
  }
  const t = p.peek();
  if (t.kind === 'punct' && t.text === '(') {
    p.next();
    const inner = parseCondition(p, schema);
    p.expectPunct(')');
    return inner;
  }
  return parseComparison(p, schema);
}

function parseComparison(p: Parser, schema: ObjectSchema): Condition {
  const name = p.next();
  if (name.kind !== 'word') p.unexpected(name);
  if (p.peek().kind === 'punct' && p.peek().text === '.') p.unsupported('relationship fields in WHERE', name.col);
  if (p.peek().kind === 'punct' && p.peek().text === '(') p.unsupported(`${name.text.toUpperCase()}() in WHERE`, name.col);
  const field = fieldOf(p, schema, name);
  if (p.isWord('IN') || (p.isWord('NOT') && p.isWord('IN', 1))) {
    const negate = p.isWord('NOT');
    if (negate) p.next();
    p.next();
    p.expectPunct('(');
    if (p.isWord('SELECT')) p.unsupported('semi-joins (IN with a subquery)', p.peek().col);
    const values: FieldValue[] = [];
    for (;;) {
      values.push(literalFor(p, field, p.next(), true));
      const t = p.next();
      if (t.kind === 'punct' && t.text === ')') break;
      if (t.kind !== 'punct' || t.text !== ',') p.unexpected(t);
    }
    return { kind: 'in', field, negate, values };
  }
  if (p.isWord('LIKE')) {
    const likeToken = p.next();
    const v = p.next();
    if (v.kind !== 'string') p.unexpected(v);
    if (!['string', 'email', 'phone', 'picklist', 'textarea'].includes(field.type)) {
      p.fail('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${field.type} field: LIKE`, likeToken.col);
    }
    const pattern = unescapeString(v.text)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.');
    return { kind: 'like', field, pattern: new RegExp(`^${pattern}$`, 'is') };
  }
  const opToken = p.next();
  if (opToken.kind !== 'op') {
    if (opToken.kind === 'word' && UNSUPPORTED_WORDS.has(opToken.text.toUpperCase()))
      p.unsupported(UNSUPPORTED_WORDS.get(opToken.text.toUpperCase())!, opToken.col);
    p.unexpected(opToken);
  }
  const op: Op = opToken.text === '<>' ? '!=' : (opToken.text as Op);
  const valueToken = p.next();
  const value = literalFor(p, field, valueToken, op === '=' || op === '!=');
  if (op !== '=' && op !== '!=' && (field.type === 'boolean' || field.type === 'textarea')) {
    p.fail('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${field.type} field: ${opToken.text}`, opToken.col);
  }
  return { kind: 'cmp', field, op, value };
}

const TYPE_NAME: Record<string, string> = { datetime: 'dateTime', int: 'int', date: 'date', boolean: 'boolean' };

/** A literal checked against the field's type, in comparable form (dateTimes as ms, ids as 18 characters). */
function literalFor(p: Parser, field: FieldDef, t: Token, nullAllowed: boolean): FieldValue {
  if (t.kind === 'word' && t.text.toLowerCase() === 'null') {
    if (!nullAllowed) p.fail('INVALID_QUERY_FILTER_OPERATOR', 'null may only be used with = and !=', t.col);
    return null;
  }
  if (t.kind === 'word' && p.peek().kind === 'punct' && p.peek().text === ':') p.unsupported(`date literals (${t.text}:n)`, t.col);
  const wrongType = (): never => {
    const quoted = t.kind === 'string';
    const typeName = TYPE_NAME[field.type] ?? 'string';
    const advice = typeName === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    if (t.kind === 'word' && !['true', 'false'].includes(t.text.toLowerCase())) {
      if (/^(TODAY|YESTERDAY|TOMORROW|LAST_|NEXT_|THIS_)/i.test(t.text)) p.unsupported(`date literals (${t.text})`, t.col);
      p.unexpected(t);
    }
    p.fail(
      'INVALID_FIELD',
      `value of filter criterion for field '${field.name}' must be of type ${typeName} and ${advice}${quoted ? '' : ''}`,
      t.col,
    );
  };
  switch (field.type) {
    case 'datetime': {
      if (t.kind !== 'datetime') wrongType();
      return parseIsoDateTime(t.text);
    }
    case 'date':
      if (t.kind !== 'date') wrongType();
      return t.text;
    case 'boolean':
      if (t.kind !== 'word' || !['true', 'false'].includes(t.text.toLowerCase())) wrongType();
      return t.text.toLowerCase() === 'true';
    case 'int':
      if (t.kind !== 'number') wrongType();
      return Number(t.text);
    case 'id':
    case 'reference': {
      if (t.kind !== 'string') wrongType();
      const raw = unescapeString(t.text);
      const parsed = parseId(raw);
      if (!parsed) p.fail('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${raw}`, t.col);
      return parsed.id;
    }
    default:
      if (t.kind !== 'string') wrongType();
      return unescapeString(t.text);
  }
}
