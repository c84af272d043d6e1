// Parsing settings and catalogue files: a byte order mark is fine, and a syntax error is told
// by line and column only, never by quoting the text (a path named by mistake, such as a
// system file, must not have its contents echoed in a warning).

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): JsonRead {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const { offset, expected } = firstJsonError(body);
    let line = 1;
    let lineStart = 0;
    for (let at = body.indexOf('\n'); at >= 0 && at < offset; at = body.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    const where = offset >= body.length ? 'at the end of the file' : `at line ${line}, column ${offset - lineStart + 1}`;
    return { ok: false, error: `not valid JSON: ${expected} ${where}` };
  }
}

/** Where a JSON text first goes wrong, found by a small scanner (JSON.parse's message quotes the text). */
function firstJsonError(text: string): { offset: number; expected: string } {
  let at = 0;
  const fail = (expected: string): never => {
    throw { offset: at, expected };
  };
  const space = (): void => {
    while (at < text.length && ' \t\r\n'.includes(text[at])) at++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, at)) at += word.length;
    else fail('expected a value');
  };
  const string = (): void => {
    at++;
    for (;;) {
      if (at >= text.length) fail('a string is not closed');
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        at++;
        return;
      }
      if (c < 0x20) fail('a string holds a control character');
      if (c === 0x5c) {
        at++;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail('a \\u escape needs four hex digits');
          at += 5;
        } else if ('"\\/bfnrt'.includes(text[at] ?? '')) at++;
        else fail('an unknown escape in a string');
      } else at++;
    }
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) return fail('expected a value');
    at += match[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      space();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a property name in double quotes');
        string();
        space();
        if (text[at] !== ':') fail("expected ':'");
        at++;
        value(depth + 1);
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      at++;
      space();
      if (text[at] === ']') {
        at++;
        return;
      }
      for (;;) {
        value(depth + 1);
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(at >= text.length ? 'the text ends where a value is expected' : 'expected a value');
  };
  try {
    value(0);
    space();
    if (at < text.length) fail('unexpected text after the value');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as { offset: number; expected: string };
  }
  return { offset: 0, expected: 'not readable' };
}
