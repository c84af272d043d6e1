// A small element tree over saxes, a strict, maintained streaming XML parser: strict so that a
// damaged part is reported rather than half read, streaming so that a large document is read
// in one pass with no intermediate DOM library. Names are canonical: an element of the
// WordprocessingML namespace is `w:…` whatever prefix the file used.

import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const PREFIXES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
};

export class XmlError extends Error {}

function canonical(uri: string, local: string, raw: string): string {
  const prefix = PREFIXES[uri];
  return prefix ? `${prefix}:${local}` : raw;
}

/** Parses a whole XML part; throws XmlError when it is not well formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const root: XmlElement = { name: '#root', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const key of Object.keys(tag.attributes)) {
      const attribute = tag.attributes[key];
      attributes[canonical(attribute.uri, attribute.local, attribute.name)] = attribute.value;
    }
    const element: XmlElement = { name: canonical(tag.uri, tag.local, tag.name), attributes, children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    if (stack.length > 1) stack[stack.length - 1].children.push(text);
  });
  parser.on('cdata', (text) => {
    if (stack.length > 1) stack[stack.length - 1].children.push(text);
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  }
  if (failure) throw new XmlError(failure.message);
  const element = root.children.find((child): child is XmlElement => typeof child !== 'string');
  if (!element) throw new XmlError('no root element');
  return element;
}

export function elements(node: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of node.children) if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  return out;
}

export function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!node) return undefined;
  for (const candidate of node.children) if (typeof candidate !== 'string' && candidate.name === name) return candidate;
  return undefined;
}

/** `w:val` and the like; undefined when absent. */
export function attribute(node: XmlElement | undefined, name: string): string | undefined {
  return node?.attributes[name];
}

/** A toggle property (`<w:i/>`, `<w:b w:val="0"/>`): on unless its value says off. */
export function toggle(node: XmlElement | undefined): boolean | undefined {
  if (!node) return undefined;
  const value = node.attributes['w:val'];
  return !(value === '0' || value === 'false' || value === 'off' || value === 'none');
}

export function textOf(node: XmlElement): string {
  let out = '';
  for (const part of node.children) out += typeof part === 'string' ? part : textOf(part);
  return out;
}
