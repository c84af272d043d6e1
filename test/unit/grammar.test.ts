// Tests of the TextMate grammar (syntaxes/resolution.tmLanguage.json), the language configuration
// and the snippets.
//
// Snapshots: every test/fixtures/grammar/*.reso and every seeds/*.reso is tokenised and compared
// with its snapshot under test/unit/grammar-snapshots/. A missing snapshot fails. To accept a
// grammar change, run `UPDATE_SNAPSHOTS=1 npx mocha test/unit/grammar.test.ts` and review the diff
// of the snapshot files. The targeted assertions further down check what the scopes mean.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'resolution.tmLanguage.json');
const LANGUAGE_CONFIGURATION_PATH = path.join(ROOT, 'syntaxes', 'language-configuration.json');
const SNIPPETS_PATH = path.join(ROOT, 'snippets', 'resolution.json');
const WASM_PATH = path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'grammar');
const SEED_DIR = path.join(ROOT, 'seeds');
const SNAPSHOT_DIR = path.join(__dirname, 'grammar-snapshots');
const SCOPE_NAME = 'text.resolution';
const SCOPE_SUFFIX = '.resolution';

const UPDATE = (process.env.UPDATE_SNAPSHOTS ?? '') !== '' && process.env.UPDATE_SNAPSHOTS !== '0';

// ------------------------------------------------------------------ tokenising

