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
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: XmlElement = { kind: 'element', name: '#document', namespace: '', attributes: {}, children: [], line: 1 };
  const stack: XmlElement[] = [root];
  let failure: string | undefined;
  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (typeof attribute === 'string') continue;
      // `xml:lang` keeps its prefix; other attributes are read by local name.
      const key = attribute.prefix === 'xml' ? `xml:${attribute.local}` : attribute.prefix === 'xmlns' || attribute.name === 'xmlns' ? `xmlns:${attribute.local}` : attribute.local;
      attributes[key] = attribute.value;
    }
    const element: XmlElement = { kind: 'element', name: tag.local ?? tag.name, namespace: tag.uri ?? '', attributes, children: [], line: parser.line };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
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
