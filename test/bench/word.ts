// Word export and import: the generated 1 MB document each way under 1 s, one seed's export
// under 50 ms, and growth from n to 4n (250 kB → 1 MB), which should stay near 4.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocx } from '../../server/src/interchange/docx/structure';
import { exportDocx } from '../../server/src/interchange/docx/writer';
import { printDocument } from '../../server/src/interchange/printer';
import { parseDocument, type ParsedDocument } from '../../server/src/syntax';
import { generateDocument } from './generate';

interface Measure {
  medianMs: number;
  /** Processor time of the median run: what the task costs when the machine is shared. */
  cpuMs: number;
  runs: number;
}

async function measure(run: () => Promise<unknown> | unknown, runs: number, warmups = 2): Promise<Measure> {
  for (let i = 0; i < warmups; i++) await run();
  const samples: Array<[wall: number, cpu: number]> = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await run();
    const used = process.cpuUsage(cpu);
    samples.push([Number(process.hrtime.bigint() - start) / 1e6, (used.user + used.system) / 1000]);
  }
  samples.sort((a, b) => a[0] - b[0]);
  const [wall, cpu] = samples[Math.floor(samples.length / 2)];
  return { medianMs: Math.round(wall * 10) / 10, cpuMs: Math.round(cpu * 10) / 10, runs };
}

const exportBytes = async (document: ParsedDocument): Promise<Uint8Array> => (await exportDocx(document)).bytes;
const importText = (bytes: Uint8Array): string => printDocument(importDocx(bytes).model);

export async function wordBench(runs: number): Promise<{ results: Record<string, unknown>; failures: string[] }> {
  const large = parseDocument(generateDocument(1_000_000).text);
  const quarter = parseDocument(generateDocument(250_000).text);
  const seed = parseDocument(readFileSync(join(__dirname, '..', '..', 'seeds', 'res130-busan-2014-dt67.reso'), 'utf8'));
  // Fewer runs for the large document: each takes a good fraction of a second.
  const largeRuns = Math.max(3, Math.min(runs, 7));
  const exportLarge = await measure(() => exportBytes(large), largeRuns);
  const exportQuarter = await measure(() => exportBytes(quarter), largeRuns);
  const largeDocx = await exportBytes(large);
  const quarterDocx = await exportBytes(quarter);
  const importLarge = await measure(() => importText(largeDocx), largeRuns);
  const importQuarter = await measure(() => importText(quarterDocx), largeRuns);
  const exportSeed = await measure(() => exportBytes(seed), runs, 5);
  const results = {
    exportLarge: { ...exportLarge, sourceBytes: large.text.length, docxBytes: largeDocx.length, growthFrom250k: Math.round((exportLarge.medianMs / exportQuarter.medianMs) * 100) / 100, budget: { medianMs: 1000 } },
    importLarge: { ...importLarge, growthFrom250k: Math.round((importLarge.medianMs / importQuarter.medianMs) * 100) / 100, budget: { medianMs: 1000 } },
    exportSeed: { ...exportSeed, seed: 'res130-busan-2014-dt67.reso', budget: { medianMs: 50 } },
  };
  const failures: string[] = [];
  if (exportLarge.medianMs > 1000) failures.push(`Word export of 1 MB ${exportLarge.medianMs} ms > 1000 ms`);
  if (importLarge.medianMs > 1000) failures.push(`Word import of 1 MB ${importLarge.medianMs} ms > 1000 ms`);
  if (exportSeed.medianMs > 50) failures.push(`Word export of the DT seed ${exportSeed.medianMs} ms > 50 ms`);
  return { results, failures };
}

if (require.main === module) {
  void wordBench(Number(process.env.BENCH_RUNS ?? 21)).then(({ results, failures }) => {
    process.stdout.write(JSON.stringify({ word: results, withinBudget: failures.length === 0, failures }, null, 2) + '\n');
    if (failures.length > 0) process.exitCode = 1;
  });
}