interface Token {
  readonly text: string;
  /** Scopes from the outermost inward, without the root scope. */
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  if (grammarPromise === undefined) {
    grammarPromise = (async () => {
      await oniguruma.loadWASM(fs.readFileSync(WASM_PATH));
      const onigLib: vsctm.IOnigLib = {
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      };
      const registry = new vsctm.Registry({
        onigLib: Promise.resolve(onigLib),
        loadGrammar: async (scopeName: string) =>
          scopeName === SCOPE_NAME
            ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
            : null,
      });
      const grammar = await registry.loadGrammar(SCOPE_NAME);
      if (grammar === null) throw new Error(`grammar ${SCOPE_NAME} did not load`);
      return grammar;
    })();
  }
  return grammarPromise;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function tokenize(grammar: vsctm.IGrammar, text: string): TokenizedLine[] {
  let state: vsctm.StateStack = vsctm.INITIAL;
  const result: TokenizedLine[] = [];
  for (const line of splitLines(text)) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    const tokens: Token[] = [];
    for (const t of r.tokens) {
      const scopes = t.scopes.filter((s, i) => !(i === 0 && s === SCOPE_NAME));
      const piece = line.slice(t.startIndex, Math.min(t.endIndex, line.length));
      const last = tokens[tokens.length - 1];
      // adjacent tokens with the same scopes read as one
      if (last !== undefined && sameScopes(last.scopes, scopes)) {
        tokens[tokens.length - 1] = { text: last.text + piece, scopes };
      } else {
        tokens.push({ text: piece, scopes });
      }
    }
    result.push({ text: line, tokens });
  }
  return result;
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

// ------------------------------------------------------------------ snapshots

function shortScope(scope: string): string {
  return scope.endsWith(SCOPE_SUFFIX) ? scope.slice(0, -SCOPE_SUFFIX.length) : scope;
}

function renderSnapshot(relativeInput: string, lines: readonly TokenizedLine[]): string {
  const out: string[] = [
    `# ${relativeInput}`,
    `# One block per line: "N: text", then one row per token: the token's text (JSON) and its scopes,`,
    `# outermost first, without the root scope ${SCOPE_NAME} and without the suffix ${SCOPE_SUFFIX}.`,
    `# Rewrite with: UPDATE_SNAPSHOTS=1 npx mocha test/unit/grammar.test.ts`,
    '',
  ];
  lines.forEach((line, i) => {
    out.push(`${i + 1}: ${line.text}`);
    for (const token of line.tokens) {
      // an empty line shows a token only when it lies inside a construct (a mark, a comment...)
      if (token.text === '' && token.scopes.length === 0) continue;
      const scopes = token.scopes.map(shortScope).join(' ');
      out.push(`    ${JSON.stringify(token.text)}${scopes === '' ? '' : '  ' + scopes}`);
    }
  });
  return out.join('\n') + '\n';
}

interface SnapshotInput {
  /** Path of the input relative to the repository root, with forward slashes. */
  readonly input: string;
  readonly snapshot: string;
}

function listReso(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.reso') && fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

function snapshotInputs(): SnapshotInput[] {
  const inputs: SnapshotInput[] = [];
  for (const name of listReso(FIXTURE_DIR)) {
    inputs.push({ input: `test/fixtures/grammar/${name}`, snapshot: path.join(SNAPSHOT_DIR, 'fixtures', `${name}.snap`) });
  }
  for (const name of listReso(SEED_DIR)) {
    inputs.push({ input: `seeds/${name}`, snapshot: path.join(SNAPSHOT_DIR, 'seeds', `${name}.snap`) });
  }
  return inputs;
}

function listSnapshots(): string[] {
  const found: string[] = [];
  for (const sub of ['fixtures', 'seeds']) {
    const dir = path.join(SNAPSHOT_DIR, sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.snap')) found.push(path.join(dir, name));
  }
  return found.sort();
}

/** A unified line diff (expected = the committed snapshot, actual = the grammar's output today). */
function lineDiff(expected: string, actual: string, context = 2, maxOutput = 200): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  type Op = { kind: ' ' | '-' | '+'; text: string; lineA: number; lineB: number };
  const ops: Op[] = [];
  const n = midA.length;
  const m = midB.length;
  if (n * m <= 25_000_000) {
    // longest common subsequence over the differing middle part
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * (m + 1) + j + 1] + 1
            : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ kind: ' ', text: midA[i], lineA: start + i, lineB: start + j });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
        ops.push({ kind: '-', text: midA[i], lineA: start + i, lineB: start + j });
        i++;
      } else {
        ops.push({ kind: '+', text: midB[j], lineA: start + i, lineB: start + j });
        j++;
      }
    }
  } else {
    for (let i = 0; i < n; i++) ops.push({ kind: '-', text: midA[i], lineA: start + i, lineB: start });
    for (let j = 0; j < m; j++) ops.push({ kind: '+', text: midB[j], lineA: endA, lineB: start + j });
  }
  const out: string[] = ['--- snapshot (expected)', '+++ grammar output (actual)'];
  const before = a.slice(Math.max(0, start - context), start);
  const after = a.slice(endA, Math.min(a.length, endA + context));
  // a hunk header names the snapshot line and the input line ("N: text") the hunk lies in
  const header = (lineA: number, lineB: number): string => {
    let k = Math.min(lineA, a.length - 1);
    while (k >= 0 && !/^\d+: /.test(a[k])) k--;
    const inputLine = k >= 0 ? ` in ${a[k].length > 80 ? a[k].slice(0, 79) + '…' : a[k]}` : '';
    return `@@ snapshot line ${lineA + 1}, output line ${lineB + 1}${inputLine} @@`;
  };
  out.push(header(Math.max(0, start - context), Math.max(0, start - context)));
  for (const line of before) out.push(`  ${line}`);
  // collapse long unchanged runs inside the middle part
  let run: Op[] = [];
  const flushRun = (last: boolean): void => {
    if (run.length <= 2 * context || last) {
      for (const op of run.slice(0, last ? context : run.length)) out.push(`  ${op.text}`);
    } else {
      for (const op of run.slice(0, context)) out.push(`  ${op.text}`);
      const resume = run[run.length - context];
      out.push(header(resume.lineA, resume.lineB));
      for (const op of run.slice(run.length - context)) out.push(`  ${op.text}`);
    }
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      run.push(op);
      continue;
    }
    if (run.length > 0) flushRun(false);
    out.push(`${op.kind} ${op.text}`);
  }
  if (run.length > 0) flushRun(true);
  for (const line of after) out.push(`  ${line}`);
  if (out.length > maxOutput) {
    const hidden = out.length - maxOutput;
    return [...out.slice(0, maxOutput), `… ${hidden} more diff lines`].join('\n');
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ scope assertions

/** `scope` equals `selector` or extends it by dotted segments (`markup.inserted` matches `markup.inserted.resolution`). */
function scopeMatches(scope: string, selector: string): boolean {
  return scope === selector || scope.startsWith(selector + '.');
}

function hasScope(scopes: readonly string[], selector: string): boolean {
  return scopes.some((s) => scopeMatches(s, selector));
}

interface Located {
  readonly line: TokenizedLine;
  readonly lineNumber: number;
  /** The tokens that overlap the needle. */
  readonly tokens: readonly Token[];
}

interface Where {
  /** Which appearance of the needle, counting from 0 (default 0). */
  readonly occurrence?: number;
  /** Only search lines that start with this text. */
  readonly line?: string;
}

/** Finds the needle (within one line) and returns the tokens that cover it. */
function locate(lines: readonly TokenizedLine[], needle: string, where: Where = {}): Located {
  const occurrence = where.occurrence ?? 0;
  let seen = 0;
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln];
    if (where.line !== undefined && !line.text.startsWith(where.line)) continue;
    let from = 0;
    for (;;) {
      const at = line.text.indexOf(needle, from);
      if (at < 0) break;
      if (seen === occurrence) {
        const end = at + needle.length;
        const tokens: Token[] = [];
        let offset = 0;
        for (const token of line.tokens) {
          const tokenEnd = offset + token.text.length;
          if (tokenEnd > at && offset < end) tokens.push(token);
          offset = tokenEnd;
        }
        return { line, lineNumber: ln + 1, tokens };
      }
      seen++;
      from = at + 1;
    }
  }
  throw new Error(`${JSON.stringify(needle)} (${JSON.stringify(where)}) not found in the document`);
}

