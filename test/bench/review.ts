// Bench of the reviewer's view: the 1 MB document rendered to HTML (preview and `reso export`),
// and the decoration ranges of its revision marks; each at n and 4n to show the growth.

import { revisionRanges } from '../../server/src/features/revisionMarks';
import { renderDocument } from '../../server/src/interchange/html';
import { parseDocument } from '../../server/src/syntax';
import { generateDocument } from './generate';

interface Timing {
  medianMs: number;
  runs: number;
}

function median(run: () => unknown, runs: number): Timing {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(times.length / 2)] * 1000) / 1000, runs };
}

const RENDER_BUDGET_MS = 100;
const RANGES_BUDGET_MS = 10;

export function reviewBench(runs: number): { results: Record<string, unknown>; failures: string[] } {
  const large = parseDocument(generateDocument(1_000_000).text);
  const small = parseDocument(generateDocument(250_000).text);
  // The line index is built once per parse and shared by every feature: warm it as the server has.
  void large.lines.lineCount;
  void small.lines.lineCount;
  const failures: string[] = [];
  const render: Record<string, unknown> = {};
  for (const mode of ['tracked', 'amended', 'original'] as const) {
    if (mode === 'original') {
      // Built on first use and kept, as in the server; the render is what is measured.
      large.originalRoot();
      small.originalRoot();
    }
    const at1MB = median(() => renderDocument(large, mode), runs);
    const at250kB = median(() => renderDocument(small, mode), runs);
    render[mode] = { ...at1MB, at250kBMs: at250kB.medianMs, growth4x: Math.round((at1MB.medianMs / at250kB.medianMs) * 100) / 100, htmlBytes: renderDocument(large, mode).body.length, budget: { medianMs: RENDER_BUDGET_MS } };
    if (at1MB.medianMs > RENDER_BUDGET_MS) failures.push(`HTML render (${mode}) ${at1MB.medianMs} ms > ${RENDER_BUDGET_MS} ms`);
  }
  const ranges = median(() => revisionRanges(large), runs);
  const rangesSmall = median(() => revisionRanges(small), runs);
  if (ranges.medianMs > RANGES_BUDGET_MS) failures.push(`decoration ranges ${ranges.medianMs} ms > ${RANGES_BUDGET_MS} ms`);
  if (large.revisions.length < 1000) failures.push(`the bench document has ${large.revisions.length} revision marks; it should have thousands`);
  return {
    results: {
      htmlRender: render,
      decorationRanges: { ...ranges, marks: large.revisions.length, at250kBMs: rangesSmall.medianMs, growth4x: Math.round((ranges.medianMs / rangesSmall.medianMs) * 100) / 100, budget: { medianMs: RANGES_BUDGET_MS } },
    },
    failures,
  };
}
