import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { serializeCatalogue } from '../../server/src/analysis/catalogueBuilder';
import { citationCheck } from '../../server/src/analysis/citationChecks';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/pipeline';
import { readSettings } from '../../server/src/analysis/settings';
import { main } from '../../server/src/cli';
import { LanguageService } from '../../server/src/features/service';
import { parseDocument, type SyntaxDiagnostic } from '../../server/src/syntax';
import { generateCatalogue } from '../bench/citations';
import { citingText, fixAllWithCatalogue, serviceWith } from './citationFixtures';
import { readSeed, ROOT, SEED_2018, SEED_DT } from './helpers';

const URI = 'file:///test/citing.reso';

function citationDiagnostics(service: LanguageService, uri = URI): SyntaxDiagnostic[] {
  return service.rawDiagnostics(uri).filter((d) => d.code.startsWith('citation.'));
}

/** `code "covered text"` per citation diagnostic. */
function summary(text: string): string[] {
  const service = serviceWith({ [URI]: text });
  return citationDiagnostics(service).map((d) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))}`);
}

function quickFixes(service: LanguageService, diagnostic: SyntaxDiagnostic, uri = URI): CodeAction[] {
  const document = service.document(uri);
  assert.ok(document);
  const start = document.lines.positionAt(diagnostic.start);
  const end = document.lines.positionAt(diagnostic.end);
  return service.codeActions(uri, start, end, ['quickfix']).filter((a) => a.diagnostics?.some((d) => d.code === diagnostic.code));
}

function apply(text: string, action: CodeAction, uri = URI): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'resolution', 0, text), action.edit?.changes?.[uri] ?? []);
}

/** The one diagnostic of `code`, its quick fixes, and the text after the first. */
function fixOf(text: string, code: string): { diagnostic: SyntaxDiagnostic; actions: CodeAction[]; fixed: string } {
  const service = serviceWith({ [URI]: text });
  const found = citationDiagnostics(service).filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(citationDiagnostics(service).map((d) => d.code))}`);
  const actions = quickFixes(service, found[0]);
  assert.ok(actions.length > 0, `no quick fix for ${code}`);
  return { diagnostic: found[0], actions, fixed: apply(text, actions[0]) };
}

function fixAll(text: string): string {
  return fixAllWithCatalogue(text, URI);
}

/** The drafter's way: the preferred quick fix of each citation diagnostic in turn, until none is left. */
function chooseEach(text: string): string {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const service = serviceWith({ [URI]: current });
    const action = citationDiagnostics(service).flatMap((d) => quickFixes(service, d)).find((a) => a.isPreferred);
    if (!action) return current;
    current = apply(current, action);
  }
  return current;
}

