import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { crossReferences } from '../../server/src/analysis/crossrefs';
import { applyEdits, type OffsetEdit } from '../../server/src/analysis/edits';
import { fixAllEdits, fixAllText } from '../../server/src/analysis/fixProviders';
import { readSettings } from '../../server/src/analysis/settings';
import { insertClauseAfter, labelOnEnter, renumberDocument } from '../../server/src/features/commands';
import { LanguageService } from '../../server/src/features/service';
import { allClauses, parseDocument, type ParsedDocument, type SyntaxDiagnostic } from '../../server/src/syntax';
import { pick, random, readSeed, SEED_2018, SEED_DT } from './helpers';

const URI = 'file:///test.reso';

function serviceWith(text: string, settings?: unknown): LanguageService {
  const service = new LanguageService();
  if (settings !== undefined) service.settings = readSettings(settings).settings;
  service.setDocument(URI, text);
  return service;
}

function diagnostics(text: string, settings?: unknown): SyntaxDiagnostic[] {
  return serviceWith(text, settings).rawDiagnostics(URI);
}

/** `code "covered text"` for each diagnostic, to compare whole lists at a glance. */
function summary(text: string, settings?: unknown, prefix = ''): string[] {
  return diagnostics(text, settings)
    .filter((d) => d.code.startsWith(prefix))
    .map((d) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))}`);
}

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'resolution', 0, text), [...edits]);
}

function applyAction(text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'no such code action');
  return applyTextEdits(text, action.edit?.changes?.[URI] ?? []);
}

/** Code actions offered at the start of a diagnostic. */
function actionsAt(service: LanguageService, diagnostic: SyntaxDiagnostic): CodeAction[] {
  const document = service.document(URI) as ParsedDocument;
  const start = document.lines.positionAt(diagnostic.start);
  return service.codeActions(URI, start, document.lines.positionAt(diagnostic.end));
}

function resolution(body: string): string {
  return `# RESOLUTION 1 (DUBAI, 2018)\n\n## Test\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n${body}`;
}

function insertLineAfter(text: string, linePrefix: string, line: string): string {
  const at = text.indexOf(`\n${linePrefix}`);
  assert.ok(at >= 0, `no line starting ${linePrefix}`);
  const end = text.indexOf('\n', at + 1);
  return `${text.slice(0, end + 1)}${line}\n${text.slice(end + 1)}`;
}

function labelsOf(text: string, heading: string): string[] {
  const section = parseDocument(text).root.resolutions[0].sections.find((s) => s.heading.phrase === heading);
  assert.ok(section, `no section ${heading}`);
  return section.clauses.map((c) => c.label?.value ?? '_');
}

