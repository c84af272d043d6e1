// Offset <-> line/character conversion (UTF-16), independent of any editor library.
// Lines break where LSP and `TextDocument` break them: at LF, CRLF and a lone CR, so that a
// position sent by an editor names the very character the editor shows.

export interface LineCharacter {
  line: number;
  character: number;
}

const LF = 10;
const CR = 13;

export class LineIndex {
  private readonly starts: number[];

  constructor(
    private readonly text: string,
    known?: number[],
  ) {
    this.starts = known ?? LineIndex.startsOf(text);
  }

  private static startsOf(text: string): number[] {
    const starts = [0];
    const length = text.length;
    // indexOf finds each break fast; a CR is rare enough to be looked for separately.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        const end = cr + 1 < length && text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
        starts.push(end);
        if (end === cr + 2) lf = text.indexOf('\n', end);
        cr = text.indexOf('\r', end);
      } else {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
    return starts;
  }

  /**
   * The index of `text`, made from the index of the text it was edited from: the edit replaced
   * [editStart, oldEditEnd) of the old text with [editStart, newEditEnd) of the new one. Only the
   * line starts inside the edit are looked for again (a start depends on the character before it
   * and the one at it, so a CR before the edit and an LF after it still make one break).
   */
  static edited(old: LineIndex, text: string, editStart: number, oldEditEnd: number, newEditEnd: number): LineIndex {
    const delta = newEditEnd - oldEditEnd;
    const oldStarts = old.starts;
    let before = 1;
    while (before < oldStarts.length && oldStarts[before] < editStart) before++;
    const inside: number[] = [];
    for (let at = Math.max(1, editStart); at <= newEditEnd && at <= text.length; at++) {
      const previous = text.charCodeAt(at - 1);
      if (previous === LF || (previous === CR && text.charCodeAt(at) !== LF)) inside.push(at);
    }
    let after = before;
    while (after < oldStarts.length && oldStarts[after] <= oldEditEnd) after++;
    // Made at its final length: a large text has many lines, and growing the list by pushes copies it again and again.
    const starts = oldStarts.slice(0, before);
    const kept = before;
    starts.length = kept + inside.length + (oldStarts.length - after);
    for (let k = 0; k < inside.length; k++) starts[kept + k] = inside[k];
    for (let k = after, to = kept + inside.length; k < oldStarts.length; k++, to++) starts[to] = oldStarts[k] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    const clamped = Math.max(0, Math.min(line, this.starts.length - 1));
    const next = clamped + 1 < this.starts.length ? this.starts[clamped + 1] : this.text.length;
    return this.beforeBreak(next, this.starts[clamped]);
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a CRLF is shown at the end of its line, as TextDocument shows it.
    return { line: lo, character: this.beforeBreak(clamped, this.starts[lo]) - this.starts[lo] };
  }

  offsetAt(position: LineCharacter): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return this.beforeBreak(Math.min(start + position.character, next), start);
  }

  private beforeBreak(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const code = this.text.charCodeAt(offset - 1);
      if (code !== LF && code !== CR) break;
      offset--;
    }
    return offset;
  }
}
