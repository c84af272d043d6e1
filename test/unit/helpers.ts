// Shared test helpers: seeds, a deterministic random generator, leaf concatenation.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leaves, type ParsedDocument } from '../../server/src/syntax';

export const ROOT = join(__dirname, '..', '..');

export function readSeed(name: string): string {
  return readFileSync(join(ROOT, 'seeds', name), 'utf8');
}

export const SEED_2018 = 'res130-dubai-2018.reso';
export const SEED_DT = 'res130-busan-2014-dt67.reso';

/** Concatenation of the tree's leaves: equals the source when the tree is lossless. */
export function leafText(document: ParsedDocument): string {
  let out = '';
  let cursor = 0;
  for (const leaf of leaves(document.root, document.amended)) {
    if (leaf.start !== cursor) throw new Error(`leaf at ${leaf.start} does not follow ${cursor}`);
    out += document.text.slice(leaf.start, leaf.end);
    cursor = leaf.end;
  }
  return out;
}

/** mulberry32: a small seeded generator, so random tests are repeatable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

/** Text in `expected` marked with `[[` and `]]`: returns the text without the marks and the marked ranges. */
export function marked(source: string): { text: string; ranges: Array<[number, number]> } {
  const ranges: Array<[number, number]> = [];
  let text = '';
  let open = -1;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('[[', i)) {
      open = text.length;
      i++;
    } else if (source.startsWith(']]', i) && open >= 0) {
      ranges.push([open, text.length]);
      open = -1;
      i++;
    } else text += source[i];
  }
  return { text, ranges };
}