describe('structure checks', () => {
  describe('labels', () => {
    const body = (labels: string[], operative = false): string =>
      resolution(`*${operative ? 'resolves' : 'recalling'}*\n\n${labels.map((l, i) => `${l} clause${i === labels.length - 1 ? '.' : ';'}`).join('\n')}\n`);

    it('reports one label.sequence per wrong label, saying what was expected', () => {
      const text = body(['a)', 'b)', 'c)', 'c)', 'd)']);
      const found = diagnostics(text).filter((d) => d.code.startsWith('label'));
      assert.equal(found.length, 1);
      assert.equal(found[0].code, 'label.sequence');
      assert.equal(found[0].severity, 'error');
      assert.match(found[0].message, /expected d\), found c\)/);
      assert.equal(found[0].start, text.lastIndexOf('c) clause'));
    });

    it('tells gaps, wrong starts and out-of-order labels apart', () => {
      assert.match(diagnostics(body(['a)', 'b)', 'd)']))[0].message, /^Label d\) is out of sequence \(gap\); labels follow each other: expected c\), found d\)/);
      assert.match(diagnostics(body(['b)', 'c)']))[0].message, /\(wrong start\); labels follow each other: expected a\), found b\)/);
      assert.deepEqual(summary(body(['1', '3', '2'], true), undefined, 'label'), ['label.sequence "3"', 'label.sequence "2"']);
    });

    it('reports a number in a preamble section and a letter in an operative one', () => {
      assert.deepEqual(summary(body(['a)', '2', 'c)']), undefined, 'label'), ['label.kind "2"']);
      assert.deepEqual(summary(body(['1', 'b)', '3'], true), undefined, 'label'), ['label.kind "b)"']);
    });

    it('reports sub-items that do not fit their parent', () => {
      const text = resolution('*recalling*\n\na) first;\nb) the outcomes:\n  i) one;\n  3) two;\n  iii) three.\n');
      assert.deepEqual(summary(text, undefined, 'label'), ['label.kind "3)"']);
      const operative = resolution('*resolves*\n\n1 to go;\n2 to review:\n  a) one;\n  c) two.\n');
      assert.deepEqual(summary(operative, undefined, 'label'), ['label.sequence "c)"']);
    });

    it('reports an unlabelled clause among labelled ones, and a label on a lone clause', () => {
      // A line right after a clause continues it: the unlabelled clause stands in its own paragraph.
      assert.deepEqual(summary(resolution('*recalling*\n\na) one;\n\nthe unlabelled one;\n\nc) three.\n'), undefined, 'label'), [
        'label.missing "the unlabelled one;"',
      ]);
      const lone = diagnostics(resolution('*bearing in mind*\n\na) the only one.\n')).filter((d) => d.code.startsWith('label'));
      assert.deepEqual(lone.map((d) => [d.code, d.severity]), [['label.lone', 'information']]);
    });

    it('reads labels on the amended view and reports them at their source with the marks', () => {
      const text = resolution('*recalling*\n\na) one;\n{--b--}{++c++}) two.\n');
      assert.deepEqual(summary(text, undefined, 'label'), ['label.sequence "{--b--}{++c++})"']);
    });
  });

  describe('endings', () => {
    it('wants ; inside a section, , at its end, . at the end of the resolution and : before sub-items', () => {
      const text = resolution('*recalling*\n\na) one,\nb) two;\n\n*resolves*\n\n1 to review;\n  i) one;\n  ii) two,\n2 to end,\n');
      assert.deepEqual(summary(text, undefined, 'punctuation'), [
        'punctuation.ending ","',
        'punctuation.ending ";"',
        'punctuation.ending ";"',
        'punctuation.ending ","',
        'punctuation.ending ","',
      ]);
      const messages = diagnostics(text).map((d) => d.message);
      assert.match(messages[0], /^This clause ends with `,`; a clause inside a section ends with `;` \(a semicolon\)\.$/);
      assert.match(messages[2], /^This clause ends with .*; a clause inside a section that introduces sub-items ends with `:`/);
      assert.match(messages[3], /^This sub-item ends with .*; the last sub-item of a clause inside a section ends with `;`/);
    });

    it('accepts ; and before the last clause and footnote markers after the ending', () => {
      const text = resolution('*recalling*\n\na) one; and\nb) two,[^1]\n\n*resolves*\n\nto end.\n\n[^1]: note\n');
      assert.deepEqual(summary(text, undefined, 'punctuation'), []);
    });

    it('counts text inside revision marks as the amended view has it', () => {
      assert.deepEqual(summary(resolution('*resolves*\n\n1 one{--;--}{++.++}\n'), undefined, 'punctuation'), []);
      assert.deepEqual(summary(resolution('*resolves*\n\n1 one{++;++}{--.--}\n'), undefined, 'punctuation'), ['punctuation.ending ";"']);
    });
  });

  describe('headings', () => {
    it('reports unknown headings with a did-you-mean', () => {
      const found = diagnostics(resolution('*considring*\n\na) one,\n\n*resolves*\n\nto end.\n')).filter((d) => d.code === 'heading.unknown');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /^«considring» is not a heading; a heading is a preamble participle .* Did you mean «considering»\?$/);
    });

    it('reports a preamble heading after an operative one, a duplicate and an empty heading', () => {
      const text = resolution('*resolves*\n\nto go;\n\n*noting*\n\nthat,\n\n*resolves*\n\nto stay,\n\n*invites Member States*\n');
      assert.deepEqual(summary(text, undefined, 'heading'), ['heading.order "noting"', 'heading.duplicate "resolves"', 'heading.empty "invites Member States"']);
    });

    it('reports a title whose place and year disagree with the authority line', () => {
      const text = '# RESOLUTION 1 (REV. BUSAN, 2014)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto end.\n';
      const [mismatch] = diagnostics(text).filter((d) => d.code === 'title.mismatch');
      assert.match(mismatch.message, /title says Busan, 2014 but the authority line says Dubai, 2018/);
      assert.equal(text.slice(mismatch.related?.[0].start, mismatch.related?.[0].end), 'Dubai, 2018');
    });
  });

  describe('cross-references', () => {
    const text = resolution('*considering*\n\na) one;\nb) two,\n\n*bearing in mind*\n\nthe work,\n\n*resolves*\n\n1 consistent with *considering b)* and *resolves* 2;\n2 under *bearing in mind* above, *considering further* a) and *resolves* 9.\n');

    it('recognises every form and resolves it to its clause or section', () => {
      const target = (r: ReturnType<typeof crossReferences>[number]): string =>
        !r.section ? 'no section' : r.label === undefined ? 'section' : (r.clause?.label?.value ?? 'no clause');
      const found = crossReferences(parseDocument(text)).map((r) => [text.slice(r.start, r.end), target(r)]);
      assert.deepEqual(found, [
        ['*considering b)*', 'b'],
        ['*resolves* 2', '2'],
        ['*bearing in mind*', 'section'],
        ['*considering further* a)', 'no section'],
        ['*resolves* 9', 'no clause'],
      ]);
    });

    it('leaves references into another resolution to the citations', () => {
      const external = resolution('*resolves*\n\n1 as in *resolves* 2 of Resolution 130 (Rev. Dubai, 2018);\n2 and *considering c)* of Resolution 140 (Rev. Dubai, 2018).\n');
      assert.deepEqual(crossReferences(parseDocument(external)), []);
      assert.deepEqual(summary(external, undefined, 'crossref'), []);
    });

    it('reports references to a missing section or clause', () => {
      assert.deepEqual(summary(text, undefined, 'crossref'), ['crossref.unresolved "*considering further* a)"', 'crossref.unresolved "9"']);
    });

    it('hovers with the target clause text, defines to it and finds references from its label', () => {
      const service = serviceWith(text);
      const document = service.document(URI) as ParsedDocument;
      const at = (needle: string, delta = 1) => document.lines.positionAt(text.indexOf(needle) + delta);
      const hover = service.hover(URI, at('*considering b)*'));
      assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
      assert.equal(hover.contents.value, '*considering*\n\n**b)** two,');
      const [definition] = service.definition(URI, at('*resolves* 2', 11));
      assert.equal(definition.range.start.line, document.lines.positionAt(text.indexOf('2 under')).line);
      const references = service.references(URI, at('b) two', 0), false);
      assert.deepEqual(references.map((r) => r.range.start.line), [document.lines.positionAt(text.indexOf('*considering b)*')).line]);
      const section = service.hover(URI, at('*bearing in mind* above'));
      assert.ok(section && typeof section.contents === 'object' && 'value' in section.contents);
      assert.match(section.contents.value, /^\*bearing in mind\*\n\nthe work,$/);
    });
  });

  describe('suppression and severity', () => {
    const text = resolution('*recalling*\n\na) one;\n<!-- reso-ignore label.sequence -->\nc) two;\nd) three,\n\n*resolves*\n\n1 to end;\n3 to end.\n');

    it('silences a code on the construct after a reso-ignore comment only', () => {
      assert.deepEqual(summary(text, undefined, 'label'), ['label.sequence "3"']);
    });

    it('silences a code in the whole file with reso-ignore-file, by code or prefix', () => {
      assert.deepEqual(summary(`<!-- reso-ignore-file label -->\n${text}`, undefined, 'label'), []);
    });

    it('overrides severities per code or prefix, and turns codes off', () => {
      const found = diagnostics(text, { diagnostics: { severity: { label: 'hint', 'punctuation.ending': 'off' } } });
      assert.deepEqual(found.map((d) => [d.code, d.severity]), [['label.sequence', 'hint']]);
      assert.deepEqual(readSettings({ diagnostics: { severity: { label: 'loud' } } }).problems, ['diagnostics.severity.label must be one of error, warning, information, hint, off']);
      assert.deepEqual(readSettings({ diagnostics: { severity: { x: 'off' } } }).problems, ['diagnostics.severity.x: no such code or code prefix']);
    });
  });

  describe('the seeds', () => {
    it('finds no structure problem in the adopted 2018 text', () => {
      assert.deepEqual(summary(readSeed(SEED_2018)), []);
    });

    it('finds in the DT only the two endings that its amended text really gets wrong', () => {
      const text = readSeed(SEED_DT);
      // The DT as extracted has no reasons after its proposal: that is a proposal check, not structure.
      const found = diagnostics(text).filter((d) => !d.code.startsWith('proposal.'));
      assert.deepEqual(found.map((d) => d.code), ['punctuation.ending', 'punctuation.ending']);
      // recognizing i) now ends the section (the old i) after it is deleted), so its last
      // sub-item must carry the section's comma; the draft left the semicolon.
      assert.match(text.slice(text.lastIndexOf('\n', found[0].start), found[0].end), /ii\) Resolution 52 .*combating spam;$/);
      assert.match(found[0].message, /comma/);
      // instructs the Director of the BDT 1: the amended clause stops at "these activities"
      // with no semicolon (the only one was in struck text).
      assert.match(text.slice(found[1].start - 30, found[1].end), /take part in these activities$/);
      assert.match(found[1].message, /semicolon/);
    });
  });
});

