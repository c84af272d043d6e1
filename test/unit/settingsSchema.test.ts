import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { codePrefixes, DIAGNOSTIC_CODES, severityKeys } from '../../server/src/analysis/codes';
import { readSettings } from '../../server/src/analysis/settings';
import { ROOT } from './helpers';

const SCHEMA_PATH = join(ROOT, 'seeds', 'resorc.schema.json');

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  propertyNames?: { enum?: string[] };
  enum?: string[];
  type?: string;
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
}

function schema(): JsonSchema {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema;
}

function validator(): ReturnType<Ajv['compile']> {
  return new Ajv({ allErrors: true, strict: true, strictTypes: false }).compile(schema());
}

/** Settings that both the schema and the reader accept. */
const VALID: unknown[] = [
  {},
  { $schema: './node_modules/resolution-drafter/seeds/resorc.schema.json' },
  { diagnostics: { severity: { 'label.lone': 'off', punctuation: 'hint' } }, renumber: { trackChanges: 'auto' }, onType: { labels: true } },
  { diagnostics: { severity: { '*': 'warning', 'citation.*': 'information', 'citation.future': 'error' } } },
  { diagnostics: {} },
  { renumber: { trackChanges: 'never' }, onType: { labels: false }, catalogue: { paths: ['cat/catalogue.json'] } },
  { ignores: ['drafts/', '*.old.reso', '!keep.old.reso'] },
  { ignores: [], catalogue: {} },
];

/** Settings that both reject, with what the reader says. */
const INVALID: Array<[unknown, RegExp]> = [
  [[], /settings must be a JSON object/],
  ['{}', /settings must be a JSON object/],
  [{ diagnostic: {} }, /unknown setting "diagnostic"/],
  [{ trace: { server: 'off' } }, /unknown setting "trace"/],
  [{ diagnostics: { severities: {} } }, /unknown setting "diagnostics\.severities"/],
  [{ diagnostics: 'strict' }, /diagnostics must be an object/],
  [{ diagnostics: { severity: { label: 'loud' } } }, /diagnostics\.severity\.label must be one of/],
  [{ diagnostics: { severity: { 'label.sequense': 'off' } } }, /no such code or code prefix/],
  [{ diagnostics: { severity: ['label'] } }, /diagnostics\.severity must be an object/],
  [{ renumber: { trackChanges: 'sometimes' } }, /renumber\.trackChanges must be one of/],
  [{ renumber: { track: 'auto' } }, /unknown setting "renumber\.track"/],
  [{ onType: { labels: 'yes' } }, /onType\.labels must be true or false/],
  [{ catalogue: { paths: 'cat.json' } }, /catalogue\.paths must be a list/],
  [{ catalogue: { paths: [1] } }, /catalogue\.paths must be a list/],
  [{ ignores: 'drafts/' }, /ignores must be a list/],
  [{ ignores: [true] }, /ignores must be a list/],
];

describe('the .resorc.json schema', () => {
  it('is contributed to VS Code for .resorc.json files, and packed', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.resorc.json', url: './seeds/resorc.schema.json' }]);
    assert.ok(existsSync(join(ROOT, pkg.contributes.jsonValidation[0].url)));
    assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!seeds\/resorc\.schema\.json$/m);
  });

  it('the editor\'s own section may hold its own keys (trace), a settings file may not', () => {
    assert.deepEqual(readSettings({ trace: { server: 'off' }, diagnostics: { severity: {} } }).problems, []);
    assert.deepEqual(readSettings({ trace: { server: 'off' } }, undefined, true).problems, ['unknown setting "trace" (known: diagnostics, renumber, onType, catalogue, ignores)']);
  });

  it('accepts what the settings reader accepts without a problem', () => {
    const validate = validator();
    for (const settings of VALID) {
      assert.deepEqual(readSettings(settings, undefined, true).problems, [], JSON.stringify(settings));
      assert.ok(validate(settings), `${JSON.stringify(settings)}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('rejects what the settings reader reports', () => {
    const validate = validator();
    for (const [settings, problem] of INVALID) {
      const { problems } = readSettings(settings, undefined, true);
      assert.ok(problems.some((p) => problem.test(p)), `${JSON.stringify(settings)}: ${problems.join('; ')}`);
      assert.equal(validate(settings), false, `the schema accepts ${JSON.stringify(settings)}`);
    }
  });

  it('offers every diagnostic code and prefix, with its default severity, and nothing else', () => {
    const severity = schema().properties?.diagnostics.properties?.severity;
    assert.deepEqual([...(severity?.propertyNames?.enum ?? [])].sort(), severityKeys().sort());
    const offered = Object.keys(severity?.properties ?? {}).sort();
    assert.deepEqual(offered, [...codePrefixes(), ...DIAGNOSTIC_CODES.map((info) => info.code)].sort());
    for (const info of DIAGNOSTIC_CODES) {
      const entry = severity?.properties?.[info.code] as JsonSchema & { description?: string };
      assert.match(entry.description ?? '', new RegExp(`Default: ${info.severity}\\.$`), info.code);
      assert.deepEqual(entry.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
  });

  it('has the editor settings that .resorc.json shares, with the same values', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, JsonSchema> } } };
    const root = schema();
    for (const [name, setting] of Object.entries(pkg.contributes.configuration.properties)) {
      const [, group, key] = name.split('.');
      if (group === 'trace' || group === 'revisionMarks' || group === 'proposal') continue; // the client's own
      const entry = root.properties?.[group]?.properties?.[key];
      assert.ok(entry, `${name} is missing from the schema`);
      assert.equal(entry.type, setting.type, name);
      if (setting.enum) assert.deepEqual(entry.enum, setting.enum, name);
      if (setting.additionalProperties && typeof setting.additionalProperties === 'object') {
        assert.deepEqual((entry.additionalProperties as JsonSchema).enum, setting.additionalProperties.enum, name);
      }
    }
  });
});