function describeTokens(located: Located): string {
  return located.tokens
    .map((t) => `${JSON.stringify(t.text)}: ${t.scopes.length === 0 ? '(no scope)' : t.scopes.join(' ')}`)
    .join('\n  ');
}

async function scopesIn(source: string): Promise<TokenizedLine[]> {
  return tokenize(await loadGrammar(), source);
}

/** Every token covering `needle` carries every selector in `expected` and none in `unexpected`. */
async function expectScopes(
  source: string,
  needle: string,
  expected: readonly string[],
  unexpected: readonly string[] = [],
  where: Where = {},
): Promise<void> {
  const located = locate(await scopesIn(source), needle, where);
  assert.ok(located.tokens.length > 0, `no token covers ${JSON.stringify(needle)}`);
  for (const token of located.tokens) {
    for (const selector of expected) {
      assert.ok(
        hasScope(token.scopes, selector),
        `line ${located.lineNumber}: ${JSON.stringify(needle)} should have scope ${selector}\n  ${describeTokens(located)}`,
      );
    }
    for (const selector of unexpected) {
      assert.ok(
        !hasScope(token.scopes, selector),
        `line ${located.lineNumber}: ${JSON.stringify(needle)} should not have scope ${selector}\n  ${describeTokens(located)}`,
      );
    }
  }
}

// ------------------------------------------------------------------ grammar structure

interface RawRule {
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  patterns?: RawRule[];
  repository?: Record<string, RawRule>;
  captures?: Record<string, RawRule>;
  beginCaptures?: Record<string, RawRule>;
  endCaptures?: Record<string, RawRule>;
  whileCaptures?: Record<string, RawRule>;
  name?: string;
  contentName?: string;
}

interface RawGrammarFile extends RawRule {
  scopeName: string;
  name: string;
  repository: Record<string, RawRule>;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function walkRules(rule: RawRule, visit: (rule: RawRule, where: string) => void, where: string, isRoot = false): void {
  // the root's name is the grammar's display name, not a scope
  if (!isRoot) visit(rule, where);
  rule.patterns?.forEach((r, i) => walkRules(r, visit, `${where}.patterns[${i}]`));
  for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const) {
    const caps = rule[key];
    if (caps !== undefined) for (const [k, r] of Object.entries(caps)) walkRules(r, visit, `${where}.${key}[${k}]`);
  }
  if (rule.repository !== undefined) {
    for (const [k, r] of Object.entries(rule.repository)) walkRules(r, visit, `${where}.repository.${k}`);
  }
}

// ------------------------------------------------------------------ tests