describe('renumbering and fixes', () => {
  it('renumbers a section from the first wrong clause and moves the cross-references with their clauses', () => {
    const text = resolution('*considering*\n\na) one;\nb) two;\nc) three,\n\n*resolves*\n\nto see *considering c)* and *considering b)*.\n');
    const inserted = insertLineAfter(text, 'b) two', 'c) new;');
    const service = serviceWith(inserted);
    const [sequence] = service.rawDiagnostics(URI).filter((d) => d.code.startsWith('label'));
    const action = actionsAt(service, sequence).find((a) => a.title === 'Renumber «considering»');
    const fixed = applyAction(inserted, action);
    assert.equal(fixed, inserted.replace('c) three', 'd) three').replace('*considering c)*', '*considering d)*'));
    assert.deepEqual(diagnostics(fixed), []);
  });

  it('writes the relabel as revision marks in a tracked document, but not inside inserted text', () => {
    const text = `MOD X/1/1\n\n${resolution('*recalling*\n\na) one;\n{++b) added;++}\n{++b) added too;++}\nb) two;\n{--b--}{++c++}) three,\n\n*resolves*\n\nto end.\n')}`;
    const fixed = applyEdits(text, fixAllEdits(parseDocument(text), diagnostics(text), { trackChanges: 'auto' }));
    assert.match(fixed, /\n\{\+\+b\) added;\+\+\}\n\{\+\+c\) added too;\+\+\}\n\{--b--\}\{\+\+d\+\+\}\) two;\n\{--b--\}\{\+\+e\+\+\}\) three,/);
    const never = applyEdits(text, fixAllEdits(parseDocument(text), diagnostics(text), { trackChanges: 'never' }));
    assert.match(never, /\nd\) two;\n\{--b--\}\{\+\+e\+\+\}\) three,/);
  });

  it('adds a missing label, removes a lone one and fixes endings in one fix-all', () => {
    const text = resolution('*recalling*\n\na) one;\n\ntwo,\n\n*bearing in mind*\n\na) the only one\n\n*resolves*\n\n1 to go;\n2 to end,\n');
    const fixed = fixAllText(text, (d) => serviceWith(d.text).rawDiagnostics(URI), { trackChanges: 'auto' });
    assert.equal(fixed, resolution('*recalling*\n\na) one;\n\nb) two,\n\n*bearing in mind*\n\nthe only one,\n\n*resolves*\n\n1 to go;\n2 to end.\n'));
  });

  it('offers no fix while a revision mark is broken, so that no `++}` it writes can close a stray `{++`', () => {
    const text = `MOD X/1/1\n\n${resolution('*recalling*\n\na) one;\nc) two {++ never closed,\n\n*resolves*\n\n1 to go;\n3 to end.\n')}`;
    const service = serviceWith(text);
    const found = service.rawDiagnostics(URI);
    assert.ok(found.some((d) => d.code === 'syntax.revision'));
    assert.ok(found.some((d) => d.code === 'label.sequence'));
    for (const diagnostic of found) assert.deepEqual(actionsAt(service, diagnostic), [], diagnostic.code);
    assert.equal(renumberDocument(service, URI), undefined);
    assert.equal(fixAllText(text, (d) => serviceWith(d.text).rawDiagnostics(URI), { trackChanges: 'auto' }), text);
  });

  it('offers heading changes: did-you-mean and «… further» for a duplicate', () => {
    const text = resolution('*considring*\n\na) one,\n\n*recalling*\n\nthat,\n\n*recalling*\n\nthat too,\n\n*resolves*\n\nto end.\n');
    const service = serviceWith(text);
    const found = service.rawDiagnostics(URI);
    const quickFixes = (diagnostic: SyntaxDiagnostic | undefined) => actionsAt(service, diagnostic as SyntaxDiagnostic).filter((a) => a.kind === 'quickfix');
    const unknown = quickFixes(found.find((d) => d.code === 'heading.unknown'));
    assert.deepEqual(unknown.map((a) => a.title), ['Change to «considering»']);
    const duplicate = quickFixes(found.find((d) => d.code === 'heading.duplicate'));
    assert.deepEqual(duplicate.map((a) => a.title), ['Change to «recalling further»']);
    assert.match(applyAction(text, duplicate[0]), /\*recalling further\*\n\nthat too,/);
  });

  it('offers fix-all as source.fixAll.resolution, and renumber document as a command', () => {
    const text = resolution('*recalling*\n\na) one;\nc) two,\n\n*resolves*\n\n2 to go;\n3 to end.\n');
    const service = serviceWith(text);
    const [fixAll] = service.codeActions(URI, { line: 0, character: 0 }, { line: 0, character: 0 }, ['source.fixAll']);
    assert.equal(fixAll.kind, 'source.fixAll.resolution');
    assert.equal(applyAction(text, fixAll), text.replace('c) two', 'b) two').replace('2 to go', '1 to go').replace('3 to end', '2 to end'));
    const edit = renumberDocument(service, URI);
    assert.equal(applyTextEdits(text, edit?.changes?.[URI] ?? []), applyAction(text, fixAll));
  });

  it('inserts a clause after the cursor, renumbering what follows, and places the cursor in it', () => {
    const text = resolution('*recalling*\n\na) one;\nb) two:\n  i) sub;\nc) three,\n\n*resolves*\n\n1 see *recalling c)*.\n');
    const service = serviceWith(text);
    const document = service.document(URI) as ParsedDocument;
    const inserted = insertClauseAfter(service, URI, document.lines.positionAt(text.indexOf('two')));
    assert.ok(inserted);
    const after = applyTextEdits(text, inserted.edit.changes?.[URI] ?? []);
    assert.equal(after, text.replace('  i) sub;\n', '  i) sub;\nc) \n').replace('c) three', 'd) three').replace('*recalling c)*', '*recalling d)*'));
    assert.deepEqual(inserted.cursor, { line: parseDocument(after).lines.positionAt(after.indexOf('c) \n')).line, character: 3 });
  });

  it('inserts a clause as a revision mark in a tracked document', () => {
    const text = `MOD X/1/1\n\n${resolution('*resolves*\n\n1 one;\n2 two.\n')}`;
    const service = serviceWith(text);
    const inserted = insertClauseAfter(service, URI, (service.document(URI) as ParsedDocument).lines.positionAt(text.indexOf('one')));
    const after = applyTextEdits(text, inserted?.edit.changes?.[URI] ?? []);
    assert.match(after, /\n1 one;\n\{\+\+2 \+\+\}\n\{--2--\}\{\+\+3\+\+\} two\.\n$/);
    assert.equal(inserted?.cursor.character, 5);
  });

  it('starts the next clause with its label when Enter is pressed at the end of a clause', () => {
    const text = resolution('*recalling*\n\na) one;\n\n\n*resolves*\n\n1 to review:\n\n');
    const service = serviceWith(text);
    const document = service.document(URI) as ParsedDocument;
    const lineAfter = (needle: string) => ({ line: document.lines.positionAt(text.indexOf(needle)).line + 1, character: 0 });
    assert.deepEqual(labelOnEnter(service, URI, lineAfter('a) one')).map((e) => e.newText), ['b) ']);
    assert.deepEqual(labelOnEnter(service, URI, lineAfter('1 to review')).map((e) => e.newText), ['  i) ']);
    service.settings = readSettings({ onType: { labels: false } }).settings;
    assert.deepEqual(labelOnEnter(service, URI, lineAfter('a) one')), []);
  });
});

