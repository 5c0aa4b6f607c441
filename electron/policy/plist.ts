/**
 * Reads an XML property list (what macOS managed preferences hold once
 * `plutil -convert xml1` has turned a binary one into text). Strict: only
 * dict, array, string, integer, real, true, false; <data> and <date> are
 * refused (no policy takes them); a malformed file throws PlistError.
 */
import { elementsOf, parseXml, textOf, XmlError, type XmlElement } from './xml';

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

export class PlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistError';
  }
}

export function parsePlist(text: string): PlistValue {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new PlistError(`not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'plist') throw new PlistError(`the root element is <${root.name}>, not <plist>`);
  const body = elementsOf(root);
  if (body.length !== 1 || body[0] === undefined) throw new PlistError('<plist> must hold exactly one value');
  return readValue(body[0]);
}

function readValue(element: XmlElement): PlistValue {
  switch (element.name) {
    case 'string':
      onlyText(element);
      return textOf(element);
    case 'integer': {
      const raw = onlyText(element).trim();
      if (!/^[+-]?\d{1,15}$/.test(raw)) throw new PlistError(`line ${element.line}: <integer> holds "${raw.slice(0, 40)}"`);
      return Number(raw);
    }
    case 'real': {
      const raw = onlyText(element).trim();
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) throw new PlistError(`line ${element.line}: <real> holds "${raw.slice(0, 40)}"`);
      return n;
    }
    case 'true':
    case 'false':
      if (element.children.some((c) => typeof c !== 'string' || c.trim() !== ''))
        throw new PlistError(`line ${element.line}: <${element.name}/> must be empty`);
      return element.name === 'true';
    case 'array':
      noText(element);
      return elementsOf(element).map(readValue);
    case 'dict': {
      noText(element);
      const items = elementsOf(element);
      const dict: Record<string, PlistValue> = Object.create(null) as Record<string, PlistValue>;
      for (let i = 0; i < items.length; i += 2) {
        const keyElement = items[i] as XmlElement;
        const valueElement = items[i + 1];
        if (keyElement.name !== 'key')
          throw new PlistError(`line ${keyElement.line}: expected <key> in <dict>, found <${keyElement.name}>`);
        const key = onlyText(keyElement);
        if (!valueElement) throw new PlistError(`line ${keyElement.line}: key "${key.slice(0, 60)}" has no value`);
        if (Object.prototype.hasOwnProperty.call(dict, key))
          throw new PlistError(`line ${keyElement.line}: key "${key.slice(0, 60)}" appears twice`);
        dict[key] = readValue(valueElement);
      }
      return dict;
    }
    default:
      throw new PlistError(`line ${element.line}: <${element.name}> values are not accepted in a Switchboard policy`);
  }
}

function onlyText(element: XmlElement): string {
  if (element.children.some((c) => typeof c !== 'string'))
    throw new PlistError(`line ${element.line}: <${element.name}> must hold only text`);
  return textOf(element);
}

function noText(element: XmlElement): void {
  if (element.children.some((c) => typeof c === 'string' && c.trim() !== ''))
    throw new PlistError(`line ${element.line}: text directly inside <${element.name}>`);
}
