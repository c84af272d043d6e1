// Akoma Ntoso speed: export of the 1 MB generated document (budget 500 ms), and import of the
// AKN that export makes, gathered into one file, the `.reso` files printed: its first 1.5 MB
// (budget 1 s) and the whole of it (2.5 MB); all also at four times the size, to show growth.

import { readAkn } from '../../server/src/interchange/akn/reader';
import { AKN_NAMESPACE, exportAkn } from '../../server/src/interchange/akn/writer';
import { printDocument } from '../../server/src/interchange/printer';
import { parseDocument } from '../../server/src/syntax';
import { generateDocument } from './generate';
import { median } from './measure';

interface Timing {
  medianMs: number;
  runs: number;
}

function timed(run: () => unknown, runs: number): Timing {
  run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { medianMs: median(times), runs };
}

/** The statements of an export in one file, as a collection (the way a conference's texts travel); at most `maxBytes` of them. */
export function aknCollection(text: string, maxBytes = Infinity): string {
  const documents = exportAkn(parseDocument(text), { today: '2026-01-01' });
  const statements: string[] = [];
  let size = 0;
  for (const [index, document] of documents.entries()) {
    const body = document.xml.slice(document.xml.indexOf('<statement'), document.xml.lastIndexOf('</akomaNtoso>'));
    if (statements.length > 0 && size + body.length > maxBytes) break;
    statements.push(`<component eId="cmp_${index + 1}">${body}</component>`);
    size += body.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="${AKN_NAMESPACE}"><documentCollection name="bench"><collectionBody>\n${statements.join('\n')}\n</collectionBody></documentCollection></akomaNtoso>\n`;
}

function importing(xml: string): () => void {
  return () => {
    const result = readAkn(xml);
    for (const statement of result.statements) printDocument(statement.document);
  };
}

export function interchangeBench(runs: number): { results: Record<string, unknown>; failures: string[] } {
  const failures: string[] = [];
  const results: Record<string, unknown> = {};
  for (const [label, size] of [['1MB', 1_000_000], ['4MB', 4_000_000]] as const) {
    const few = label === '1MB' ? runs : Math.max(3, Math.floor(runs / 4));
    const source = generateDocument(size).text;
    const parsed = parseDocument(source);
    const exported = timed(() => exportAkn(parsed), few);
    // The whole export in one file (2.5 MB for the 1 MB document), and its first 1.5 MB, which the budget is for.
    const whole = aknCollection(source);
    const part = aknCollection(source, label === '1MB' ? 1_500_000 : 6_000_000);
    const importedWhole = timed(importing(whole), few);
    const importedPart = timed(importing(part), few);
    const statements = readAkn(whole).statements.length;
    results[label] = {
      sourceBytes: Buffer.byteLength(source),
      resolutions: parsed.root.resolutions.length,
      export: { ...exported, aknBytes: Buffer.byteLength(whole), budget: label === '1MB' ? { medianMs: 500 } : undefined },
      import: { ...importedPart, aknBytes: Buffer.byteLength(part), statements: readAkn(part).statements.length, budget: label === '1MB' ? { medianMs: 1000 } : undefined },
      importWholeExport: { ...importedWhole, aknBytes: Buffer.byteLength(whole), statements },
    };
    if (label === '1MB') {
      if (exported.medianMs > 500) failures.push(`AKN export of the 1 MB document ${exported.medianMs} ms > 500 ms`);
      if (importedPart.medianMs > 1000) failures.push(`AKN import of ${Buffer.byteLength(part)} bytes ${importedPart.medianMs} ms > 1000 ms`);
      if (statements !== parsed.root.resolutions.length) failures.push(`AKN import found ${statements} statements of ${parsed.root.resolutions.length}`);
    }
  }
  return { results, failures };
}

if (require.main === module) process.stdout.write(JSON.stringify(interchangeBench(Number(process.env.BENCH_RUNS ?? 7)), null, 2) + '\n');