describe('renumbering scenarios on the seeds', () => {
  for (const [section, after, line] of [
    ['considering', 'e) that the ITU Secretary-General', 'f) a clause inserted in the middle;'],
    ['resolves', '4 to promote a culture', '5 a clause inserted in the middle;'],
  ] as const) {
    it(`2018 seed: a clause inserted in «${section}» is renumbered by one quick fix`, () => {
      const seed = readSeed(SEED_2018);
      const text = insertLineAfter(seed, after, line);
      const service = serviceWith(text);
      const found = service.rawDiagnostics(URI);
      assert.deepEqual(found.map((d) => d.code), ['label.sequence']);
      const fixed = applyAction(text, actionsAt(service, found[0]).find((a) => a.title === `Renumber «${section}»`));
      assert.deepEqual(diagnostics(fixed), []);
      const labels = labelsOf(fixed, section);
      const expected = labels.map((_l, i) => (section === 'resolves' ? String(i + 1) : String.fromCharCode(97 + i)));
      assert.deepEqual(labels, expected);
      if (section === 'resolves') {
        // instructs the Secretary-General … 4 said "consistent with *resolves* 5": that clause is now 6.
        assert.match(fixed, /consistent with \*resolves\* 6;/);
        assert.doesNotMatch(fixed, /\*resolves\* 5/);
      }
    });
  }

  it('DT seed: the fix writes revision marks and leaves the original view unchanged', () => {
    const seed = readSeed(SEED_DT);
    const text = insertLineAfter(seed, '{--b--}{++c++}) that, with the application', '{++d) a clause inserted in the draft;++}');
    const service = serviceWith(text);
    const sequence = service.rawDiagnostics(URI).filter((d) => d.code.startsWith('label'));
    assert.equal(sequence.length, 1);
    const fixed = applyAction(text, actionsAt(service, sequence[0]).find((a) => a.title === 'Renumber «considering»'));
    assert.match(fixed, /\n\{--c--\}\{\+\+e\+\+\}\) that the ITU Secretary-General/);
    assert.equal(parseDocument(fixed).original.text, parseDocument(seed).original.text);
    assert.deepEqual(labelsOf(fixed, 'considering'), 'abcdefghijk'.split(''));
    assert.deepEqual(diagnostics(fixed).filter((d) => d.code.startsWith('label')), []);
  });
});

