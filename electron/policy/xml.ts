/**
 * A small, strict XML reader: enough for property lists and ADMX/ADML templates.
 * Elements, attributes, text, CDATA, comments, processing instructions and a
 * DOCTYPE without an internal subset. Anything not well-formed throws an
 * XmlError with the line it was found on. No external entities, no DTD
 * processing (so no entity-expansion attacks).
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'XmlError';
  }
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Every element records its line: a scan from the start for each would make a large document
  // (a status feed is read on main's thread) quadratic, so the newlines are found once.
  let newlines: number[] | null = null;
  const lineAt = (at: number): number => {
    if (newlines === null) {
      newlines = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    }
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((newlines[mid] as number) < at) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
  const fail = (message: string, at = pos): never => {
    throw new XmlError(message, lineAt(at));
  };

  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) fail('"&" must start an entity such as &amp;', at);
      if (name.startsWith('#x') && /^#x[0-9A-Fa-f]{1,6}$/.test(name)) return codePoint(parseInt(name.slice(2), 16), at);
      if (name.startsWith('#') && /^#[0-9]{1,7}$/.test(name)) return codePoint(Number(name.slice(1)), at);
      const value = ENTITIES[name];
      if (value === undefined) fail(`unknown entity &${name};`, at);
      return value as string;
    });
  const codePoint = (n: number, at: number): string => {
    if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) fail(`character reference ${n} is not allowed`, at);
    return String.fromCodePoint(n);
  };

  const skipMisc = (): void => {
    for (;;) {
      while (pos < text.length && /\s/.test(text[pos] as string)) pos += 1;
      if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (text.startsWith('<!--', pos)) {
        skipComment();
      } else if (text.startsWith('<!DOCTYPE', pos)) {
        const end = text.indexOf('>', pos);
        if (end < 0) fail('unterminated DOCTYPE');
        if (text.slice(pos, end).includes('[')) fail('a DOCTYPE with an internal subset is not accepted');
        pos = end + 1;
      } else {
        return;
      }
    }
  };
  const skipComment = (): void => {
    const end = text.indexOf('-->', pos + 4);
    if (end < 0) fail('unterminated comment');
    if (text.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
    pos = end + 3;
  };

  const readName = (): string => {
    const match = NAME.exec(text.slice(pos, pos + 200));
    if (!match) fail('expected a name');
    pos += (match as RegExpExecArray)[0].length;
    return (match as RegExpExecArray)[0];
  };

  const readElement = (depth: number): XmlElement => {
    if (depth > 200) fail('elements nested too deeply');
    const start = pos;
    if (text[pos] !== '<') fail('expected "<"');
    pos += 1;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      while (pos < text.length && /\s/.test(text[pos] as string)) pos += 1;
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [], line: lineAt(start) };
      }
      if (text[pos] === '>') {
        pos += 1;
        break;
      }
      if (pos >= text.length) fail(`unterminated start tag <${name}>`, start);
      if (pos === before) fail(`expected whitespace before an attribute in <${name}>`);
      const attr = readName();
      while (/\s/.test(text[pos] ?? '')) pos += 1;
      if (text[pos] !== '=') fail(`attribute ${attr} in <${name}> has no value`);
      pos += 1;
      while (/\s/.test(text[pos] ?? '')) pos += 1;
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} in <${name}> must be quoted`);
      const end = text.indexOf(quote as string, pos + 1);
      if (end < 0) fail(`unterminated attribute ${attr}`);
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in attribute ${attr}`);
      if (attr in attributes) fail(`attribute ${attr} given twice in <${name}>`);
      attributes[attr] = decode(raw, pos);
      pos = end + 1;
    }
    const children: XmlNode[] = [];
    let textRun = '';
    const flush = (): void => {
      if (textRun !== '') children.push(textRun);
      textRun = '';
    };
    for (;;) {
      if (pos >= text.length) fail(`<${name}> is never closed`, start);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}> (opened on line ${lineAt(start)})`);
        while (/\s/.test(text[pos] ?? '')) pos += 1;
        if (text[pos] !== '>') fail(`expected ">" after </${closing}`);
        pos += 1;
        flush();
        return { name, attributes, children, line: lineAt(start) };
      }
      if (text.startsWith('<!--', pos)) {
        skipComment();
      } else if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA section');
        textRun += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (text[pos] === '<') {
        flush();
        children.push(readElement(depth + 1));
      } else {
        const next = text.indexOf('<', pos);
        const end = next < 0 ? text.length : next;
        const raw = text.slice(pos, end);
        if (raw.includes(']]>')) fail('"]]>" in text');
        textRun += decode(raw, pos);
        pos = end;
      }
    }
  };

  skipMisc();
  if (pos >= text.length) fail('no root element');
  const root = readElement(0);
  skipMisc();
  if (pos < text.length) fail('content after the root element');
  return root;
}

/** Child elements only (no text). */
export function elementsOf(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** All descendant elements named `name`, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const child of elementsOf(e)) {
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
