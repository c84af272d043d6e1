// Strings kept beyond one analysis: a slice of a document's text shares the whole text, so a
// cache keyed by one (or a summary holding one) would keep every document it ever saw alive.

/** A copy of a string that shares nothing with the text it was cut from. */
export function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
