// `reso export --to FORMAT FILE [--out PATH|-] [--force]`: a document written in another format.
// Each format is a writer registered in EXPORT_WRITERS; the command reads, parses, writes
// atomically (never over an existing file unless --force) and reports, whatever the format.

import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readText } from '../host/files';
import { FileExistsError, writeNewFiles, type NewFile } from '../host/newFiles';
import { exportAkn } from '../interchange/akn/writer';
import { writeHtml } from '../interchange/html';
import { exportDocx, TemplateError } from '../interchange/docx/writer';
import { parseDocument, type ParsedDocument } from '../syntax';
import { UsageError, type Command, type Output } from './common';

export interface ExportOptions {
  /** `--mode`: which reading of the revision marks, for formats that print one. */
  mode?: string;
  /** `--template FILE`: a document whose styles the output takes (Word). */
  template?: { path: string; bytes: Uint8Array };
  /** Tells the user what the format could not carry over. */
  warn?: (message: string) => void;
}

/** One output of a writer that makes several (one per resolution): a name part and the content. */
export interface ExportPart {
  /** `resolution-130`: added to the output's name when there are several. */
  name: string;
  content: string | Uint8Array;
}

export interface ExportWriter {
  /** The value of `--to`. */
  format: string;
  /** File extension of the output, with its dot. */
  extension: string;
  description: string;
  write(document: ParsedDocument, options: ExportOptions): ExportOutput | Promise<ExportOutput>;
}

type ExportOutput = string | Uint8Array | ExportPart[];

export const EXPORT_WRITERS: ExportWriter[] = [
  {
    format: 'akn',
    extension: '.xml',
    description: 'Akoma Ntoso 3.0 (AKN4UN), one document per resolution',
    write: (document) => exportAkn(document).map((part) => ({ name: part.name.replace(/\.xml$/, ''), content: part.xml })),
  },
  {
    format: 'html',
    extension: '.html',
    description: 'a standalone printable page, page breaks between resolutions; --mode tracked (default), amended or original',
    write: (document, options) => writeHtml(document, options.mode),
  },
  {
    format: 'docx',
    extension: '.docx',
    description: 'Word, revision marks as tracked changes, ITU paragraph styles (--template STYLES.docx)',
    async write(document, options) {
      if (document.diagnostics.some((d) => d.code === 'syntax.revision')) {
        throw new Error('not exported: a revision mark is not closed or opens inside another (run reso check); the Word revisions would not say what the text says');
      }
      try {
        const { bytes, warnings } = await exportDocx(document, options.template ? { template: options.template.bytes } : {});
        for (const warning of warnings) options.warn?.(warning);
        return bytes;
      } catch (error) {
        if (error instanceof TemplateError) throw new Error(`template ${options.template?.path}: ${error.message}`);
        throw error;
      }
    },
  },
];

export function registerWriter(writer: ExportWriter): void {
  if (!EXPORT_WRITERS.some((w) => w.format === writer.format)) EXPORT_WRITERS.push(writer);
}

function optionValue(args: readonly string[], i: number, name: string): [string, number] {
  const arg = args[i];
  if (arg.startsWith(`${name}=`)) return [arg.slice(name.length + 1), i];
  const value = args[i + 1];
  if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
  return [value, i + 1];
}

