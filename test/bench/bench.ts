// `npm run bench`: speed budgets, printed as JSON. Medians over repeated runs, measured
// in one process so the figures are comparable with the baseline of the same run.

import { parseDocument } from '../../server/src/syntax';
import { generateDocument } from './generate';

interface Measure {
  medianMs: number;
  runs: number;
}

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]);
}

/** Runs two tasks alternately, so that a busy machine slows both alike and their ratio stays fair. */
function measurePair(first: () => unknown, second: () => unknown, runs: number): [Measure, Measure] {
  for (let i = 0; i < 3; i++) {
    first();
    second();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(time(first));
    b.push(time(second));
  }
  return [{ medianMs: median(a), runs }, { medianMs: median(b), runs }];
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

const results = {
  document: { bytes, resolutions: document.resolutions, clauses: document.clauses, revisionMarks: document.marks },
  parse: {
    ...parse,
    bytesPerSecond: Math.round(bytes / (parse.medianMs / 1000)),
    baselineMs: base.medianMs,
    ratioToBaseline: round(parse.medianMs / base.medianMs),
    budget: { medianMs: 50, ratioToBaseline: 4 },
  },
};
const failures: string[] = [];
if (results.parse.medianMs > 50) failures.push(`parse ${results.parse.medianMs} ms > 50 ms`);
if (results.parse.ratioToBaseline > 4) failures.push(`parse/baseline ${results.parse.ratioToBaseline} > 4`);
process.stdout.write(JSON.stringify({ ...results, withinBudget: failures.length === 0, failures }, null, 2) + '\n');