describe('resolution grammar', function () {
  before(async function () {
    await loadGrammar();
  });

  describe('snapshots', function () {
    const inputs = snapshotInputs();

    it('has inputs: the grammar fixtures exist', function () {
      assert.ok(
        inputs.some((i) => i.input.startsWith('test/fixtures/grammar/')),
        'no test/fixtures/grammar/*.reso found',
      );
    });

    for (const { input, snapshot } of inputs) {
      it(`tokenises ${input} as in its snapshot`, async function () {
        const text = fs.readFileSync(path.join(ROOT, input), 'utf8');
        const actual = renderSnapshot(input, tokenize(await loadGrammar(), text));
        const relativeSnapshot = path.relative(ROOT, snapshot).split(path.sep).join('/');
        if (UPDATE) {
          const previous = fs.existsSync(snapshot) ? fs.readFileSync(snapshot, 'utf8') : undefined;
          if (previous !== actual) {
            fs.mkdirSync(path.dirname(snapshot), { recursive: true });
            fs.writeFileSync(snapshot, actual);
          }
          return;
        }
        if (!fs.existsSync(snapshot)) {
          assert.fail(
            `no snapshot ${relativeSnapshot} for ${input}: run UPDATE_SNAPSHOTS=1 npx mocha test/unit/grammar.test.ts ` +
              'and review the new file before committing it',
          );
        }
        const expected = fs.readFileSync(snapshot, 'utf8').replace(/\r\n/g, '\n');
        if (expected !== actual) {
          assert.fail(
            `${input} no longer tokenises as in ${relativeSnapshot}.\n` +
              'If the change is intended, rewrite the snapshots with UPDATE_SNAPSHOTS=1 npx mocha test/unit/grammar.test.ts\n\n' +
              lineDiff(expected, actual),
          );
        }
      });
    }

    it('keeps no snapshot whose input is gone', function () {
      const wanted = new Set(inputs.map((i) => i.snapshot));
      const stale = listSnapshots().filter((s) => !wanted.has(s));
      if (UPDATE) {
        for (const s of stale) fs.rmSync(s);
        return;
      }
      assert.deepEqual(
        stale.map((s) => path.relative(ROOT, s).split(path.sep).join('/')),
        [],
        'snapshots without an input (remove them, or run with UPDATE_SNAPSHOTS=1)',
      );
    });
  });

  describe('structure', function () {
    const grammar = readJson(GRAMMAR_PATH) as RawGrammarFile;

    it('is the text.resolution grammar', function () {
      assert.equal(grammar.scopeName, SCOPE_NAME);
      assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
    });

    it('includes only rules that exist in its repository', function () {
      const missing: string[] = [];
      walkRules(
        grammar,
        (rule, where) => {
          const include = rule.include;
          if (include === undefined || include === '$self' || include === '$base') return;
          if (!include.startsWith('#') || !(include.slice(1) in grammar.repository)) missing.push(`${where}: ${include}`);
        },
        'grammar',
        true,
      );
      assert.deepEqual(missing, []);
    });

    it('has regular expressions that all compile', function () {
      const broken: string[] = [];
      walkRules(
        grammar,
        (rule, where) => {
          for (const key of ['match', 'begin', 'end', 'while'] as const) {
            const source = rule[key];
            if (source === undefined) continue;
            try {
              new oniguruma.OnigScanner([source]).dispose();
            } catch (e) {
              broken.push(`${where}.${key}: ${e instanceof Error ? e.message : String(e)}`);
            }
          }
        },
        'grammar',
        true,
      );
      assert.deepEqual(broken, []);
    });

    it('names every scope it assigns after the language, except the shared HTML comment scopes', function () {
      const foreign = new Set<string>();
      walkRules(
        grammar,
        (rule) => {
          for (const field of [rule.name, rule.contentName]) {
            if (field === undefined) continue;
            for (const scope of field.split(/\s+/)) {
              if (!scope.endsWith(SCOPE_SUFFIX) && !scope.endsWith('.html')) foreign.add(scope);
            }
          }
        },
        'grammar',
        true,
      );
      assert.deepEqual([...foreign], []);
    });
  });

  describe('scopes', function () {
    describe('revision marks', function () {
      it('gives inserted text markup.inserted and its delimiters the inserted punctuation', async function () {
        const src = 'a {++x++} b\n';
        await expectScopes(src, 'x', ['markup.inserted'], ['markup.deleted']);
        await expectScopes(src, '{++', ['markup.inserted', 'punctuation.definition.inserted.begin']);
        await expectScopes(src, '++}', ['markup.inserted', 'punctuation.definition.inserted.end']);
        await expectScopes(src, ' b', [], ['markup.inserted']);
      });

      it('gives deleted text markup.deleted', async function () {
        const src = 'a {--gone--} b\n';
        await expectScopes(src, 'gone', ['markup.deleted'], ['markup.inserted']);
        await expectScopes(src, '{--', ['punctuation.definition.deleted.begin']);
        await expectScopes(src, '--}', ['punctuation.definition.deleted.end']);
      });

      it('splits a substitution into a deleted and an inserted part', async function () {
        const src = 'a {~~old~>new~~} b\n';
        await expectScopes(src, 'old', ['markup.deleted'], ['markup.inserted']);
        await expectScopes(src, 'new', ['markup.inserted'], ['markup.deleted']);
        await expectScopes(src, '~>', ['punctuation.separator.changed'], ['markup.inserted', 'markup.deleted']);
      });

      it('scopes a comment as a comment and a highlight as markup.highlight', async function () {
        const src = '{==this==}{>>why<<}\n';
        await expectScopes(src, 'this', ['markup.highlight']);
        await expectScopes(src, 'why', ['comment']);
      });

      it('follows a mark over several lines and stops at its end', async function () {
        const src = 'a {++first\nsecond++} after\n';
        await expectScopes(src, 'first', ['markup.inserted']);
        await expectScopes(src, 'second', ['markup.inserted']);
        await expectScopes(src, ' after', [], ['markup.inserted']);
      });

      it('recognises a label cut by revision marks', async function () {
        const src = '{--b--}{++j++}) text\n';
        await expectScopes(src, 'b', ['markup.list.numbered', 'markup.deleted', 'constant.numeric.label']);
        await expectScopes(src, 'j', ['markup.list.numbered', 'markup.inserted', 'constant.numeric.label']);
        await expectScopes(src, ')', ['markup.list.numbered', 'punctuation.definition.label'], ['markup.inserted']);
      });

      it('recognises a label at the start of a mark that holds a whole clause', async function () {
        const src = '{++a) UNGA Resolution 68/198;++}\n';
        await expectScopes(src, 'a', ['markup.inserted', 'constant.numeric.label.preamble']);
        await expectScopes(src, '68/198', ['markup.inserted', 'constant.numeric.citation']);
      });

      it('recognises revision marks inside a title', async function () {
        const src = '# RESOLUTION 130 (REV. {--GUADALAJARA, 2010--}{++BUSAN, 2014++})\n';
        await expectScopes(src, 'GUADALAJARA, 2010', ['markup.heading.1', 'string.other.revision', 'markup.deleted']);
        await expectScopes(src, 'BUSAN, 2014', ['markup.heading.1', 'string.other.revision', 'markup.inserted']);
      });
    });

    describe('section headings', function () {
      it('gives *resolves* on its own line the operative heading scope', async function () {
        const src = '*resolves*\n';
        await expectScopes(src, 'resolves', ['markup.heading.operative', 'keyword.other.operative'], ['markup.heading.preamble']);
      });

      it('gives *recalling* on its own line the preamble heading scope', async function () {
        const src = '*recalling*\n';
        await expectScopes(src, 'recalling', ['markup.heading.preamble', 'entity.name.section.preamble'], ['markup.heading.operative']);
      });

      it('recognises headings with an addressee or a qualifier', async function () {
        await expectScopes('*instructs the Director of the Telecommunication Development Bureau*\n', 'Director', ['markup.heading.operative']);
        await expectScopes('*further instructs the Secretary-General*\n', 'further', ['markup.heading.operative']);
        await expectScopes('*considering further*\n', 'further', ['markup.heading.preamble']);
        await expectScopes('*noting with concern*\n', 'concern', ['markup.heading.preamble']);
        await expectScopes('*taking into account*\n', 'account', ['markup.heading.preamble']);
      });

      it('recognises a plain line that is exactly a heading phrase', async function () {
        await expectScopes('bearing in mind\n', 'bearing', ['markup.heading.preamble']);
        await expectScopes('instructs the Secretary-General\n', 'instructs', ['markup.heading.operative']);
        await expectScopes('invites Member States, Sector Members and Associates\n', 'Associates', ['markup.heading.operative']);
      });

      it('does not take a sentence for a heading', async function () {
        await expectScopes('invites Member States to contribute\n', 'invites', [], ['markup.heading']);
        await expectScopes('noting that the work continues\n', 'noting', [], ['markup.heading']);
      });

      it('keeps an italic line outside the vocabulary a heading of unknown kind', async function () {
        await expectScopes('*regrets deeply*\n', 'regrets', ['markup.heading.section'], ['markup.heading.preamble', 'markup.heading.operative']);
      });
    });

    describe('titles', function () {
      it('scopes a title and its parts', async function () {
        const src = '# RESOLUTION 130 (REV. DUBAI, 2018)\n';
        await expectScopes(src, '#', ['markup.heading.1', 'punctuation.definition.heading']);
        await expectScopes(src, 'RESOLUTION', ['markup.heading.1', 'entity.name.section.title', 'keyword.other.title']);
        await expectScopes(src, '130', ['constant.numeric.title']);
        await expectScopes(src, '(REV. DUBAI, 2018)', ['string.other.revision']);
      });

      it('scopes a draft title with its identifier', async function () {
        const src = '# DRAFT NEW RESOLUTION [SEN-1]\n';
        await expectScopes(src, 'DRAFT', ['markup.heading.1', 'storage.modifier.draft']);
        await expectScopes(src, 'NEW', ['storage.modifier.new']);
        await expectScopes(src, 'SEN-1', ['constant.other.draft-id']);
      });

      it('scopes a subtitle as a second-level heading', async function () {
        await expectScopes('## Strengthening the role of ITU\n', 'Strengthening', ['markup.heading.2', 'entity.name.section.subtitle']);
      });

      it('treats an annex body as free text: citations, no clause labels', async function () {
        const src = '# ANNEX TO RESOLUTION 25 (REV. DUBAI, 2018)\n\n1 Resolution 45 (Rev. Dubai, 2014) applies.\n\n# RESOLUTION 26 (DUBAI, 2018)\n\n1 to act.\n';
        await expectScopes(src, 'ANNEX', ['meta.annex', 'keyword.other.title.annex']);
        await expectScopes(src, '1', ['meta.annex'], ['constant.numeric.label'], { line: '1 Resolution' });
        await expectScopes(src, '45', ['meta.annex', 'constant.numeric.citation']);
        await expectScopes(src, '1', ['constant.numeric.label.operative'], ['meta.annex'], { line: '1 to' });
      });
    });

    describe('citations and references', function () {
      it('gives a citation its keyword, number, revision and body scopes', async function () {
        const src = 'a) Resolution 45 (Rev. Dubai, 2014) of the World Telecommunication Development Conference (WTDC);\n';
        await expectScopes(src, 'Resolution', ['meta.citation', 'keyword.other.citation']);
        await expectScopes(src, '45', ['meta.citation', 'constant.numeric.citation']);
        await expectScopes(src, '(Rev. Dubai, 2014)', ['meta.citation', 'string.other.revision']);
        await expectScopes(src, 'World Telecommunication Development Conference', ['meta.citation.body', 'entity.name.type.body']);
        await expectScopes(src, ';', [], ['meta.citation']);
      });

      it('recognises the other citation forms', async function () {
        await expectScopes('Resolutions 50 and 52 (Rev. Hammamet, 2016)\n', '52', ['constant.numeric.citation']);
        await expectScopes('Res 140 (Rev. Busan, 2014)\n', '140', ['constant.numeric.citation']);
        await expectScopes('UNGA Resolution 68/198, on ICTs\n', '68/198', ['constant.numeric.citation']);
        await expectScopes('UNGA Resolution 68/198, on ICTs\n', 'UNGA', ['entity.name.type.body']);
        await expectScopes('Council Resolution 1336, adopted\n', '1336', ['constant.numeric.citation']);
        await expectScopes('Opinion 4 (Lisbon, 2009) of the World Telecommunication/ICT Policy Forum\n', '4', ['constant.numeric.citation']);
        await expectScopes('Resolution 179 (Rev. Dubai, 2018) of this conference, on\n', 'conference', ['entity.name.type.body']);
      });

      it('follows a citation body onto the next line', async function () {
        const src = 'Resolution 45 (Rev. Dubai, 2014) of the World Telecommunication\nDevelopment Conference (WTDC), on spam;\n';
        await expectScopes(src, 'Development Conference', ['meta.citation.body']);
        await expectScopes(src, ', on spam;', [], ['meta.citation']);
      });

      it('does not read a label on the next line as a citation number', async function () {
        const src = 'a) Resolution 45 (Rev. Dubai, 2014)\n1 to continue;\n';
        await expectScopes(src, '1', ['constant.numeric.label.operative'], ['meta.citation'], { line: '1 to' });
      });

      it('scopes references that are not resolutions', async function () {
        await expectScopes('ITU-D Question 3/2\n', '3/2', ['constant.numeric.reference']);
        await expectScopes('No. 81 of the Convention\n', '81', ['constant.numeric.reference']);
        await expectScopes('results of WTDC-17,\n', 'WTDC-17', ['constant.other.event']);
      });

      it('does not take a lower-case resolution for a citation', async function () {
        await expectScopes('this resolution 5 times\n', 'resolution', [], ['meta.citation']);
      });
    });

    describe('clauses and cross-references', function () {
      it('scopes clause labels and sub-item labels', async function () {
        const src = 'a) first;\naa) later;\n1 to act;\n1.1 to go:\n  i) one;\n  - two;\n';
        await expectScopes(src, 'a', ['markup.list.numbered', 'constant.numeric.label.preamble']);
        await expectScopes(src, 'aa', ['constant.numeric.label.preamble']);
        await expectScopes(src, '1', ['constant.numeric.label.operative']);
        await expectScopes(src, '1.1', ['constant.numeric.label.operative']);
        await expectScopes(src, 'i', ['markup.list.numbered.subitem', 'constant.numeric.label.subitem'], [], { line: '  i)' });
        await expectScopes(src, '-', ['markup.list.unnumbered', 'punctuation.definition.list.begin']);
      });

      it('scopes internal cross-references', async function () {
        const src = '1 consistent with *resolves* 5, *considering c)*, *considering further* b) and *bearing in mind*;\n';
        await expectScopes(src, 'resolves', ['markup.underline.link.crossref', 'markup.italic']);
        await expectScopes(src, '5', ['markup.underline.link.crossref', 'constant.numeric.label.crossref']);
        await expectScopes(src, 'c)', ['constant.numeric.label.crossref']);
        await expectScopes(src, 'b)', ['constant.numeric.label.crossref']);
        await expectScopes(src, 'bearing in mind', ['markup.underline.link.crossref']);
      });
    });

    describe('other constructs', function () {
      it('scopes front matter at the start of the file only', async function () {
        const src = '---\ndocument: DT/67-E\ndate: 2014-11-02\n---\n\n---\nkey: value\n';
        await expectScopes(src, 'document', ['meta.embedded.block.frontmatter', 'entity.name.tag']);
        await expectScopes(src, 'DT/67-E', ['meta.embedded.block.frontmatter', 'string.unquoted']);
        await expectScopes(src, 'key', [], ['meta.embedded.block.frontmatter']);
      });

      it('scopes comments and the reso-ignore directives in them', async function () {
        const src = '<!-- reso-ignore RD001 -->\n<!-- reso-ignore-file RD002 -->\n<!-- plain -->\n';
        await expectScopes(src, 'reso-ignore', ['comment.block.html', 'keyword.other.directive']);
        await expectScopes(src, 'RD001', ['comment.block.html', 'constant.other.diagnostic-code']);
        await expectScopes(src, 'reso-ignore-file', ['keyword.other.directive']);
        await expectScopes(src, 'plain', ['comment.block.html'], ['keyword.other.directive']);
      });

      it('scopes footnote markers and definitions', async function () {
        const src = 'text[^1],\n\n[^1]: The note.\n';
        await expectScopes(src, '1', ['meta.footnote.reference', 'constant.other.reference.footnote']);
        await expectScopes(src, '1', ['meta.footnote.definition', 'entity.name.label.footnote'], [], { line: '[^1]:' });
      });

      it('scopes proposal markers and reasons', async function () {
        const src = 'MOD WGPL/67/1\n(MOD) WGPL/67/2\nADD* WGPL/67/3\n\nReasons: because.\n';
        await expectScopes(src, 'MOD', ['keyword.control.proposal']);
        await expectScopes(src, 'WGPL/67/1', ['constant.other.proposal-id']);
        await expectScopes(src, '(MOD)', ['keyword.control.proposal']);
        await expectScopes(src, 'ADD*', ['keyword.control.proposal']);
        await expectScopes(src, 'Reasons', ['keyword.other.reasons']);
      });

      it('scopes italics and bold', async function () {
        const src = 'an *italic* and a **bold** word\n';
        await expectScopes(src, 'italic', ['markup.italic'], ['markup.bold']);
        await expectScopes(src, 'bold', ['markup.bold'], ['markup.italic']);
      });

      it('tokenises CRLF text as LF text', async function () {
        const text = fs.readFileSync(path.join(FIXTURE_DIR, 'markup-example.reso'), 'utf8').replace(/\r\n/g, '\n');
        const grammar = await loadGrammar();
        assert.deepEqual(tokenize(grammar, text.replace(/\n/g, '\r\n')), tokenize(grammar, text));
      });
    });
  });
});

