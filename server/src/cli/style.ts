// Colour for text written to a terminal: `--color` / `--no-color` first, then NO_COLOR and
// FORCE_COLOR (no-color.org, as chalk and eslint read them), then whether the output is a
// terminal that shows colours.

export interface Style {
  enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

export function colourWanted(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, terminal: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return terminal;
}

const sgr = (open: number, close: number) => (text: string): string => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
const plain = (text: string): string => text;

export function style(enabled: boolean): Style {
  if (!enabled) return { enabled, red: plain, yellow: plain, blue: plain, green: plain, dim: plain, bold: plain, underline: plain };
  return { enabled, red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), green: sgr(32, 39), dim: sgr(2, 22), bold: sgr(1, 22), underline: sgr(4, 24) };
}

/** The visible width of a text that may hold colour codes. */
export function visibleLength(text: string): number {
  return text.replace(/\u001b\[\d+m/g, '').length;
}