describe('citation checks', () => {
  describe('one case per code, with its quick fix', () => {
    it('citation.unknown, with a did-you-mean only when a near number of that body exists', () => {
      const text = citingText('a) Resolution 141 (Rev. Dubai, 2018) of this conference;\nb) Resolution 777 (Rev. Dubai, 2018) of this conference,');
      const service = serviceWith({ [URI]: text });
      const [near, far] = citationDiagnostics(service);
      assert.equal(near.code, 'citation.unknown');
      assert.equal(near.severity, 'information');
      assert.match(near.message, /^Resolution 141 of the Plenipotentiary Conference is not in the catalogue and no workspace file defines it; .* Did you mean Resolution 140, Resolution 181\?/);
      assert.equal(far.code, 'citation.unknown');
      assert.doesNotMatch(far.message, /Did you mean/);
      assert.deepEqual(quickFixes(service, far), []);
      const actions = quickFixes(service, near);
      assert.deepEqual(actions.map((a) => a.title.replace(/ \(.*$/, '')), ['Change to Resolution 140', 'Change to Resolution 181']);
      assert.equal(actions[0].isPreferred, false);
      assert.match(apply(text, actions[0]), /a\) Resolution 140 \(Rev\. Dubai, 2018\) of this conference;/);
      // The did-you-mean is a guess: never part of fix-all.
      assert.equal(fixAll(text), text);
    });

    it('citation.revision-unknown: the resolution is known, not that revision, and a WTDC met there: information', () => {
      const text = citingText('Resolution 45 (Rev. Doha, 2006) of WTDC,');
      const { diagnostic, fixed } = fixOf(text, 'citation.revision-unknown');
      // The catalogue holds a few revisions of a few dozen texts: a revision it lacks is no fault of the text.
      assert.equal(diagnostic.severity, 'information');
      assert.match(diagnostic.message, /^Resolution 45 \(Rev\. Doha, 2006\) is not in the catalogue, which knows Resolution 45 of WTDC in the revisions Hyderabad, 2010; Dubai, 2014; the catalogue may not hold every revision\./);
      // The change to the revision in force stays a quick fix the drafter may pick.
      assert.match(fixed, /^Resolution 45 \(Rev\. Dubai, 2014\) of WTDC,$/m);
    });

    it('citation.revision-unknown: no WTDC met at that place and year, or before the first adoption: warning', () => {
      const nowhere = fixOf(citingText('Resolution 45 (Rev. Atlantis, 2006) of WTDC,'), 'citation.revision-unknown').diagnostic;
      assert.equal(nowhere.severity, 'warning');
      assert.match(nowhere.message, /^Resolution 45 of WTDC has no revision of Atlantis, 2006 that the catalogue or the workspace knows \(no World Telecommunication Development Conference \(WTDC\) is known at Atlantis in 2006\)/);
      const early = fixOf(citingText('Resolution 80 (Rev. Doha, 2006) of WTDC,'), 'citation.revision-unknown').diagnostic;
      assert.equal(early.severity, 'warning');
      assert.match(early.message, /is earlier than the first adoption of Resolution 80 of WTDC \(Dubai, 2014\)/);
    });

    it('citation.future: a revision later than the document\'s date is an error', () => {
      const text = citingText('Resolution 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference,', { date: '2014-11-02', place: 'Busan', year: 2014 });
      const { diagnostic, fixed } = fixOf(text, 'citation.future');
      assert.equal(diagnostic.severity, 'error');
      assert.match(diagnostic.message, /later than the document's date \(2014-11-02\)/);
      assert.match(fixed, /^Resolution 140 \(Rev\. Busan, 2014\) of the Plenipotentiary Conference,$/m);
    });

    it('citation.superseded: a later revision was adopted before the document\'s date', () => {
      const text = citingText('Resolution 50 (Rev. Dubai, 2012),');
      const { diagnostic, actions, fixed } = fixOf(text, 'citation.superseded');
      assert.match(diagnostic.message, /superseded by Resolution 50 \(Rev\. Hammamet, 2016\), adopted by WTSA-16, before the document's date \(2018\)/);
      assert.equal(actions[0].isPreferred, true);
      assert.match(fixed, /^Resolution 50 \(Rev\. Hammamet, 2016\),$/m);
      // The same text in 2014 cites the revision then in force.
      assert.deepEqual(summary(citingText('Resolution 50 (Rev. Dubai, 2012),', { year: 2014, place: 'Busan' })), []);
    });

    it('citation.inconsistent: one document, two revisions of a resolution; related information points at the others', () => {
      const text = citingText('a) Resolution 45 (Rev. Dubai, 2014) of WTDC;\nb) Resolution 45 (Rev. Hyderabad, 2010) of WTDC;\nc) Resolution 45 (Rev. Dubai, 2014) of WTDC,');
      const service = serviceWith({ [URI]: text });
      const inconsistent = citationDiagnostics(service).filter((d) => d.code === 'citation.inconsistent');
      assert.equal(inconsistent.length, 1);
      const [diagnostic] = inconsistent;
      assert.equal(text.slice(diagnostic.start, diagnostic.end), 'Resolution 45 (Rev. Hyderabad, 2010)');
      assert.match(diagnostic.message, /cited here as \(Rev\. Hyderabad, 2010\) and 2 times elsewhere in this document as \(Rev\. Dubai, 2014\)/);
      assert.deepEqual(diagnostic.related?.map((r) => text.slice(r.start, r.end)), ['Resolution 45 (Rev. Dubai, 2014)', 'Resolution 45 (Rev. Dubai, 2014)']);
      const fixed = apply(text, quickFixes(service, diagnostic)[0]);
      assert.match(fixed, /^b\) Resolution 45 \(Rev\. Dubai, 2014\) of WTDC;$/m);
    });

    it('citation.rev-missing: a revision that is not the first adoption is cited with Rev.', () => {
      const text = citingText('Resolution 80 (Buenos Aires, 2017),');
      const { diagnostic, fixed } = fixOf(text, 'citation.rev-missing');
      assert.equal(text.slice(diagnostic.start, diagnostic.end), 'Buenos Aires, 2017');
      assert.match(diagnostic.message, /Resolution 80 of WTDC was first adopted at Dubai, 2014/);
      assert.match(fixed, /^Resolution 80 \(Rev\. Buenos Aires, 2017\),$/m);
    });

    it('citation.rev-extra: a first adoption is cited without Rev.', () => {
      const text = citingText('Resolution 100 (Rev. Minneapolis, 1998) of the Plenipotentiary Conference,');
      const { diagnostic, fixed } = fixOf(text, 'citation.rev-extra');
      assert.match(diagnostic.message, /^\(Rev\. Minneapolis, 1998\) carries `Rev\.`, but Resolution 100 of the Plenipotentiary Conference was first adopted there; a first adoption is cited without it/);
      assert.match(fixed, /^Resolution 100 \(Minneapolis, 1998\) of the Plenipotentiary Conference,$/m);
    });

    it('citation.body-mismatch: the body named disagrees with the conference of the place and year', () => {
      const text = citingText('a) Resolution 45 (Rev. Dubai, 2014) of the Plenipotentiary Conference;\nb) Resolution 69 (Rev. Dubai, 2014) of WTSA,');
      const service = serviceWith({ [URI]: text });
      const mismatches = citationDiagnostics(service).filter((d) => d.code === 'citation.body-mismatch');
      assert.deepEqual(mismatches.map((d) => text.slice(d.start, d.end)), ['the Plenipotentiary Conference', 'WTSA']);
      assert.equal(mismatches[0].severity, 'error');
      assert.match(mismatches[0].message, /Dubai, 2014 identifies WTDC-14, not the Plenipotentiary Conference/);
      let fixed = apply(text, quickFixes(service, mismatches[0])[0]);
      fixed = apply(fixed, quickFixes(service, mismatches[1])[0]);
      assert.match(fixed, /^a\) Resolution 45 \(Rev\. Dubai, 2014\) of the World Telecommunication Development Conference \(WTDC\);$/m);
      assert.match(fixed, /^b\) Resolution 69 \(Rev\. Dubai, 2014\) of WTDC,$/m);
    });
  });

  describe('the seeds', () => {
    it('the 2018 text: three citations really at fault', () => {
      assert.deepEqual(summary(readSeed(SEED_2018)), [
        // instructs the Director of the TSB 1 iii): every other citation of Resolution 52 in the
        // text (recognizing k) ii), aware b), bearing in mind, 1 i)) names the Hammamet 2016 revision,
        // which WTSA-16 adopted before PP-18; this one names Dubai 2012, the revision it replaced.
        'citation.superseded "Resolution 52 (Rev. Dubai, 2012)"',
        'citation.inconsistent "Resolution 52 (Rev. Dubai, 2012)"',
        // instructs the Director of the BDT 1: Resolution 80 was adopted at Dubai in 2014 (the DT
        // cites it so, without Rev.), so the Buenos Aires 2017 text is a revision: aware g) of the
        // same text writes it (Rev. Buenos Aires, 2017).
        'citation.rev-missing "Buenos Aires, 2017"',
      ]);
    });

    it('the DT: one citation really at fault', () => {
      assert.deepEqual(summary(readSeed(SEED_DT)), [
        // bearing in mind: "58 ({--Johannesburg, 2008--}{++Dubai, 2012++})" drops the Rev. that the
        // amended text needs: Resolution 58 was first adopted at Johannesburg in 2008 (the deleted
        // text of recognizing d) says so), and every other citation of it in the DT writes
        // (Rev. Dubai, 2012).
        'citation.rev-missing "Dubai, 2012"',
      ]);
    });

    it('fix-all corrects the 2018 text, after which no citation diagnostic is left', () => {
      const text = readSeed(SEED_2018);
      const fixed = fixAll(text);
      // Only the missing `Rev.`: which revision of Resolution 52 the text cites is the drafter's choice.
      assert.match(fixed, /^ {4}- Resolution 52 \(Rev\. Dubai, 2012\), on countering and combating spam;$/m);
      assert.match(fixed, /Resolution 80 \(Rev\. Buenos Aires, 2017\) and Objective 2/);
      assert.deepEqual(summary(fixed), ['citation.superseded "Resolution 52 (Rev. Dubai, 2012)"', 'citation.inconsistent "Resolution 52 (Rev. Dubai, 2012)"']);
      const changed = fixed.split('\n').filter((line, i) => line !== text.split('\n')[i]);
      assert.equal(changed.length, 1);
      const chosen = chooseEach(text);
      assert.match(chosen, /^ {4}- Resolution 52 \(Rev\. Hammamet, 2016\), on countering and combating spam;$/m);
      assert.deepEqual(summary(chosen), []);
    });

    it('in the DT the fix stays inside the inserted text', () => {
      const text = readSeed(SEED_DT);
      const { fixed } = fixOf(text, 'citation.rev-missing');
      assert.match(fixed, /and 58 \(\{--Johannesburg, 2008--\}\{\+\+Rev\. Dubai, 2012\+\+\}\); Resolutions 45/);
    });
  });

  describe('fixes', () => {
    it('in a MOD proposal, a fix on plain text is written as revision marks', () => {
      const text = `MOD TEST/1/1\n\n${citingText('Resolution 80 (Buenos Aires, 2017),')}`;
      const { fixed } = fixOf(text, 'citation.rev-missing');
      assert.match(fixed, /^Resolution 80 \(\{\+\+Rev\. \+\+\}Buenos Aires, 2017\),$/m);
    });

    it('a shared revision: updated once when every number moves, split when only one does', () => {
      assert.match(chooseEach(citingText('Resolutions 50 and 52 (Rev. Dubai, 2012),')), /^Resolutions 50 and 52 \(Rev\. Hammamet, 2016\),$/m);
      // 58 is still in force in its Dubai 2012 revision; 52 is not.
      assert.match(chooseEach(citingText('Resolutions 58 and 52 (Rev. Dubai, 2012),')), /^Resolutions 58 \(Rev\. Dubai, 2012\) and 52 \(Rev\. Hammamet, 2016\),$/m);
      assert.match(chooseEach(citingText('Resolutions 52 and 58 (Rev. Dubai, 2012),')), /^Resolutions 52 \(Rev\. Hammamet, 2016\) and 58 \(Rev\. Dubai, 2012\),$/m);
      // Fix-all leaves the revisions as written.
      const text = citingText('Resolutions 50 and 52 (Rev. Dubai, 2012),');
      assert.equal(fixAll(text), text);
    });

    it('a citation both out of date and missing Rev. gets one edit that settles both', () => {
      const text = citingText('Resolution 52 (Dubai, 2012),');
      assert.deepEqual(summary(text), ['citation.superseded "Resolution 52 (Dubai, 2012)"', 'citation.rev-missing "Dubai, 2012"']);
      assert.match(chooseEach(text), /^Resolution 52 \(Rev\. Hammamet, 2016\),$/m);
      // Fix-all writes the missing `Rev.` and nothing else.
      assert.match(fixAll(text), /^Resolution 52 \(Rev\. Dubai, 2012\),$/m);
    });
  });

  describe('hard cases', () => {
    /** Fix-all, then fix-all again on its result: the second pass must change nothing. */
    function settled(text: string): string {
      const once = fixAll(text);
      assert.equal(fixAll(once), once, 'fix-all is idempotent');
      return once;
    }

    it('a body phrase shared by numbers of two bodies: the wrong number gets its own body, the others are untouched', () => {
      const text = citingText('Resolutions 45 (Rev. Dubai, 2014) and 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference,', { date: '2018-10-01' });
      const { diagnostic, fixed } = fixOf(text, 'citation.body-mismatch');
      assert.equal(text.slice(diagnostic.start, diagnostic.end), 'the Plenipotentiary Conference');
      assert.match(diagnostic.message, /^For Resolution 45, Dubai, 2014 identifies WTDC-14, not the Plenipotentiary Conference/);
      const expected = /^Resolutions 45 \(Rev\. Dubai, 2014\) of the World Telecommunication Development Conference \(WTDC\) and 140 \(Rev\. Dubai, 2018\) of the Plenipotentiary Conference,$/m;
      assert.match(fixed, expected);
      assert.deepEqual(summary(fixed), []);
      assert.equal(settled(text), text, 'a body is never corrected by fix-all');
    });

    it('a body phrase shared by numbers all at fault is corrected once', () => {
      const text = citingText('Resolutions 45 and 69 (Rev. Dubai, 2014) of the Plenipotentiary Conference,', { date: '2014-11-02', place: 'Busan', year: 2014 });
      assert.deepEqual(summary(text), ['citation.body-mismatch "the Plenipotentiary Conference"']);
      assert.match(chooseEach(text), /^Resolutions 45 and 69 \(Rev\. Dubai, 2014\) of the World Telecommunication Development Conference \(WTDC\),$/m);
      assert.equal(settled(text), text);
    });

    it('a compilation: each resolution is consistent with itself, at its own date', () => {
      const resolution = (number: number, place: string, year: number, cited: string) => `# RESOLUTION ${number} (${place.toUpperCase()}, ${year})

## R${number}

The Plenipotentiary Conference of the International Telecommunication Union (${place}, ${year}),

*recalling*

${cited}

*resolves*

to continue.
`;
      const text = `${resolution(901, 'Busan', 2014, 'Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference,')}\n${resolution(902, 'Dubai', 2018, 'Resolution 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference,')}`;
      assert.deepEqual(summary(text), []);
      assert.equal(settled(text), text);
      // Within one resolution of the compilation the check still applies.
      const inconsistent = `${resolution(901, 'Busan', 2014, 'a) Resolution 45 (Rev. Dubai, 2014) of WTDC;\nb) Resolution 45 (Rev. Dubai, 2014) of WTDC;\nc) Resolution 45 (Rev. Hyderabad, 2010) of WTDC,')}\n${resolution(902, 'Dubai', 2018, 'Resolution 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference,')}`;
      const service = serviceWith({ [URI]: inconsistent });
      const found = citationDiagnostics(service).filter((d) => d.code === 'citation.inconsistent');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /2 times elsewhere in this resolution as \(Rev\. Dubai, 2014\)/);
    });

    it('WCIT, which met at Dubai in 2012 as WTSA did, is a body the place and year identify', () => {
      const text = citingText('Resolution 5 (Dubai, 2012) of the World Conference on International Telecommunications (WCIT),', { date: '2018-10-01' });
      assert.ok(!summary(text).some((line) => line.startsWith('citation.body-mismatch')));
      assert.match(settled(text), /^Resolution 5 \(Dubai, 2012\) of the World Conference on International Telecommunications \(WCIT\),$/m);
      // Naming the Plenipotentiary Conference there is wrong, but which of the two was meant is a guess: a quick fix, not fix-all.
      const wrong = citingText('Resolution 64 (Rev. Dubai, 2012) of the Plenipotentiary Conference,', { date: '2014-11-02', place: 'Busan', year: 2014 });
      const { diagnostic, actions } = fixOf(wrong, 'citation.body-mismatch');
      assert.match(diagnostic.message, /Dubai, 2012 identifies WTSA-12 and WCIT-12/);
      assert.equal(actions[0].title, 'Correct the body: of the World Telecommunication Standardization Assembly (WTSA) (a guess between bodies)');
      assert.equal(fixAll(wrong), wrong);
    });

    it('an undated text: no date-dependent verdict and no fix that depends on a date', () => {
      const text = 'a) Resolution 50 (Rev. Dubai, 2012) of WTSA;\nb) Resolutions 50 and 52 (Hammamet, 2016),\n';
      assert.deepEqual(summary(text), [
        'citation.inconsistent "Resolution 50 (Rev. Dubai, 2012)"',
        'citation.rev-missing "Hammamet, 2016"',
      ]);
      // Only the missing Rev. is settled; which revision a) means cannot be told without a date.
      assert.equal(fixAll(text), 'a) Resolution 50 (Rev. Dubai, 2012) of WTSA;\nb) Resolutions 50 and 52 (Rev. Hammamet, 2016),\n');
      const { actions } = fixOf(text, 'citation.inconsistent');
      assert.equal(actions[0].isPreferred, false);
      assert.deepEqual(summary('a) Resolution 45 (Rev. Hyderabad, 2010) of WTDC;\n'), []);
    });

    it('the title\'s year dates a text whose authority line shows none', () => {
      const text = '# RESOLUTION 999 (DUBAI, 2018)\n\n## T\n\nThe Plenipotentiary Conference of the International Telecommunication Union,\n\n*recalling*\n\nResolution 50 (Rev. Dubai, 2012),\n\n*resolves*\n\nto continue.\n';
      assert.deepEqual(summary(text), ['citation.superseded "Resolution 50 (Rev. Dubai, 2012)"']);
    });

    it('numbers sharing a revision or a body phrase: one diagnostic per shared range, one action per change', () => {
      const text = citingText('Resolutions 50 and 52 (Hammamet, 2016),');
      const service = serviceWith({ [URI]: text });
      const diagnostics = citationDiagnostics(service);
      assert.deepEqual(diagnostics.map((d) => `${d.code} ${text.slice(d.start, d.end)}`), ['citation.rev-missing Hammamet, 2016']);
      assert.match(diagnostics[0].message, /^\(Hammamet, 2016\) has no `Rev\.`, but Resolutions 50 and 52 of WTSA were adopted before; a revision is cited with `Rev\.`/);
      assert.deepEqual(quickFixes(service, diagnostics[0]).map((a) => a.title), ['Cite Resolutions 50 and 52 (Rev. Hammamet, 2016)']);
      // However long the list, each number is named once.
      const long = citingText(`Resolutions ${'50, '.repeat(3000)}52 (Hammamet, 2016),`);
      const [shared] = citationDiagnostics(serviceWith({ [URI]: long }));
      assert.match(shared.message, /^\(Hammamet, 2016\) has no `Rev\.`, but Resolutions 50 and 52 of WTSA were adopted before/);
      // Superseded and inconsistent on one citation, one change: one action answering both.
      const twice = citingText('a) Resolution 140 (Rev. Busan, 2014);\nb) Resolution 140 (Rev. Dubai, 2018),');
      const both = serviceWith({ [URI]: twice });
      const document = both.document(URI);
      assert.ok(document);
      const at = document.lines.positionAt(twice.indexOf('Resolution 140 (Rev. Busan'));
      const actions = both.codeActions(URI, at, at, ['quickfix']);
      assert.deepEqual(actions.map((a) => a.title), ['Cite Resolution 140 (Rev. Dubai, 2018)']);
      assert.deepEqual(actions[0].diagnostics?.map((d) => d.code), ['citation.superseded', 'citation.inconsistent']);
    });

    it('a General Assembly or Council resolution is not taken for one of the conference; no did-you-mean for a body not named', () => {
      const text = citingText('a) General Assembly Resolution 70/125, on the outcome;\nb) the Council, in its Resolution 1305, identified the issues,');
      assert.deepEqual(summary(text), []);
      // A bare four-digit number is never the Plenipotentiary Conference's: no unknown, no guess.
      assert.deepEqual(summary(citingText('a) Resolution 1305 identified the issues,')), []);
      // A bare number the citing text's body may have: unknown, but no did-you-mean.
      const bare = citingText('a) Resolution 141 identified the issues,');
      const service = serviceWith({ [URI]: bare });
      const [unknown] = citationDiagnostics(service);
      assert.equal(unknown.code, 'citation.unknown');
      assert.doesNotMatch(unknown.message, /Did you mean/);
      assert.deepEqual(quickFixes(service, unknown), []);
    });

    it('clause labels on the next lines are not cited numbers', () => {
      const text = '# RESOLUTION 999 (DUBAI, 2018)\n\n## T\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\n1 to apply the Resolution;\n2 to report under Resolutions 140 and\n3 to do.\n';
      assert.deepEqual(summary(text), []);
    });

    it('a revision shared by numbers of which some are out of date: one safe fix splits it', () => {
      const text = citingText('Resolutions 50, 58 and 52 (Rev. Dubai, 2012),', { date: '2018-10-01' });
      const service = serviceWith({ [URI]: text });
      const superseded = citationDiagnostics(service).filter((d) => d.code === 'citation.superseded');
      assert.equal(superseded.length, 2);
      const [first, second] = superseded.map((d) => quickFixes(service, d));
      assert.equal(first[0].title, 'Cite Resolutions 50 and 52 (Rev. Hammamet, 2016)');
      assert.deepEqual(first[0].edit, second[0].edit);
      const expected = /^Resolutions 50 \(Rev\. Hammamet, 2016\), 58 \(Rev\. Dubai, 2012\) and 52 \(Rev\. Hammamet, 2016\),$/m;
      assert.match(apply(text, first[0]), expected);
      assert.match(chooseEach(text), expected);
      assert.deepEqual(summary(chooseEach(text)), []);
      assert.equal(settled(text), text);
      // A long list: one fix, a few edits, whatever its length.
      const long = citingText(`Resolutions ${'58, '.repeat(3000)}50 and 58 (Rev. Dubai, 2012),`, { date: '2018-10-01' });
      const longService = serviceWith({ [URI]: long });
      const [diagnostic] = citationDiagnostics(longService).filter((d) => d.code === 'citation.superseded');
      assert.equal(quickFixes(longService, diagnostic)[0].edit?.changes?.[URI].length, 2);
    });

    it('tracked fixes change whole places and years, not parts of words', () => {
      const text = `MOD TEST/1/1\n\n${citingText('Resolution 45 (Rev. {--Doha, 2006--}{++Hyderabad, 2010++}) of WTDC;\nResolution 45 (Rev. Dubai, {--2012--}{++2013++}) of WTDC,', { date: '2014-11-02', place: 'Busan', year: 2014 })}`;
      const fixed = chooseEach(text);
      assert.match(fixed, /^Resolution 45 \(Rev\. \{--Doha, 2006--\}\{\+\+Dubai, 2014\+\+\}\) of WTDC;$/m);
      assert.match(fixed, /^Resolution 45 \(Rev\. Dubai, \{--2012--\}\{\+\+2014\+\+\}\) of WTDC,$/m);
    });

    it('reports every one of many unknown citations against a large catalogue (its speed is measured by npm run bench)', () => {
      const generated = generateCatalogue(10_000);
      const service = serviceWith({}, [{ uri: 'file:///generated/catalogue.json', data: generated, text: serializeCatalogue(generated) }]);
      const lines: string[] = [];
      for (let i = 0; i < 6000; i++) lines.push(`Resolution ${4000 + i} (Rev. Dubai, 2014) of WTDC`);
      const check = citationCheck(service.knowledge);
      const document = parseDocument(citingText(`${lines.join(';\n')},`, { date: '2018-01-01' }));
      assert.equal(check(document, { settings: DEFAULT_SETTINGS }).length, 6000);
    });
  });

  describe('settings and set-up', () => {
    it('severity overrides and reso-ignore apply to citation codes', () => {
      const text = citingText('Resolution 50 (Rev. Dubai, 2012),');
      const service = serviceWith({ [URI]: text });
      service.settings = readSettings({ diagnostics: { severity: { 'citation.superseded': 'information' } } }).settings;
      assert.equal(citationDiagnostics(service)[0].severity, 'information');
      service.settings = readSettings({ diagnostics: { severity: { citation: 'off' } } }).settings;
      assert.deepEqual(citationDiagnostics(service), []);
      assert.deepEqual(summary(citingText('<!-- reso-ignore-file citation.superseded -->\nResolution 50 (Rev. Dubai, 2012),')), []);
    });

    it('a workspace definition counts as known', () => {
      const text = citingText('Resolution 777 (Rev. Dubai, 2018) of this conference,');
      const service = serviceWith({ [URI]: text });
      assert.equal(citationDiagnostics(service)[0]?.code, 'citation.unknown');
      service.setWorkspaceFile('file:///ws/res777.reso', '# RESOLUTION 777 (REV. DUBAI, 2018)\n\n## Tests\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto test.\n');
      assert.deepEqual(citationDiagnostics(service), []);
    });

    it('a service without any catalogue has nothing to judge citations against', () => {
      const service = new LanguageService();
      service.setDocument(URI, readSeed(SEED_2018));
      assert.deepEqual(citationDiagnostics(service), []);
    });

    it('reso check runs the citation checks with the shipped catalogue', () => {
      let out = '';
      let err = '';
      const code = main(['check', '--format', 'json', join(ROOT, 'seeds')], { out: (t) => (out += t), err: (t) => (err += t) });
      assert.equal(code, 0, err);
      const found = (JSON.parse(out) as Array<{ file: string; range: { start: { line: number; character: number } }; severity: string; code: string; message: string }>)
        .map((d) => `${d.file.replace(/^.*\//, '')}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
      assert.ok(found.some((line) => /^res130-dubai-2018\.reso:126:7 warning citation\.superseded Resolution 52 \(Rev\. Dubai, 2012\)/.test(line)), found.join('\n'));
      assert.ok(found.some((line) => /^res130-busan-2014-dt67\.reso:100:142 warning citation\.rev-missing \(Dubai, 2012\) has no `Rev\.`, but Resolution 58 of WTSA/.test(line)), found.join('\n'));
    });
  });
});
