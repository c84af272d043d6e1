// One service holding every input, so that citations see what the other files define, with each
// file diagnosed under its own settings and catalogues (those of the `.resorc.json` that applies
// to it; catalogue paths are read from that file's folder).

import { resolve } from 'node:path';
import type { LoadedCatalogue } from '../analysis/catalogue';
import { LanguageService } from '../features/service';
import { loadCatalogue } from '../host/catalogueFiles';
import { encodingDiagnostic } from '../host/encoding';
import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import { SHIPPED_CATALOGUE, type Output } from './common';
import type { FileReport } from './formats/report';
import type { Input } from './inputs';

export class CheckSession {
  readonly service = new LanguageService();
  private catalogueKey: string | undefined;
  private readonly catalogues = new Map<string, LoadedCatalogue | undefined>();

  constructor(
    readonly inputs: readonly Input[],
    private readonly io: Output,
  ) {
    for (const input of inputs) {
      this.service.setDocument(input.uri, input.text);
      if (input.file?.encodingProblem) this.service.setFileDiagnostics(input.uri, [encodingDiagnostic(input.file.encodingProblem)]);
    }
  }

  /** The inputs in an order that changes catalogues as seldom as possible (each change re-reads the files' citations). */
  byCatalogues(): Input[] {
    const keys = new Map(this.inputs.map((input) => [input, this.cataloguePaths(input).join('\n')]));
    return [...this.inputs].sort((a, b) => ((keys.get(a) as string) < (keys.get(b) as string) ? -1 : (keys.get(a) as string) > (keys.get(b) as string) ? 1 : 0));
  }

  /** Puts the service under the settings and catalogues of an input. */
  use(input: Input): void {
    this.service.settings = input.config.settings;
    const paths = this.cataloguePaths(input);
    const key = paths.join('\n');
    if (key === this.catalogueKey) return;
    this.catalogueKey = key;
    const loaded: LoadedCatalogue[] = [];
    for (const path of [SHIPPED_CATALOGUE, ...paths]) {
      if (!this.catalogues.has(path)) {
        const { catalogue, problem } = loadCatalogue(path);
        if (problem) this.io.err(`reso: catalogue ${problem.path}: ${problem.problem}; it is left out\n`);
        this.catalogues.set(path, catalogue);
      }
      const catalogue = this.catalogues.get(path);
      if (catalogue) loaded.push(catalogue);
    }
    this.service.setCatalogues(loaded);
  }

  document(input: Input): ParsedDocument {
    return this.service.document(input.uri) as ParsedDocument;
  }

  diagnostics(input: Input): SyntaxDiagnostic[] {
    this.use(input);
    return this.service.rawDiagnostics(input.uri);
  }

  /** Every input's report, in the order of the inputs. */
  reports(): FileReport[] {
    const reports = new Map<Input, FileReport>();
    for (const input of this.byCatalogues()) reports.set(input, { name: input.name, path: input.path, document: this.document(input), diagnostics: this.diagnostics(input) });
    return this.inputs.map((input) => reports.get(input) as FileReport);
  }

  private cataloguePaths(input: Input): string[] {
    return input.config.settings.cataloguePaths.map((path) => resolve(input.config.folder, path));
  }
}
