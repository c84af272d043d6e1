// XML for the converters: escaping for writers, and a small element tree for readers, built with
// a strict parser (well-formedness and namespaces checked), so that a reader walks elements and
// text in document order (mixed content such as `<p>text <i>x</i> more</p>` keeps its order).

import { SaxesParser } from 'saxes';

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

export interface XmlElement {
  kind: 'element';
  /** Local name, without prefix. */
  name: string;
  namespace: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** 1-based line of the start tag, for messages. */
  line: number;
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

/** The XML is not well-formed: the message names the line and column. */
export class XmlSyntaxError extends Error {}

/** Parses a whole document into its root element; throws XmlSyntaxError on malformed input. */
export function parseXml(text: string): XmlElement {
  // Namespaces are resolved here rather than by the parser: only a few elements declare any,
  // and the parser's own resolution costs a third of the time on large files.
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = { kind: 'element', name: '#document', namespace: '', attributes: {}, children: [], line: 1 };
  const stack: XmlElement[] = [root];
  /** Prefix → namespace in scope, one entry per element that declares some (with its depth). */
  const scopes: Array<{ depth: number; prefixes: Map<string, string> }> = [{ depth: 0, prefixes: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) }];
  const lookup = (prefix: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const found = scopes[i].prefixes.get(prefix);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  let failure: string | undefined;
  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    let declared: Map<string, string> | undefined;
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        (declared ??= new Map()).set(name === 'xmlns' ? '' : name.slice(6), value);
        continue;
      }
      // `xml:lang` keeps its prefix; other attributes are read by local name.
      const colon = name.indexOf(':');
      attributes[colon < 0 || name.startsWith('xml:') ? name : name.slice(colon + 1)] = value;
    }
    if (declared) scopes.push({ depth: stack.length, prefixes: declared });
    const colon = tag.name.indexOf(':');
    const prefix = colon < 0 ? '' : tag.name.slice(0, colon);
    const namespace = lookup(prefix);
    if (namespace === undefined && prefix !== '') failure ??= `${parser.line}:${parser.column}: prefix ${prefix} is not declared`;
    const element: XmlElement = { kind: 'element', name: colon < 0 ? tag.name : tag.name.slice(colon + 1), namespace: namespace ?? '', attributes, children: [], line: parser.line };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
    if (scopes.length > 1 && scopes[scopes.length - 1].depth === stack.length) scopes.pop();
  });
  const onText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (parent === root) return;
    const last = parent.children[parent.children.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parent.children.push({ kind: 'text', text });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure !== undefined) throw new XmlSyntaxError(failure);
  const element = root.children.find((child): child is XmlElement => child.kind === 'element');
  if (!element) throw new XmlSyntaxError('the file holds no XML element');
  return element;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element' && (name === undefined || child.name === name));
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child): child is XmlElement => child.kind === 'element' && child.name === name);
}

/** The element's text, descendants included, in document order. */
export function textOf(node: XmlNode): string {
  if (node.kind === 'text') return node.text;
  let out = '';
  for (const child of node.children) out += textOf(child);
  return out;
}

/** Every descendant element with this name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (child.kind !== 'element') continue;
      if (child.name === name) out.push(child);
      visit(child);
    }
  };
  visit(element);
  return out;
}
