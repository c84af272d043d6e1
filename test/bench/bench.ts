// `npm run bench`: speed budgets, printed as JSON. Medians over repeated runs, measured
// in one process so the figures are comparable with the baseline of the same run.

import { fixesFor } from '../../server/src/analysis/fixProviders';
import { labelChecks, STRUCTURE_CHECKS } from '../../server/src/analysis/structure';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/pipeline';
import { parseDocument, type SyntaxDiagnostic } from '../../server/src/syntax';
import { citationBench } from './citations';
import { draftingBench } from './drafting';
import { generateDocument, generateLongItalicLine, generateLongSection } from './generate';
import { interchangeBench } from './interchange';
import { fixWriteBench, largeDocumentBench, runawayBench } from './runaway';
import { reviewBench } from './review';
import { wordBench } from './word';
import { median, wallTime as time } from './measure';

interface Measure {
  medianMs: number;
  runs: number;
}


function measure(run: () => unknown, runs: number): Measure {
  for (let i = 0; i < 3; i++) run(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(time(run));
  return { medianMs: median(times), runs };
}

/**
 * Runs two tasks alternately, so that a busy machine slows both alike and their ratio stays fair.
 * Each sample is the mean of a few runs in a row: a millisecond-long task is otherwise at the
 * mercy of one timer tick or one collection.
 */
function measurePair(first: () => unknown, second: () => unknown, runs: number, batch = 3): [Measure, Measure] {
  for (let i = 0; i < 5; i++) {
    first();
    second();
  }
  const batched = (run: () => unknown) => () => {
    for (let i = 0; i < batch; i++) run();
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(time(batched(first)) / batch);
    b.push(time(batched(second)) / batch);
  }
  return [{ medianMs: median(a), runs: runs * batch }, { medianMs: median(b), runs: runs * batch }];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The least a parser must do: split into lines and test one regular expression per line. */
function baseline(text: string): number {
  const label = /^(?:[a-z]{1,3}\)|\d+(?:\.\d+)*)\s/;
  let count = 0;
  for (const line of text.split(/\r?\n/)) if (label.test(line)) count++;
  return count;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const document = generateDocument(1_000_000);
const bytes = Buffer.byteLength(document.text, 'utf8');
const [base, parse] = measurePair(() => baseline(document.text), () => parseDocument(document.text), RUNS);

// Structure checks on the parsed 1 MB document (the parse itself is measured above).
const parsed = parseDocument(document.text);
const context = { settings: DEFAULT_SETTINGS };
const structure = measure(() => STRUCTURE_CHECKS.flatMap((check) => check(parsed, context)), RUNS);

// The renumber fix on a 500-clause section where a clause was inserted near the top.
const longSection = parseDocument(generateLongSection(500, 10));
const sequence = labelChecks(longSection, context).find((d) => d.code === 'label.sequence') as SyntaxDiagnostic;
const renumber = measure(() => fixesFor(longSection, sequence, { trackChanges: 'auto' }), RUNS);
const renumberEdits = fixesFor(longSection, sequence, { trackChanges: 'auto' })[0]?.edits.length ?? 0;

// A 1 MB italic line read as a heading: parse and structure checks, no edit distance on it.
const italicText = generateLongItalicLine(1_000_000);
const longItalic = measure(() => {
  const italic = parseDocument(italicText);
  return STRUCTURE_CHECKS.flatMap((check) => check(italic, context));
}, RUNS);

const results = {
  document: { bytes, resolutions: document.resolutions, clauses: document.clauses, revisionMarks: document.marks },
  parse: {
    ...parse,
    bytesPerSecond: Math.round(bytes / (parse.medianMs / 1000)),
    baselineMs: base.medianMs,
    ratioToBaseline: round(parse.medianMs / base.medianMs),
    budget: { medianMs: 50, ratioToBaseline: 4 },
  },
  structureChecks: { ...structure, diagnostics: STRUCTURE_CHECKS.flatMap((check) => check(parsed, context)).length, budget: { medianMs: 50 } },
  renumberFix: { ...renumber, sectionClauses: 501, edits: renumberEdits, budget: { medianMs: 20 } },
  longItalicLine: { ...longItalic, bytes: italicText.length, budget: { medianMs: 50 } },
};
const failures: string[] = [];
if (results.parse.medianMs > 50) failures.push(`parse ${results.parse.medianMs} ms > 50 ms`);
if (results.parse.ratioToBaseline > 4) failures.push(`parse/baseline ${results.parse.ratioToBaseline} > 4`);
if (structure.medianMs > 50) failures.push(`structure checks ${structure.medianMs} ms > 50 ms`);
if (renumber.medianMs > 20) failures.push(`renumber fix ${renumber.medianMs} ms > 20 ms`);
if (longItalic.medianMs > 50) failures.push(`1 MB italic line ${longItalic.medianMs} ms > 50 ms`);
if (renumberEdits < 400) failures.push(`renumber fix made ${renumberEdits} edits; the bench section is not what it should be`);
// Akoma Ntoso export and import of the generated document.
const akn = interchangeBench(Math.max(5, Math.floor(RUNS / 3)));
failures.push(...akn.failures);
const drafting = draftingBench(RUNS);
failures.push(...drafting.failures);
// The reviewer's view: HTML rendering and decoration ranges of the 1 MB document.
const review = reviewBench(RUNS);
failures.push(...review.failures);
// Citations: a 10,000-resolution catalogue, a 1,000-file workspace and a real server process.
// No runaway: fix-all and quick fixes at n and 4n problems, large documents, `reso fix --write` at n and 4n megabytes.
const problems = runawayBench();
void largeDocumentBench().then(async (largeDocuments) => {
  const runaway = { problems, largeDocuments, fixWrite: fixWriteBench() };
  for (const part of Object.values(runaway)) failures.push(...part.failures);
  const citations = await citationBench(RUNS);
  failures.push(...citations.failures);
  const word = await wordBench(RUNS);
  failures.push(...word.failures);
  const noRunaway = Object.fromEntries(Object.entries(runaway).map(([name, part]) => [name, part.results]));
  process.stdout.write(JSON.stringify({ ...results, akn: akn.results, drafting: drafting.results, ...review.results, citations: citations.results, word: word.results, noRunaway, withinBudget: failures.length === 0, failures }, null, 2) + '\n');
  // A missed budget fails the run, as a failed test does.
  if (failures.length > 0) process.exitCode = 1;
});