describe('fix-all properties over random edits of the seeds', () => {
  interface Mutation {
    text: string;
    description: string;
  }

  /** Inserts, deletes or swaps whole clause lines of one section. */
  function mutate(text: string, next: () => number): Mutation {
    const document = parseDocument(text);
    const sections = document.root.resolutions[0].sections.filter((s) => s.clauses.length >= 3);
    const section = pick(next, sections);
    const clauses = section.clauses.filter((c) => c.items.length === 0);
    const clause = pick(next, clauses);
    const lineOf = (c: typeof clause) => text.slice(c.start, c.end + 1);
    const operation = pick(next, ['insert', 'delete', 'swap'] as const);
    if (operation === 'insert') {
      const label = section.heading.headingKind === 'operative' ? String(Math.floor(next() * 20) + 1) : `${String.fromCharCode(97 + Math.floor(next() * 20))})`;
      return { text: text.slice(0, clause.end + 1) + `${label} an inserted clause;\n` + text.slice(clause.end + 1), description: `insert ${label} after ${clause.label?.value}` };
    }
    if (operation === 'delete') return { text: text.slice(0, clause.start) + text.slice(clause.end + 1), description: `delete ${clause.label?.value}` };
    const other = pick(next, clauses);
    if (other === clause) return { text, description: 'no-op swap' };
    const [first, second] = clause.start < other.start ? [clause, other] : [other, clause];
    return {
      text: text.slice(0, first.start) + lineOf(second) + text.slice(first.end + 1, second.start) + lineOf(first) + text.slice(second.end + 1),
      description: `swap ${first.label?.value} and ${second.label?.value}`,
    };
  }

  /** Source spans a fix may touch: labels, clause endings and cross-reference labels. */
  function allowedSpans(document: ParsedDocument): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    const view = document.amended;
    for (const resolution of document.root.resolutions) {
      for (const section of resolution.sections) {
        for (const clause of allClauses(section.clauses)) {
          if (clause.label) spans.push([clause.label.start, clause.label.end]);
          else spans.push([clause.start, view.toSource(clause.viewStart)]);
          const end = clause.textViewEnd;
          spans.push([view.toSource(Math.max(clause.textViewStart, end - 2)), view.toSourceEnd(end)]);
        }
      }
    }
    for (const reference of crossReferences(document)) if (reference.labelStart !== undefined) spans.push([reference.labelStart, reference.labelEnd ?? reference.labelStart]);
    return spans;
  }

  const fixAll = (text: string) => fixAllText(text, (d) => serviceWith(d.text).rawDiagnostics(URI), { trackChanges: 'auto' });

  for (const seed of [SEED_2018, SEED_DT]) {
    it(`${seed}: fix-all is idempotent, touches only labels, endings and cross-references, and leaves no label problem`, () => {
      const base = readSeed(seed);
      for (let run = 1; run <= 40; run++) {
        const next = random(run * 104729 + seed.length);
        let mutation: Mutation = { text: base, description: '' };
        const steps: string[] = [];
        for (let i = 0; i < 1 + Math.floor(next() * 3); i++) {
          mutation = mutate(mutation.text, next);
          steps.push(mutation.description);
        }
        const text = mutation.text;
        const where = `run ${run}: ${steps.join(', ')}`;
        const document = parseDocument(text);
        const edits: OffsetEdit[] = fixAllEdits(document, diagnostics(text), { trackChanges: 'auto' });
        const spans = allowedSpans(document);
        for (const edit of edits) {
          assert.ok(spans.some(([start, end]) => start <= edit.start && edit.end <= end), `${where}: edit ${JSON.stringify(edit)} touches ${JSON.stringify(text.slice(edit.start - 10, edit.end + 10))}`);
        }
        const fixed = fixAll(text);
        assert.equal(fixAll(fixed), fixed, `${where}: not idempotent`);
        assert.deepEqual(diagnostics(fixed).filter((d) => d.code.startsWith('label')).map((d) => d.message), [], where);
        assert.equal(parseDocument(fixed).original.text.length > 0, true);
      }
    });
  }
});

