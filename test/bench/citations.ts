// Citation budgets for `npm run bench`: a catalogue of 10,000 resolutions and a workspace of
// 1,000 generated `.reso` files (about 30 MB) in a temporary folder. Indexing goes through the
// server's own `indexFolders`; the peak memory is read from a real server process.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { serializeCatalogue } from '../../server/src/analysis/catalogueBuilder';
import type { CatalogueFile, CatalogueResolution } from '../../server/src/analysis/catalogue';
import { citationCheck } from '../../server/src/analysis/citationChecks';
import { documentCitations } from '../../server/src/analysis/citations';
import { CONFERENCES, type Body } from '../../server/src/analysis/conferences';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/pipeline';
import { LanguageService } from '../../server/src/features/service';
import { loadCatalogue } from '../../server/src/host/catalogueFiles';
import { indexFolders } from '../../server/src/lsp/workspace';
import { parseDocument } from '../../server/src/syntax';
import { ProtocolClient } from '../protocol/client';
import { generateDocument } from './generate';
import { collectOnce, median, wallTime as time } from './measure';

export interface CitationBench {
  results: Record<string, unknown>;
  failures: string[];
}

const CATALOGUE_RESOLUTIONS = 10_000;
const WORKSPACE_FILES = 1_000;
const FILE_BYTES = 25_500;

/** 10,000 resolutions over PP, WTDC and WTSA, one to three revisions each, with subjects and citing places. */
export function generateCatalogue(count: number): CatalogueFile {
  const bodies: Body[] = ['PP', 'WTDC', 'WTSA'];
  const resolutions: CatalogueResolution[] = [];
  for (let i = 0; i < count; i++) {
    const body = bodies[i % bodies.length];
    const number = String(Math.floor(i / bodies.length) + 1);
    const conferences = CONFERENCES.filter((c) => c.body === body);
    const spread = Math.floor(i / bodies.length) % 3;
    const revisions = conferences.slice(spread, spread * 2 + 1).map((c, index) => ({ conference: c.id, first: index === 0 && spread === 0 }));
    resolutions.push({
      id: `${body} ${number}`,
      body,
      number,
      kind: 'resolution',
      subject: `the subject of ${body} resolution ${number}, on confidence and security in the use of ICTs`,
      revisions,
      citedIn: [{ file: `cited-${i % 97}.reso`, range: { start: { line: i % 500, character: 3 }, end: { line: i % 500, character: 40 } }, revision: revisions[0].conference }],
    });
  }
  return { format: 1, description: 'Generated for the bench', conferences: [...CONFERENCES], resolutions };
}