// ------------------------------------------------------------------ language configuration and snippets

interface AutoClosingPair {
  open: string;
  close: string;
}

interface LanguageConfiguration {
  comments: { blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: AutoClosingPair[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

describe('resolution language configuration', function () {
  const config = readJson(LANGUAGE_CONFIGURATION_PATH) as LanguageConfiguration;

  it('comments with HTML block comments', function () {
    assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
  });

  it('pairs brackets and closes revision marks', function () {
    assert.deepEqual(config.brackets, [['(', ')'], ['[', ']'], ['{', '}']]);
    const closes = new Map(config.autoClosingPairs.map((p) => [p.open, p.close]));
    assert.equal(closes.get('('), ')');
    assert.equal(closes.get('['), ']');
    assert.equal(closes.get('*'), '*');
    assert.equal(closes.get('{++'), '++}');
    assert.equal(closes.get('{--'), '--}');
    const surrounds = new Map(config.surroundingPairs.map(([open, close]) => [open, close]));
    assert.equal(surrounds.get('('), ')');
    assert.equal(surrounds.get('['), ']');
    assert.equal(surrounds.get('*'), '*');
  });

  it('folds #region comments', function () {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    assert.ok(start.test('<!-- #region preamble -->'));
    assert.ok(end.test('<!-- #endregion -->'));
    assert.ok(!start.test('<!-- #endregion -->'));
  });

  it('keeps numbers, abbreviations and hyphenated names whole as words', function () {
    const words = (text: string): string[] => text.match(new RegExp(config.wordPattern, 'g')) ?? [];
    assert.deepEqual(words('UNGA Resolution 68/198, ITU-D Question 3/2 and Question 22-1/1'), [
      'UNGA', 'Resolution', '68/198', 'ITU-D', 'Question', '3/2', 'and', 'Question', '22-1/1',
    ]);
    assert.deepEqual(words('(Rev. Dubai, 2014) the Secretary-General at WTDC-17.'), [
      'Rev.', 'Dubai', '2014', 'the', 'Secretary-General', 'at', 'WTDC-17',
    ]);
  });
});

describe('resolution snippets', function () {
  const snippets = readJson(SNIPPETS_PATH) as Record<string, Snippet>;
  const bodyOf = (snippet: Snippet): string => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
  const byBody = (pattern: RegExp): Snippet[] => Object.values(snippets).filter((s) => pattern.test(bodyOf(s)));

  it('gives every snippet a prefix, a body and a description', function () {
    for (const [name, snippet] of Object.entries(snippets)) {
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => p.length > 0), `${name}: prefix`);
      assert.ok(bodyOf(snippet).length > 0, `${name}: body`);
      assert.ok((snippet.description ?? '').length > 0, `${name}: description`);
    }
  });

  it('offers resolution skeletons for PP, WTDC and WTSA', function () {
    for (const authority of [
      'The Plenipotentiary Conference of the International Telecommunication Union',
      'The World Telecommunication Development Conference',
      'The World Telecommunication Standardization Assembly',
    ]) {
      const found = byBody(new RegExp(`^${authority} \\(`, 'm'));
      assert.equal(found.length, 1, authority);
      const body = bodyOf(found[0]);
      assert.match(body, /^# RESOLUTION /m);
      assert.match(body, /^## /m);
      assert.match(body, /^\*\$\{\d+\|considering,/m);
      assert.match(body, /^\*\$\{\d+\|resolves,/m);
    }
  });

  it('offers MOD, ADD and SUP proposals that end with their reasons', function () {
    for (const marker of ['MOD', 'ADD', 'SUP']) {
      const found = byBody(new RegExp(`^${marker} \\$\\{`, 'm'));
      assert.equal(found.length, 1, marker);
      assert.match(bodyOf(found[0]), /^Reasons: /m, marker);
    }
  });

  it('offers revision marks, a footnote and a citation', function () {
    assert.equal(byBody(/^\{\+\+\$\{1[:}].*\+\+\}/).length, 1);
    assert.equal(byBody(/^\{--\$\{1[:}].*--\}/).length, 1);
    assert.equal(byBody(/\[\^\$\{1:1\}\][\s\S]*\[\^\$\{1:1\}\]: /).length, 1);
    assert.equal(
      byBody(/^Resolution \$\{1:45\} \(Rev\. \$\{2:Dubai\}, \$\{3:2014\}\) of \$\{4\|WTDC,WTSA,the Plenipotentiary Conference\|\}/).length,
      1,
    );
  });
});