describe('hard cases of labels and fixes', () => {
  const fixAll = (text: string) => fixAllText(text, (d) => serviceWith(d.text).rawDiagnostics(URI), { trackChanges: 'auto' });
  const marksOk = (text: string) => assert.deepEqual(parseDocument(text).diagnostics.filter((d) => d.code === 'syntax.revision'), [], text);

  it('removes a label cut by revision marks as whole marks, never cutting a delimiter', () => {
    const text = `MOD WGPL/1/1\n\n${resolution('*considering*\n\n{--a) that one;--}\n{--b--}{++a++}) that two,\n\n*resolves*\n\nto do.\n')}`;
    const fixed = fixAll(text);
    marksOk(fixed);
    assert.match(fixed, /\n\{--b\) --\}that two,\n/);
    assert.equal(parseDocument(fixed).original.text, parseDocument(text).original.text);
  });

  it('writes an ending after a substitution or a highlight, not inside it', () => {
    for (const [inner, expected] of [
      ['{~~one~>two~~}', '{~~one~>two;~~}'],
      ['{==one==}', '{==one==}{++;++}'],
    ]) {
      const text = `MOD X/1/1\n\n${resolution(`*considering*\n\na) that ${inner}\nb) that five,\n\n*resolves*\n\nto act.\n`)}`;
      const fixed = fixAll(text);
      marksOk(fixed);
      assert.ok(fixed.includes(`a) that ${expected}\n`), fixed);
    }
  });

  it('fixes nothing that reso-ignore or a severity of off silences', () => {
    const text = `<!-- reso-ignore-file label.lone punctuation.ending -->\n${resolution('*considering*\n\na) that one\n\n*resolves*\n\n<!-- reso-ignore label.sequence -->\n3 to act;\n4 to act more.\n')}`;
    assert.equal(fixAll(text), text);
    const off = resolution('*considering*\n\na) one;\nc) two,\n\n*resolves*\n\nto act\n');
    const settings = { diagnostics: { severity: { label: 'off' } } };
    const service = serviceWith(off, settings);
    assert.equal(fixAllText(off, (d) => { service.setDocument(URI, d.text); return service.rawDiagnostics(URI); }, { trackChanges: 'auto' }), off.replace('to act\n', 'to act.\n'));
  });

  it('keeps the label of a lone clause that a cross-reference names', () => {
    const text = resolution('*considering*\n\nthat one, as *resolves* 2 shows,\n\n*resolves*\n\n2 to act.\n');
    assert.deepEqual(summary(text), []);
    assert.equal(fixAll(text), text);
  });

  it('renumbers decimal paragraphs with their number, and their references', () => {
    const text = resolution('*resolves*\n\n1 to insert a new first clause;\n1 to do this;\n1.1 in particular that;\n1.2 and that;\n2 to do the other, consistent with *resolves* 1.2.\n');
    assert.deepEqual(summary(text, undefined, 'label'), ['label.sequence "1"']);
    const fixed = fixAll(text);
    assert.match(fixed, /\n1 to insert a new first clause;\n2 to do this;\n2\.1 in particular that;\n2\.2 and that;\n3 to do the other, consistent with \*resolves\* 2\.2\.\n/);
    assert.deepEqual(summary(resolution('*resolves*\n\n1 one:\n1.1 a;\n1.3 b;\n2 two.\n'), undefined, 'label'), ['label.sequence "1.3"']);
  });

  it('says in every label.sequence message the label the fix writes, with no cascade', () => {
    const messages = (labels: string[]) => diagnostics(resolution(`*recalling*\n\n${labels.map((l, i) => `${l} x${i === labels.length - 1 ? '.' : ';'}`).join('\n')}\n`)).filter((d) => d.code.startsWith('label')).map((d) => d.message.replace(/^.*: /, ''));
    assert.deepEqual(messages(['a)', 'c)', 'b)', 'd)', 'e)']), ['expected b), found c).', 'expected c), found b).']);
    assert.deepEqual(messages(['b)', 'b)', 'b)']), ['expected a), found b).', 'expected c), found b).']);
  });

  it('reports a full stop after an operative number and removes it', () => {
    const text = resolution('*resolves*\n\n1. to do this;\n2. to do that.\n');
    assert.deepEqual(summary(text, undefined, 'label'), ['label.kind "1."', 'label.kind "2."']);
    assert.equal(fixAll(text), resolution('*resolves*\n\n1 to do this;\n2 to do that.\n'));
  });

  it('wants roman sub-items under a preamble clause', () => {
    const text = resolution('*recalling*\n\na) the outcomes:\n  a) one;\n  b) two;\nb) more.\n');
    assert.deepEqual(summary(text, undefined, 'label'), ['label.kind "a)"', 'label.kind "b)"']);
    assert.match(fixAll(text), /\n {2}i\) one;\n {2}ii\) two;\n/);
  });

  it('writes heading changes as revision marks in a tracked document', () => {
    const text = `MOD X/1/1\n\n${resolution('*recalling*\n\nthat,\n\n*recalling*\n\nthat too,\n\n*resolves*\n\nto end.\n')}`;
    const service = serviceWith(text);
    const duplicate = service.rawDiagnostics(URI).find((d) => d.code === 'heading.duplicate') as SyntaxDiagnostic;
    const fixed = applyAction(text, actionsAt(service, duplicate).find((a) => a.kind === 'quickfix'));
    assert.match(fixed, /\*\{--recalling--\}\{\+\+recalling further\+\+\}\*/);
    assert.equal(parseDocument(fixed).original.text, parseDocument(text).original.text);
  });
});

