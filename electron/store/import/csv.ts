/**
 * RFC 4180 CSV, as spreadsheets really write it: an optional UTF-8 BOM, CRLF,
 * LF or CR line ends, quoted fields holding delimiters, doubled quotes and
 * line breaks, and `,`, `;` (European Excel) or tab as the delimiter, detected
 * from the header line. Every record carries the line it starts on, so errors
 * point at the line a person sees in an editor.
 */
import { userText, type UserText } from '../../../shared/text/user-text';

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: UserText;
}

export interface CsvResult {
  delimiter: string;
  header: string[];
  records: CsvRecord[];
  /** Malformed records (unterminated quote, text after a closing quote, wrong field count); they are not in `records`. */
  problems: CsvProblem[];
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter that occurs most often, outside quotes, in the first line. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

export function parseCsv(input: string, options: { delimiter?: string } = {}): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: CsvRecord[] = [];
  const problems: CsvProblem[] = [];

  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let problem: UserText | null = null;
    // One record: fields until an unquoted line end or the end of the text.
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i += 1;
        let closed = false;
        for (;;) {
          const quote = text.indexOf('"', i);
          const end = quote < 0 ? n : quote;
          value += text.slice(i, end);
          line += lineBreaks(text, i, end);
          if (quote < 0) {
            i = n;
            break;
          }
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          problem ??= userText('store.import.csv.unclosedQuote', { line: startLine });
          fields.push(value);
          break;
        }
        // After a closing quote only a delimiter or a line end may follow.
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          problem ??= userText('store.import.csv.textAfterQuote');
          while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i += 1;
        }
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i += 1;
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i < n && text[i] === delimiter) {
        i += 1;
        continue;
      }
      break;
    }
    // The line end that closes the record.
    if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else if (text[i] === '\n') i += 1;
    line += 1;
    const blank = fields.length === 1 && fields[0] === '';
    if (problem !== null) problems.push({ line: startLine, message: problem });
    else if (!blank) rows.push({ line: startLine, fields });
  }

  const headerRecord = rows.shift();
  const header = headerRecord ? headerRecord.fields.map((h) => h.trim()) : [];
  const records: CsvRecord[] = [];
  for (const record of rows) {
    if (record.fields.length !== header.length) {
      // A trailing delimiter some exporters add is not a real extra field.
      const trailingEmpty = record.fields.length === header.length + 1 && record.fields[record.fields.length - 1] === '';
      if (!trailingEmpty) {
        problems.push({
          line: record.line,
          message: userText('store.import.csv.fieldCount', { expected: header.length, found: record.fields.length }),
        });
        continue;
      }
      record.fields.pop();
    }
    records.push(record);
  }
  problems.sort((a, b) => a.line - b.line);
  return { delimiter, header, records, problems };
}

/** Line breaks in text[from, to): CRLF, LF and a lone CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) count += 1;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count += 1;
  }
  return count;
}
