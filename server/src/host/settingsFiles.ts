// Settings files: the editor's `resolution` section, then `.resorc.json` at the
// first workspace folder's root on top of it, so that the editor and `reso check` agree.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson } from '../analysis/json';
import { FileReadError, readFileBytes } from './files';
import { readSettings, type ResolutionSettings } from '../analysis/settings';

export const RC_FILE = '.resorc.json';

export interface LoadedSettings {
  settings: ResolutionSettings;
  problems: string[];
}

/** Reads `.resorc.json` in a folder; absent is fine, unreadable or invalid is a problem. */
export function readRcFile(folder: string, base: ResolutionSettings): LoadedSettings {
  return readSettingsFile(join(folder, RC_FILE), base);
}

/** Reads a settings file in the shape of `.resorc.json` by its path; absent is fine, unreadable or invalid is a problem. */
export function readSettingsFile(path: string, base: ResolutionSettings): LoadedSettings {
  let text: string;
  try {
    text = readFileBytes(path).bytes.toString('utf8');
  } catch (error) {
    // Absent is fine; anything else there (a pipe, a folder, no permission) is said.
    if (error instanceof FileReadError && !/no such file/.test(error.reason)) return { settings: base, problems: [`${path} ${error.reason}`] };
    return { settings: base, problems: [] };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { settings: base, problems: [`${path}: ${parsed.error}`] };
  const { settings, problems } = readSettings(parsed.value, base, true);
  return { settings, problems: problems.map((p) => `${path}: ${p}`) };
}

export function folderPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function mergeSettings(editor: unknown, folder: string | undefined, base: ResolutionSettings): LoadedSettings {
  const fromEditor = readSettings(editor, base);
  if (!folder) return fromEditor;
  const fromFile = readRcFile(folder, fromEditor.settings);
  return { settings: fromFile.settings, problems: [...fromEditor.problems.map((p) => `setting resolution.${p}`), ...fromFile.problems] };
}