describe('hard cases of the editing commands', () => {
  const at = (service: LanguageService, text: string, needle: string) => (service.document(URI) as ParsedDocument).lines.positionAt(text.indexOf(needle));

  it('indents a sub-item started by Enter or by Insert clause after like its siblings', () => {
    const text = resolution('*resolves*\n\n1 to do:\n  a) this:\n    i) deep;\n  b) that;\n2 to continue.\n');
    const service = serviceWith(text);
    // Enter at the end of `    i) deep;` leaves an empty line after it.
    const typed = text.replace('    i) deep;\n', '    i) deep;\n\n');
    const onEnter = serviceWith(typed);
    const line = (onEnter.document(URI) as ParsedDocument).lines.positionAt(typed.indexOf('    i) deep')).line + 1;
    assert.deepEqual(labelOnEnter(onEnter, URI, { line, character: 0 }).map((e) => e.newText), ['    ii) ']);
    const inserted = insertClauseAfter(service, URI, at(service, text, 'b) that'));
    assert.equal(applyTextEdits(text, inserted?.edit.changes?.[URI] ?? []), text.replace('  b) that;\n', '  b) that;\n  c) \n'));
  });

  it('inserts plainly inside a multi-line insertion and renumbers what follows', () => {
    const text = `MOD WGPL/1/1\n\n${resolution('*considering*\n\na) that one;\n{++b) that new one;\nc) that new two;++}\n{--b--}{++d++}) that three,\n\n*resolves*\n\nto do.\n')}`;
    const service = serviceWith(text);
    const inserted = insertClauseAfter(service, URI, at(service, text, 'b) that new'));
    const after = applyTextEdits(text, inserted?.edit.changes?.[URI] ?? []);
    assert.match(after, /\{\+\+b\) that new one;\nc\) \nd\) that new two;\+\+\}\n\{--b--\}\{\+\+e\+\+\}\) that three,/);
    assert.deepEqual(parseDocument(after).diagnostics, []);
  });

  it('inserts after a decimal paragraph the next decimal, and after a number past its decimals', () => {
    const text = resolution('*resolves*\n\n1 to do:\n1.1 this;\n1.2 that;\n2 to end.\n');
    const service = serviceWith(text);
    const afterDecimal = applyTextEdits(text, insertClauseAfter(service, URI, at(service, text, '1.1 this'))?.edit.changes?.[URI] ?? []);
    assert.match(afterDecimal, /\n1\.1 this;\n1\.2 \n1\.3 that;\n2 to end\./);
    const afterNumber = applyTextEdits(text, insertClauseAfter(service, URI, at(service, text, '1 to do'))?.edit.changes?.[URI] ?? []);
    assert.match(afterNumber, /\n1\.2 that;\n2 \n3 to end\./);
  });
});

