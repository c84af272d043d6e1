// Shared by the citation tests: the shipped catalogue, and a service that knows it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCatalogue, type LoadedCatalogue } from '../../server/src/analysis/catalogue';
import { fixAllText } from '../../server/src/analysis/fixProviders';
import { LanguageService } from '../../server/src/features/service';
import { ROOT } from './helpers';

export const SHIPPED_PATH = join(ROOT, 'seeds', 'catalogue.json');
export const SCHEMA_PATH = join(ROOT, 'seeds', 'catalogue.schema.json');

export function shippedCatalogue(): LoadedCatalogue {
  const text = readFileSync(SHIPPED_PATH, 'utf8');
  const read = readCatalogue(text);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return { uri: pathToFileURL(SHIPPED_PATH).href, data: read.catalogue, text };
}

/** A service with the shipped catalogue and the given open documents. */
export function serviceWith(documents: Record<string, string>, catalogues: LoadedCatalogue[] = [shippedCatalogue()]): LanguageService {
  const service = new LanguageService();
  service.setCatalogues(catalogues);
  for (const [uri, text] of Object.entries(documents)) service.setDocument(uri, text);
  return service;
}

/** A resolution of the Plenipotentiary Conference in `year` citing what `recalling` says. */
export function citingText(recalling: string, options: { date?: string; place?: string; year?: number } = {}): string {
  const place = options.place ?? 'Dubai';
  const year = options.year ?? 2018;
  const front = options.date ? `---\ndate: ${options.date}\n---\n\n` : '';
  return `${front}# RESOLUTION 999 (${place.toUpperCase()}, ${year})

## A resolution for tests

The Plenipotentiary Conference of the International Telecommunication Union (${place}, ${year}),

*recalling*

${recalling}

*resolves*

to continue.
`;
}

/** Fix-all of a text, as the editor applies it, with the shipped catalogue and no workspace. */
export function fixAllWithCatalogue(text: string, uri: string): string {
  const service = serviceWith({});
  return fixAllText(text, (document) => {
    service.setDocument(uri, document.text);
    return service.rawDiagnostics(uri);
  }, { trackChanges: 'auto' });
}