/** About 30 MB in 1,000 files, each with its own resolution numbers. */
function generateWorkspace(folder: string): { files: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const sub = join(folder, `group-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const text = generateDocument(FILE_BYTES, i + 11, 20_000 + i * 20).text;
    writeFileSync(join(sub, `file-${i}.reso`), text);
    bytes += Buffer.byteLength(text);
  }
  return { files: WORKSPACE_FILES, bytes };
}

export async function citationBench(runs: number): Promise<CitationBench> {
  const failures: string[] = [];
  const root = mkdtempSync(join(tmpdir(), 'reso-bench-'));
  try {
    const cataloguePath = join(root, 'catalogue.json');
    writeFileSync(cataloguePath, serializeCatalogue(generateCatalogue(CATALOGUE_RESOLUTIONS)));
    const workspace = join(root, 'workspace');
    const generated = generateWorkspace(workspace);
    const loaded = loadCatalogue(cataloguePath);
    if (!loaded.catalogue) throw new Error(`generated catalogue rejected: ${loaded.problem?.problem}`);
    const catalogue = loaded.catalogue;

    // Indexing, through the code the server uses, into a fresh service each time.
    const indexTimes: number[] = [];
    let service = new LanguageService();
    let indexed = { files: 0, bytes: 0, milliseconds: 0 };
    for (let i = 0; i < 3; i++) {
      service = new LanguageService();
      // As the server does: texts are read again when needed, the index stays in memory.
      service.workspaceReader = (uri) => readFileSync(fileURLToPath(uri), 'utf8');
      service.setCatalogues([catalogue]);
      indexTimes.push(time(() => (indexed = indexFolders(service, [workspace]))));
    }
    const indexMs = median(indexTimes);
    if (indexMs > 3000) failures.push(`indexing ${indexed.files} files ${indexMs} ms > 3000 ms`);

    // Validating every citation of the 1 MB document; each run on a fresh parse, which is not timed
    // (nor is collecting its garbage, which would otherwise fall into the timed check).
    const big = generateDocument(1_000_000);
    const check = citationCheck(service.knowledge);
    const context = { settings: DEFAULT_SETTINGS };
    const validateTimes: number[] = [];
    let diagnostics = 0;
    for (let i = 0; i < runs + 3; i++) {
      const document = parseDocument(big.text);
      collectOnce();
      const elapsed = time(() => (diagnostics = check(document, context).length));
      if (i >= 3) validateTimes.push(elapsed);
    }
    const citations = documentCitations(parseDocument(big.text), service.knowledge.conferences).citations.length;
    const validateMs = median(validateTimes);
    if (validateMs > 50) failures.push(`validating ${citations} citations ${validateMs} ms > 50 ms`);

    // Hover on citations of the 1 MB document, open in the service with the workspace indexed.
    const uri = 'file:///bench/big.reso';
    service.setDocument(uri, big.text);
    const parsed = service.document(uri);
    if (!parsed) throw new Error('the bench document did not open');
    const targets = documentCitations(parsed, service.knowledge.conferences).citations.filter((_c, i) => i % 97 === 0).map((c) => parsed.lines.positionAt(c.numberRange.start));
    const firstHoverMs = time(() => service.hover(uri, targets[0]));
    const hoverTimes: number[] = [];
    let answered = 0;
    for (let i = 0; i < Math.max(runs * 10, targets.length); i++) {
      const position = targets[i % targets.length];
      hoverTimes.push(time(() => {
        if (service.hover(uri, position)) answered++;
      }));
    }
    const hoverMs = median(hoverTimes);
    if (hoverMs > 2) failures.push(`hover ${hoverMs} ms > 2 ms`);
    if (answered < hoverTimes.length) failures.push(`hover answered ${answered} of ${hoverTimes.length} requests on citations`);

    // Hard cases kept linear: a document of unknown citations (each would look for near numbers
    // in the 10,000-resolution catalogue) and one very long line of other references.
    const unknown = Array.from({ length: 6000 }, (_v, i) => `Resolution ${4000 + i} (Rev. Dubai, 2014) of WTDC`);
    const unknownText = `---\ndate: 2018-01-01\n---\n\n# RESOLUTION 1 (DUBAI, 2018)\n\n*recalling*\n\n${unknown.join(';\n')},\n`;
    const unknownTimes: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const document = parseDocument(unknownText);
      collectOnce();
      const elapsed = time(() => check(document, context));
      if (i >= 3) unknownTimes.push(elapsed);
    }
    const unknownMs = median(unknownTimes);
    if (unknownMs > 50) failures.push(`validating 6,000 unknown citations ${unknownMs} ms > 50 ms`);
    // Each run on a fresh parse (not timed): the references of a document are kept with it.
    const longLineText = `a) ${'see WTDC-17 and Question 3/2, '.repeat(20_000)}`;
    const longLineMs = median(
      Array.from({ length: 5 }, () => {
        const longLine = parseDocument(longLineText);
        return time(() => documentCitations(longLine, service.knowledge.conferences).references.length);
      }),
    );
    if (longLineMs > 50) failures.push(`reading a 600 KB line of references ${longLineMs} ms > 50 ms`);

    const memory = await serverPeakMemory(workspace, cataloguePath, big.text);
    if (memory.peakRssMb > 300) failures.push(`server peak memory ${memory.peakRssMb} MB > 300 MB`);

    return {
      failures,
      results: {
        catalogue: { resolutions: CATALOGUE_RESOLUTIONS, bytes: Buffer.byteLength(readFileSync(cataloguePath)) },
        workspace: { files: generated.files, bytes: generated.bytes },
        index: { medianMs: indexMs, runs: indexTimes.length, files: indexed.files, budget: { medianMs: 3000 } },
        validate: { medianMs: validateMs, runs, citations, diagnostics, budget: { medianMs: 50 } },
        validateUnknown: { medianMs: unknownMs, runs, citations: unknown.length, budget: { medianMs: 50 } },
        longLineOfReferences: { medianMs: longLineMs, runs: 5, references: 40_000, budget: { medianMs: 50 } },
        hover: { medianMs: hoverMs, runs: hoverTimes.length, firstAfterOpenMs: Math.round(firstHoverMs * 1000) / 1000, budget: { medianMs: 2 } },
        serverMemory: { ...memory, budget: { peakRssMb: 300 } },
      },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Starts the built server on the workspace with the catalogue, opens the 1 MB document, hovers, and reads VmHWM. */
async function serverPeakMemory(workspace: string, cataloguePath: string, bigText: string): Promise<{ peakRssMb: number; indexedFiles: number; indexMs: number }> {
  const client = ProtocolClient.start();
  try {
    client.settings.set('resolution', { catalogue: { paths: [cataloguePath] } });
    const indexed = new Promise<{ files: number; milliseconds: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not index the bench workspace within 120 s')), 120_000);
      client.connection.onNotification('resolution/indexed', (params: { files: number; milliseconds: number }) => {
        clearTimeout(timer);
        resolve(params);
      });
    });
    await client.initialize({ workspace: { configuration: true }, textDocument: { hover: {}, publishDiagnostics: {} } }, { workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }] });
    const result = await indexed;
    const uri = pathToFileURL(join(workspace, 'big.reso')).href;
    await client.open(uri, bigText);
    await client.waitForDiagnostics(uri, () => true, 60_000);
    await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 10, character: 20 } });
    const status = readFileSync(`/proc/${client.pid}/status`, 'utf8');
    const peak = /VmHWM:\s+(\d+) kB/.exec(status);
    await client.shutdown(20_000);
    return { peakRssMb: peak ? Math.round(Number(peak[1]) / 1024) : -1, indexedFiles: result.files, indexMs: result.milliseconds };
  } finally {
    await client.dispose();
  }
}
