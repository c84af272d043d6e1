// Options as commands declare them, parsed the way other command-line tools parse them:
// `--name value`, `--name=value`, `-x value`, `--no-name` for a negatable flag, `--` ending
// the options, and `-` an operand (standard input). The same declarations print the help.

export interface OptionSpec {
  /** The long name without dashes: `format` for `--format`. */
  name: string;
  /** A one-letter short form: `q` for `-q`. */
  short?: string;
  /** The placeholder of the value (`FORMAT`); an option without one is a flag. */
  value?: string;
  /** The values allowed; anything else is a usage error. */
  choices?: readonly string[];
  /** May be given more than once; every value is kept in order. */
  repeatable?: boolean;
  /** A flag that `--no-NAME` turns off. */
  negatable?: boolean;
  /** A flag's value when it is not given; with `negatable`, help shows `--no-NAME` when this is true. */
  defaultFlag?: boolean;
  description: string;
}

export class UsageError extends Error {}

export class ParsedArgs {
  constructor(
    private readonly values: Map<string, string[]>,
    private readonly flags: Map<string, boolean>,
    readonly operands: string[],
  ) {}

  /** The last value given for an option (the last one wins, as in most tools). */
  value(name: string): string | undefined {
    const values = this.values.get(name);
    return values?.[values.length - 1];
  }

  list(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** A flag's value: true, false (`--no-NAME`), or undefined when not given. */
  flag(name: string): boolean | undefined {
    return this.flags.get(name);
  }
}

export function parseArgs(args: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const values = new Map<string, string[]>();
  const flags = new Map<string, boolean>();
  const operands: string[] = [];
  const byLong = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short as string, spec]));
  const take = (spec: OptionSpec, written: string, value: string | undefined): void => {
    if (value === undefined || value === '') throw new UsageError(`${written} needs a value${spec.choices ? ` (${spec.choices.join(', ')})` : ` (${spec.value})`}`);
    if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`${written} must be one of ${spec.choices.join(', ')}, not '${value}'`);
    const list = values.get(spec.name) ?? [];
    list.push(value);
    values.set(spec.name, list);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals < 0 ? undefined : equals);
      const inline = equals < 0 ? undefined : arg.slice(equals + 1);
      const spec = byLong.get(name);
      if (spec?.value) {
        take(spec, `--${name}`, inline ?? args[++i]);
        continue;
      }
      if (spec) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        flags.set(spec.name, true);
        continue;
      }
      const negated = name.startsWith('no-') ? byLong.get(name.slice(3)) : undefined;
      if (negated?.negatable && inline === undefined) {
        flags.set(negated.name, false);
        continue;
      }
      throw new UsageError(`unknown option '--${name}'${suggestion(name, specs)}`);
    }
    // Short options: `-q`, `-o FILE`, `-oFILE`; flags may be grouped (`-qv`).
    for (let j = 1; j < arg.length; j++) {
      const spec = byShort.get(arg[j]);
      if (!spec) throw new UsageError(`unknown option '-${arg[j]}'${suggestion(arg[j], specs)}`);
      if (spec.value) {
        take(spec, `-${arg[j]}`, j + 1 < arg.length ? arg.slice(j + 1) : args[++i]);
        break;
      }
      flags.set(spec.name, true);
    }
  }
  return new ParsedArgs(values, flags, operands);
}

/** `; did you mean --format?` for a name one or two edits away from a declared option. */
function suggestion(name: string, specs: readonly OptionSpec[]): string {
  const candidates = specs.flatMap((spec) => (spec.negatable ? [spec.name, `no-${spec.name}`] : [spec.name]));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= 2 && distance < name.length && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best ? `; did you mean --${best.candidate}?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
