// What a file's bytes are: UTF-8 text (with or without a byte order mark), or something else
// that must never be rewritten as UTF-8: UTF-16, Latin-1 / Windows-1252, binary data.

import type { SyntaxDiagnostic } from '../syntax';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface DecodedText {
  /** The text, without the byte order mark. For a file that is not UTF-8, a best-effort decoding: shown, never written back. */
  text: string;
  /** The file starts with a UTF-8 byte order mark, to be written back with it. */
  bom: boolean;
  /** Set when the file is not UTF-8 text: what it looks like, for the `file.encoding` diagnostic. */
  problem?: EncodingProblem;
}

export interface EncodingProblem {
  /** What the bytes look like: `UTF-16 LE with a byte order mark`, `Latin-1 (ISO-8859-1 or Windows-1252)`, `binary data`. */
  looksLike: string;
  /** 1-based line and column (in bytes) of the first byte that is not UTF-8, where that means something. */
  line?: number;
  column?: number;
  byte?: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes as UTF-8, or says what else they look like. */
export function decodeFileBytes(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return notUtf8('UTF-16 LE with a byte order mark', buffer.subarray(2).toString('utf16le'));
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return notUtf8('UTF-16 BE with a byte order mark', swapBytes(buffer.subarray(2)).toString('utf16le'));
  const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const body = bom ? buffer.subarray(3) : buffer;
  const zeros = countZeros(body);
  if (zeros > 0) {
    // Text in UTF-16 without a mark: every other byte is zero for Latin letters.
    const sixteen = utf16WithoutMark(body);
    if (sixteen) return notUtf8(`${sixteen} without a byte order mark`, (sixteen === 'UTF-16 LE' ? body : swapBytes(body)).toString('utf16le'));
    return notUtf8('binary data (it holds NUL bytes)', body.toString('latin1'));
  }
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const controls = countControls(body);
    const looksLike = controls > Math.max(8, body.length / 100) ? 'binary data' : 'Latin-1 (ISO-8859-1 or Windows-1252) text';
    return { text: body.toString('latin1'), bom, problem: { looksLike, ...lineAndColumn(body, at), byte: body[at] } };
  }
  return { text, bom };
}

/** The bytes to write for a text read with `decodeFileBytes`: its byte order mark comes back. */
export function encodeText(text: string, bom: boolean): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([UTF8_BOM, bytes]) : bytes;
}

/** The one `file.encoding` diagnostic of a file that is not UTF-8: the fault first, then what to do. */
export function encodingDiagnostic(problem: EncodingProblem): SyntaxDiagnostic {
  const where = problem.line !== undefined ? ` (byte 0x${(problem.byte ?? 0).toString(16).toUpperCase().padStart(2, '0')} at line ${problem.line}, column ${problem.column})` : '';
  return {
    code: 'file.encoding',
    severity: 'error',
    start: 0,
    end: 0,
    message: `File is not UTF-8: it looks like ${problem.looksLike}${where}. Resolution files are UTF-8: save it as UTF-8; until then no fix is written to it.`,
  };
}

function notUtf8(looksLike: string, text: string): DecodedText {
  return { text, bom: false, problem: { looksLike } };
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

function countZeros(bytes: Buffer): number {
  let zeros = 0;
  for (let at = bytes.indexOf(0); at >= 0; at = bytes.indexOf(0, at + 1)) zeros++;
  return zeros;
}

function utf16WithoutMark(bytes: Buffer): 'UTF-16 LE' | 'UTF-16 BE' | undefined {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'UTF-16 LE';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'UTF-16 BE';
  return undefined;
}

function countControls(bytes: Buffer): number {
  let controls = 0;
  for (const byte of bytes) if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) controls++;
  return controls;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      strictUtf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function lineAndColumn(bytes: Buffer, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}
