// Help text, made from what each command declares: its synopsis, description, options (the
// same declarations its arguments are parsed with), examples and sections. A command that
// declares only its usage lines gets those.

import type { OptionSpec } from './args';
import type { Command } from './common';

const WIDTH = 100;

export const EXIT_STATUS = `Exit status:
  0  success; for check and fix, no problem at the failing level
  1  problems at the failing level: errors, or more warnings than --max-warnings (for fix: errors that remain)
  2  a usage, configuration or input/output error, or a target that matched no .reso file`;

export function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) =>
    command.summary ? `  ${command.name.padEnd(width)}  ${command.summary}` : command.usage.replace(/^\s*/, '  '),
  );
  return `reso: check, fix and convert ITU-style resolutions written in the .reso markup

Usage: reso COMMAND [options] [TARGET...]

Commands:
${lines.join('\n')}

Options:
  -h, --help     print this help, or a command's with 'reso help COMMAND' or 'reso COMMAND --help'
  -v, --version  print the version

Settings come from the nearest .resorc.json in each file's folder or above.

${EXIT_STATUS}
`;
}

export function commandHelp(command: Command): string {
  const synopsis = command.synopsis ?? [];
  let out = synopsis.length > 0 ? `Usage: ${synopsis.join('\n       ')}\n` : `Usage:\n${command.usage}\n`;
  if (command.summary) out += `\n${capitalise(command.summary)}.\n`;
  if (command.description) out += `\n${command.description}\n`;
  const options = [...(command.options ?? []), { name: 'help', short: 'h', description: 'print this help' } satisfies OptionSpec];
  out += `\nOptions:\n${optionsTable(options)}`;
  if (command.examples && command.examples.length > 0) {
    out += `\nExamples:\n${command.examples.map((example) => `  ${example.command}\n      ${example.description}`).join('\n')}\n`;
  }
  for (const section of command.sections ?? []) out += `\n${section.title}:\n${section.body.replace(/^(?=.)/gm, '  ')}\n`;
  return `${out}\n${EXIT_STATUS}\n`;
}

/** What `reso: <message>` is followed by on a usage error: the synopsis and where the help is. */
export function usageHint(command: Command | undefined): string {
  if (!command) return "Run 'reso --help' for the commands.";
  const synopsis = command.synopsis?.length ? command.synopsis.map((line) => `Usage: ${line}`).join('\n') : `Usage:\n${command.usage}`;
  return `${synopsis}\nRun 'reso ${command.name} --help' for the options.`;
}

function optionsTable(options: readonly OptionSpec[]): string {
  const names = options.map(optionName);
  const width = Math.min(Math.max(...names.map((name) => name.length)), 28);
  return options
    .map((option, index) => {
      const name = names[index];
      const text = wrap(option.description, WIDTH - width - 4);
      const [first, ...rest] = text;
      const head = name.length > width ? `  ${name}\n  ${' '.repeat(width)}  ${first}` : `  ${name.padEnd(width)}  ${first}`;
      return [head, ...rest.map((line) => `  ${' '.repeat(width)}  ${line}`)].join('\n') + '\n';
    })
    .join('');
}

function optionName(option: OptionSpec): string {
  const long = option.negatable ? (option.defaultFlag ? `--no-${option.name}` : `--${option.name}, --no-${option.name}`) : `--${option.name}`;
  const value = option.value ? ` ${option.value}` : '';
  return `${option.short ? `-${option.short}, ` : '    '}${long}${value}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