export const exportCommand: Command & { finish(file: string, writer: ExportWriter, written: ExportOutput, out: string | undefined, force: boolean, io: Output): number } = {
  name: 'export',
  summary: 'write a .reso file as Word, Akoma Ntoso or an HTML page',
  synopsis: ['reso export --to FORMAT FILE [--out PATH|-] [--force]'],
  options: [
    { name: 'to', value: 'FORMAT', description: 'the format: akn, html or docx' },
    { name: 'out', value: 'PATH', description: 'write to PATH (- for standard output) instead of beside FILE' },
    { name: 'force', description: 'replace a file that exists' },
    { name: 'mode', value: 'MODE', description: 'html: tracked (default), amended or original' },
    { name: 'template', value: 'STYLES.docx', description: 'docx: take the paragraph styles from this Word document' },
  ],
  get description() {
    return `Writes FILE beside it (or to --out; - for standard output); several resolutions give
FILE.<kind>-<number> files. Formats:
${EXPORT_WRITERS.map((w) => `  ${w.format}: ${w.description}`).join('\n')}`;
  },
  get usage() {
    return `  reso export --to FORMAT FILE [--out PATH|-] [--force] [--mode tracked|amended|original] [--template STYLES.docx]
                                            write FILE in another format, beside it (or to --out; - for
                                            stdout); several resolutions give FILE.<kind>-<number> files:
${EXPORT_WRITERS.map((w) => `                                              ${w.format}: ${w.description}`).join('\n')}`;
  },
  run(args, io) {
    let format: string | undefined;
    let out: string | undefined;
    let mode: string | undefined;
    let templatePath: string | undefined;
    let force = false;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--to' || arg.startsWith('--to=')) [format, i] = optionValue(args, i, '--to');
      else if (arg === '--out' || arg === '-o' || arg.startsWith('--out=')) [out, i] = optionValue(args, i, arg === '-o' ? '-o' : '--out');
      else if (arg === '--mode' || arg.startsWith('--mode=')) [mode, i] = optionValue(args, i, '--mode');
      else if (arg === '--template' || arg.startsWith('--template=')) [templatePath, i] = optionValue(args, i, '--template');
      else if (arg === '--force') force = true;
      else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
      else files.push(arg);
    }
    const formats = EXPORT_WRITERS.map((w) => w.format).join(', ');
    if (format === undefined) throw new UsageError(`export needs --to (${formats})`);
    const writer = EXPORT_WRITERS.find((w) => w.format === format);
    if (!writer) throw new UsageError(`unknown export format '${format}' (known: ${formats})`);
    if (files.length !== 1) throw new UsageError('export takes exactly one file');
    if (templatePath !== undefined && writer.format !== 'docx') throw new UsageError(`--template does not apply to ${writer.format}`);
    let template: ExportOptions['template'];
    if (templatePath !== undefined) {
      try {
        template = { path: templatePath, bytes: readFileSync(templatePath) };
      } catch (error) {
        throw new Error(`cannot read the template ${templatePath}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const file = files[0];
    const document = parseDocument(readText(file));
    const unclosed = document.diagnostics.filter((d) => d.code === 'syntax.revision').length;
    if (unclosed > 0) io.err(`reso: ${file}: ${unclosed} revision mark problem${unclosed === 1 ? '' : 's'}; the export shows the marks as they parse (run reso check)\n`);
    const written = writer.write(document, { mode, template, warn: (message) => io.err(`reso: ${file}: ${message}\n`) });
    // Text formats finish at once; the Word writer's output comes later (the command then runs through mainAsync).
    return written instanceof Promise ? written.then((output) => this.finish(file, writer, output, out, force, io)) : this.finish(file, writer, written, out, force, io);
  },

  finish(file: string, writer: ExportWriter, written: ExportOutput, out: string | undefined, force: boolean, io: Output): number {
    const parts: ExportPart[] = Array.isArray(written) ? written : [{ name: '', content: written }];
    if (parts.length === 0) throw new Error(`${file}: nothing to export (the file holds no resolution); nothing was written`);
    if (out === '-') {
      if (parts.length > 1) throw new UsageError(`${file} holds ${parts.length} resolutions: name a folder with --out`);
      const content = parts[0].content;
      if (typeof content !== 'string') throw new UsageError(`${writer.format} is not text: name a file with --out`);
      io.out(content);
      return 0;
    }
    const stem = join(dirname(file), basename(file, extname(file)));
    const targets: NewFile[] = parts.map((part) => {
      if (parts.length === 1) return { path: out ?? stem + writer.extension, data: part.content };
      return { path: out ? join(out, part.name + writer.extension) : `${stem}.${part.name}${writer.extension}`, data: part.content };
    });
    for (const target of targets) if (resolve(target.path) === resolve(file)) throw new UsageError(`the export would overwrite ${file}; name another file with --out`);
    try {
      writeNewFiles(targets, force);
    } catch (error) {
      if (error instanceof FileExistsError) throw new Error(error.message);
      throw error;
    }
    for (const target of targets) io.err(`${file}: ${writer.format} written to ${target.path}\n`);
    return 0;
  },
};
