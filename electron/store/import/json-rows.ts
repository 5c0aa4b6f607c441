/**
 * Reads an import file in JSON: an array of records, an object
 * `{ "customers": [...], "cases": [...] }`, or JSON Lines (one record per
 * line). Each record comes back with the line it starts on. The text is
 * scanned once for element boundaries (strings, escapes and nesting tracked),
 * and each element is parsed on its own, so one broken record is reported at
 * its own line instead of failing the whole file at "position 81234".
 */
import { userText, type UserText } from '../../../shared/text/user-text';

export type JsonSection = 'customers' | 'cases' | null;

export interface JsonRow {
  line: number;
  section: JsonSection;
  value: unknown;
}

export interface JsonRowsResult {
  rows: JsonRow[];
  problems: { line: number; message: UserText }[];
}

interface Span {
  start: number;
  end: number;
  line: number;
  section: JsonSection;
}

/** Messages from JSON.parse quote the text around the error; keep only what it says is wrong. */
function parseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/,\s*".*"\s*is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .slice(0, 200);
}

export function parseJsonRows(input: string): JsonRowsResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const first = text.search(/\S/);
  if (first < 0) return { rows: [], problems: [{ line: 1, message: userText('store.import.json.empty') }] };
  const lineAt = lineCounter(text);

  if (text[first] === '{') {
    // A wrapper object, one record, or JSON Lines.
    let whole: unknown;
    let wholeOk = true;
    try {
      whole = JSON.parse(text);
    } catch {
      wholeOk = false;
    }
    if (wholeOk && isRecord(whole) && (Array.isArray(whole.customers) || Array.isArray(whole.cases))) {
      const unknown = Object.keys(whole).filter((k) => k !== 'customers' && k !== 'cases');
      const problems =
        unknown.length > 0
          ? [
              {
                line: lineAt(first),
                message: userText('store.import.json.unknownKeys', { keys: unknown.slice(0, 5).join(', ') }),
              },
            ]
          : [];
      return withProblems(problems, scanAndParse(text, first, true));
    }
    if (wholeOk) return { rows: [{ line: lineAt(first), section: null, value: whole }], problems: [] };
    const firstLine = text.slice(first).split(/\r\n|\n|\r/, 1)[0] ?? '';
    if (isJson(firstLine)) return parseJsonLines(text);
    // A broken document: report the record (or the place) where it breaks.
    const broken = scanAndParse(text, first, true);
    if (broken.problems.length > 0) return broken;
    return {
      rows: [],
      problems: [
        {
          line: lineAt(first),
          message: userText('store.import.json.brokenBetweenSections'),
        },
      ],
    };
  }
  if (text[first] !== '[') {
    return {
      rows: [],
      problems: [
        {
          line: lineAt(first),
          message: userText('store.import.json.notJson'),
        },
      ],
    };
  }
  return scanAndParse(text, first, false);
}

function scanAndParse(text: string, first: number, wrapped: boolean): JsonRowsResult {
  const spans = scanSpans(text, first, wrapped);
  if ('error' in spans) return { rows: [], problems: [{ line: spans.line, message: spans.error }] };
  return parseSpans(text, spans);
}

function withProblems(problems: JsonRowsResult['problems'], result: JsonRowsResult): JsonRowsResult {
  return { rows: result.rows, problems: [...problems, ...result.problems] };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseSpans(text: string, spans: Span[]): JsonRowsResult {
  const rows: JsonRow[] = [];
  const problems: { line: number; message: UserText }[] = [];
  for (const span of spans) {
    try {
      rows.push({ line: span.line, section: span.section, value: JSON.parse(text.slice(span.start, span.end)) as unknown });
    } catch (error) {
      problems.push({ line: span.line, message: userText('store.import.json.invalid', { detail: parseMessage(error) }) });
    }
  }
  return { rows, problems };
}

function parseJsonLines(text: string): JsonRowsResult {
  const rows: JsonRow[] = [];
  const problems: { line: number; message: UserText }[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((content, index) => {
    if (content.trim().length === 0) return;
    try {
      rows.push({ line: index + 1, section: null, value: JSON.parse(content) as unknown });
    } catch (error) {
      problems.push({ line: index + 1, message: userText('store.import.json.invalidLine', { detail: parseMessage(error) }) });
    }
  });
  return { rows, problems };
}

/**
 * Finds the element spans of the top-level array (wrapped = false) or of the
 * "customers"/"cases" arrays of the top-level object (wrapped = true).
 */
function scanSpans(text: string, from: number, wrapped: boolean): Span[] | { error: UserText; line: number } {
  const spans: Span[] = [];
  const stack: string[] = [];
  const elementDepth = wrapped ? 2 : 1;
  let line = 1;
  for (let k = 0; k < from; k += 1) if (text.charCodeAt(k) === 10) line += 1;
  let section: JsonSection = null;
  let lastKey: string | null = null;
  let open: Span | null = null;
  let i = from;
  const n = text.length;
  const close = (end: number) => {
    if (open) {
      open.end = end;
      spans.push(open);
      open = null;
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line += 1;
      i += 1;
      continue;
    }
    if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) line += 1;
      i += 1;
      continue;
    }
    if (c === 32 || c === 9) {
      i += 1;
      continue;
    }
    const depth = stack.length;
    if (depth === 0 && i > from) return { error: userText('store.import.json.textAfterEnd'), line };
    const inElementArray = depth === elementDepth && stack[depth - 1] === '[' && (!wrapped || section !== null);
    if (inElementArray && open === null && c !== 44 /* , */ && c !== 93 /* ] */) {
      open = { start: i, end: i, line, section };
    }
    if (c === 34 /* " */) {
      const startLine = line;
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) j += 2;
        else if (d === 34) break;
        else {
          if (d === 10) line += 1;
          j += 1;
        }
      }
      if (j >= n) return { error: userText('store.import.json.unclosedString', { line: startLine }), line: startLine };
      if (wrapped && depth === 1) lastKey = text.slice(i + 1, j);
      i = j + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (wrapped && depth === 1 && c === 91) section = lastKey === 'customers' || lastKey === 'cases' ? lastKey : null;
      stack.push(c === 123 ? '{' : '[');
      i += 1;
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      const expected = c === 125 ? '{' : '[';
      if (stack.pop() !== expected) return { error: userText('store.import.json.unexpected', { char: String.fromCharCode(c) }), line };
      if (stack.length === elementDepth - 1 && c === 93) {
        close(i);
        if (wrapped) section = null;
      }
      i += 1;
      continue;
    }
    if (c === 44 /* , */ && inElementArray) {
      close(i);
      i += 1;
      continue;
    }
    i += 1;
  }
  if (stack.length > 0)
    return {
      error: userText(stack[stack.length - 1] === '{' ? 'store.import.json.endsInsideObject' : 'store.import.json.endsInsideArray'),
      line,
    };
  return spans;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineCounter(text: string): (offset: number) => number {
  return (offset) => {
    let line = 1;
    for (let k = 0; k < offset; k += 1) if (text.charCodeAt(k) === 10) line += 1;
    return line;
  };
}
