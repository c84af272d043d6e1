// Settings shared by the editor and the command line: read from the editor's
// `resolution.*` settings and from a `.resorc.json` at the workspace root.

import type { Severity } from '../syntax/diagnostics';
import { severityKeys } from './codes';
import type { AnalysisSettings, SeverityOverride } from './pipeline';
import type { TrackChanges } from './renumber';

export interface ResolutionSettings {
  analysis: AnalysisSettings;
  /** `onInsert`: Enter that starts a clause mid-list renumbers what follows in the same edit. */
  renumber: { trackChanges: TrackChanges; onInsert: boolean };
  /** Enter at the end of a clause starts the next clause with its label. */
  onTypeLabels: boolean;
  /** User catalogues to merge with the shipped one. */
  cataloguePaths: string[];
  /** `.gitignore`-style patterns of files the command line leaves out, relative to the settings file. */
  ignores: string[];
}

export const DEFAULT_RESOLUTION_SETTINGS: ResolutionSettings = {
  analysis: { severity: {} },
  renumber: { trackChanges: 'auto', onInsert: true },
  onTypeLabels: true,
  cataloguePaths: [],
  ignores: [],
};

/** The keys a settings file may hold, section by section: anything else is a typo to report. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  diagnostics: ['severity'],
  renumber: ['trackChanges', 'onInsert'],
  onType: ['labels'],
  catalogue: ['paths'],
};

/** Codes and prefixes a severity may be set for: a misspelt one would change nothing. */
const KNOWN_CODES = new Set(severityKeys());

/** Top-level keys whose value is not a section: the file's JSON Schema, and the command line's ignores. */
const VALUE_KEYS = ['$schema', 'ignores'];

const SEVERITIES: readonly SeverityOverride[] = ['error', 'warning', 'information', 'hint', 'off'];
const TRACK: readonly TrackChanges[] = ['auto', 'always', 'never'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads settings in the shape of `.resorc.json` (and of the editor's `resolution` section):
 * `{ "diagnostics": { "severity": { "label.lone": "off" } }, "renumber": { "trackChanges": "auto" },
 *    "onType": { "labels": true }, "catalogue": { "paths": [] }, "ignores": ["drafts/"] }`
 * (seeds/resorc.schema.json says the same for editors). Unknown keys and codes are reported;
 * malformed values are reported and left at their base value.
 */
export function readSettings(
  raw: unknown,
  base: ResolutionSettings = DEFAULT_RESOLUTION_SETTINGS,
  /** A settings file (`.resorc.json`) is read strictly: unknown keys are reported. The editor's section also holds keys of its own (`trace`). */
  strict = false,
): { settings: ResolutionSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: ResolutionSettings = {
    analysis: { severity: { ...base.analysis.severity } },
    renumber: { ...base.renumber },
    onTypeLabels: base.onTypeLabels,
    cataloguePaths: [...base.cataloguePaths],
    ignores: [...base.ignores],
  };
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) return { settings, problems: ['settings must be a JSON object'] };
  for (const [section, value] of Object.entries(raw)) {
    if (VALUE_KEYS.includes(section)) continue;
    const keys = KNOWN_KEYS[section];
    if (!keys) {
      if (strict) problems.push(`unknown setting "${clip(section)}" (known: ${[...Object.keys(KNOWN_KEYS), 'ignores'].join(', ')})`);
      continue;
    }
    if (!isRecord(value)) {
      problems.push(`${section} must be an object (with ${keys.join(', ')})`);
      continue;
    }
    if (strict) for (const key of Object.keys(value)) if (!keys.includes(key)) problems.push(`unknown setting "${section}.${clip(key)}" (known: ${keys.map((k) => `${section}.${k}`).join(', ')})`);
  }
  const diagnostics = raw.diagnostics;
  if (diagnostics !== undefined) {
    const severity = isRecord(diagnostics) ? diagnostics.severity : undefined;
    if (isRecord(severity)) {
      const overrides: Record<string, SeverityOverride> = { ...settings.analysis.severity };
      for (const [code, value] of Object.entries(severity)) {
        if (!KNOWN_CODES.has(code)) problems.push(`diagnostics.severity.${clip(code)}: no such code or code prefix`);
        else if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) overrides[code] = value as Severity | 'off';
        else problems.push(`diagnostics.severity.${clip(code)} must be one of ${SEVERITIES.join(', ')}`);
      }
      settings.analysis = { severity: overrides };
    } else if (severity !== undefined) problems.push('diagnostics.severity must be an object of code → severity');
  }
  if (raw.ignores !== undefined) {
    if (Array.isArray(raw.ignores) && raw.ignores.every((p) => typeof p === 'string')) settings.ignores = raw.ignores as string[];
    else problems.push('ignores must be a list of .gitignore-style patterns');
  }
  const renumber = raw.renumber;
  if (isRecord(renumber) && renumber.trackChanges !== undefined) {
    if (typeof renumber.trackChanges === 'string' && (TRACK as readonly string[]).includes(renumber.trackChanges)) {
      settings.renumber = { ...settings.renumber, trackChanges: renumber.trackChanges as TrackChanges };
    } else problems.push(`renumber.trackChanges must be one of ${TRACK.join(', ')}`);
  }
  if (isRecord(renumber) && renumber.onInsert !== undefined) {
    if (typeof renumber.onInsert === 'boolean') settings.renumber = { ...settings.renumber, onInsert: renumber.onInsert };
    else problems.push('renumber.onInsert must be true or false');
  }
  const onType = raw.onType;
  if (isRecord(onType) && onType.labels !== undefined) {
    if (typeof onType.labels === 'boolean') settings.onTypeLabels = onType.labels;
    else problems.push('onType.labels must be true or false');
  }
  const catalogue = raw.catalogue;
  if (isRecord(catalogue) && catalogue.paths !== undefined) {
    if (Array.isArray(catalogue.paths) && catalogue.paths.every((p) => typeof p === 'string')) settings.cataloguePaths = catalogue.paths as string[];
    else problems.push('catalogue.paths must be a list of file paths');
  }
  return { settings, problems };
}

/** A key quoted in a message is kept short: a file named by mistake is not echoed at length. */
function clip(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}