describe('cross-references that name several clauses', () => {
  const fixAll = (text: string) => fixAllText(text, (d) => serviceWith(d.text).rawDiagnostics(URI), { trackChanges: 'auto' });

  it('moves every label of a list with its clause', () => {
    const text = resolution('*considering*\n\nthat *resolves* 2 and 3, and *resolves* 2 to 3, apply,\n\n*resolves*\n\n1 to act;\n1 to act again;\n2 to act more;\n3 to act further.\n');
    const fixed = fixAll(text);
    assert.match(fixed, /that \*resolves\* 3 and 4, and \*resolves\* 3 to 4, apply,/);
    assert.deepEqual(summary(fixed), []);
  });

  it('leaves a list followed by `of Resolution …` to the citations, unresolved or not', () => {
    const text = resolution('*considering*\n\nthat WTDC asked, in *resolves* 3 and 4 of Resolution 45 (Rev. Dubai, 2014), for this,\n\n*resolves*\n\n1 to act;\n2 to act again;\n2 to act more;\n3 to act further.\n');
    assert.deepEqual(summary(text, undefined, 'crossref'), []);
    assert.match(fixAll(text), /in \*resolves\* 3 and 4 of Resolution 45 \(Rev\. Dubai, 2014\)/);
  });

  it('reports each missing clause of a list and hovers the label under the cursor', () => {
    const text = resolution('*considering*\n\nthat *resolves* 1 and 7 apply,\n\n*resolves*\n\n1 to act;\n2 to end.\n');
    assert.deepEqual(summary(text, undefined, 'crossref'), ['crossref.unresolved "7"']);
    const service = serviceWith(text);
    const hover = service.hover(URI, (service.document(URI) as ParsedDocument).lines.positionAt(text.indexOf('1 and 7')));
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.match(hover.contents.value, /\*\*1\*\* to act;/);
  });
});

describe('hard cases of clause endings', () => {
  const fixAll = (text: string) => fixAllText(text, (d) => serviceWith(d.text).rawDiagnostics(URI), { trackChanges: 'auto' });

  it('mends the punctuation before `and`, and only reports `; and` on a last clause', () => {
    const text = resolution('*considering*\n\na) that one, and\nb) that two; or\nc) that three; and\n\n*resolves*\n\n1 to do this; and\n2 to do that.\n');
    assert.deepEqual(summary(text, undefined, 'punctuation'), ['punctuation.ending ","', 'punctuation.ending ";"']);
    assert.equal(fixAll(text), text.replace('that one, and', 'that one; and'));
  });

  it('puts the ending after an abbreviation and before a closing comment', () => {
    const text = resolution('*considering*\n\na) spam, malware, etc.\nb) that two <!-- check this -->\n\n*resolves*\n\nto act.\n');
    assert.deepEqual(summary(text, undefined, 'punctuation'), ['punctuation.ending "."', 'punctuation.ending "o"']);
    assert.equal(fixAll(text), text.replace('etc.\n', 'etc.;\n').replace('two <!--', 'two, <!--'));
  });
});
