// Clause labels: preamble letters (a … z, aa, bb …), operative numbers (1, 1.1), roman sub-items.

export type LabelForm = 'paren' | 'number' | 'bullet';

/** Value of a preamble letter label: a=1 … z=26, aa=27, bb=28 …; 0 when not such a label. */
export function letterValue(letters: string): number {
  if (!/^[a-z]+$/.test(letters)) return 0;
  const first = letters.charCodeAt(0);
  for (let i = 1; i < letters.length; i++) if (letters.charCodeAt(i) !== first) return 0;
  return (letters.length - 1) * 26 + (first - 96);
}

export function letterLabel(value: number): string {
  const repeat = Math.floor((value - 1) / 26) + 1;
  return String.fromCharCode(97 + ((value - 1) % 26)).repeat(repeat);
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

export function romanLabel(value: number): string {
  let rest = value;
  let out = '';
  for (const [amount, digits] of ROMAN) {
    while (rest >= amount) {
      out += digits;
      rest -= amount;
    }
  }
  return out;
}

/** Value of a lower-case roman numeral; 0 when the text is not one written canonically. */
export function romanValue(text: string): number {
  if (!/^[ivxlcdm]+$/.test(text)) return 0;
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i]];
    const next = i + 1 < text.length ? values[text[i + 1]] : 0;
    total += value < next ? -value : value;
  }
  return romanLabel(total) === text ? total : 0;
}
