// CI-only conformance check: do our wire types (src/wire) still agree with OpenRouter's OpenAPI
// spec for every field we model? Not part of the unit tests (the spec lives outside the repo).
//
//   node scripts/check-wire-types.ts [path-to-openapi.yaml]
//
// Default path: ../../../shared/openrouter/openapi.yaml relative to this package. Exits 0 when
// everything agrees, 1 with a report otherwise, 2 when the spec or the sources cannot be read.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from 'yaml';
import { allowances } from './wire-check/allowances.ts';
import { WireComparator } from './wire-check/compare.ts';
import { mappings, unmapped } from './wire-check/mappings.ts';
import {
  parametersToSchema,
  propertiesOf,
  type SchemaObject,
  SpecDocument,
} from './wire-check/spec-document.ts';
import { TsTypes } from './wire-check/ts-types.ts';

const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = resolve(
  process.argv[2] ?? join(packageDirectory, '../../../shared/openrouter/openapi.yaml'),
);

function fail(message: string): never {
  process.stderr.write(`check-wire-types: ${message}\n`);
  process.exit(2);
}

if (!existsSync(specPath)) {
  fail(
    `the OpenAPI spec was not found at ${specPath}.\n` +
      "This check compares src/wire with OpenRouter's official spec, which is not part of the repo.\n" +
      'Pass its path: node scripts/check-wire-types.ts /path/to/openapi.yaml',
  );
}

let document: SpecDocument;
try {
  const root: unknown = parse(readFileSync(specPath, 'utf8'), { maxAliasCount: -1 });
  if (typeof root !== 'object' || root === null) throw new Error('not a YAML mapping');
  document = new SpecDocument(root as SchemaObject);
} catch (error) {
  fail(`cannot read ${specPath}: ${error instanceof Error ? error.message : String(error)}`);
}

const wireDirectory = join(packageDirectory, 'src/wire');
const wireFiles = readdirSync(wireDirectory)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => join(wireDirectory, name));
const types = new TsTypes(wireFiles, {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
});

const comparator = new WireComparator(types, document, allowances);
for (const mapping of mappings) {
  let schema: unknown;
  try {
    const target = document.pointer(mapping.spec);
    schema = mapping.parameters === true ? parametersToSchema(target) : target;
  } catch (error) {
    comparator.issues.push({
      path: mapping.type,
      key: mapping.type,
      message: `spec location ${mapping.spec} is gone: ${error instanceof Error ? error.message : String(error)}`,
    });
    continue;
  }
  comparator.compare([types.named(mapping.type)], schema, mapping.type, mapping.type, mapping.direction);
}

// Informational: optional spec fields at the top level of each mapping that we do not model.
const notModelled: string[] = [];
for (const mapping of mappings) {
  try {
    const target = document.pointer(mapping.spec);
    const schema = mapping.parameters === true ? parametersToSchema(target) : target;
    const ours = new Set(types.properties(types.named(mapping.type)).map((property) => property.name));
    const names = new Set(
      document.alternatives(schema).flatMap((variant) => Object.keys(propertiesOf(variant))),
    );
    const missing = [...names].filter((name) => !ours.has(name));
    if (missing.length > 0) notModelled.push(`${mapping.type}: ${missing.join(', ')}`);
  } catch {
    // Reported above.
  }
}

const stale: string[] = [];
for (const [kind, entries] of Object.entries(allowances)) {
  for (const key of entries.keys()) {
    if (!comparator.used.has(`${kind}:${key}`)) stale.push(`${kind}: ${key}`);
  }
}
for (const name of unmapped.keys()) {
  if (!types.hasNamed(name)) stale.push(`unmapped: ${name} (no such wire type)`);
}

const out = process.stdout;
out.write(`Wire types vs ${specPath}\n`);
out.write(`Checked ${mappings.length} mappings:\n`);
for (const mapping of mappings) out.write(`  ${mapping.type} (${mapping.direction}) <-> ${mapping.spec}\n`);
out.write(`Not in the spec: ${[...unmapped].map(([name, reason]) => `${name} (${reason})`).join('; ')}\n`);
out.write(
  `Allowed differences used: ${comparator.used.size} ` +
    `(extensions ${allowances.extensions.size}, widenings ${allowances.widenings.size}, ` +
    `narrowings ${allowances.narrowings.size}, omissions ${allowances.omissions.size})\n`,
);

if (notModelled.length > 0) {
  out.write(`Optional spec fields not modelled (top level, informational):\n`);
  for (const line of notModelled) out.write(`  ${line}\n`);
}

if (comparator.issues.length === 0 && stale.length === 0) {
  out.write('OK: every modelled field agrees with the spec.\n');
  process.exit(0);
}
if (comparator.issues.length > 0) {
  out.write(`\n${comparator.issues.length} mismatch(es):\n`);
  for (const issue of comparator.issues) {
    out.write(`  ${issue.path}\n      ${issue.message}\n      (allow-list key: ${issue.key})\n`);
  }
}
if (stale.length > 0) {
  out.write(
    `\n${stale.length} allow-list entr${stale.length === 1 ? 'y is' : 'ies are'} no longer needed:\n`,
  );
  for (const entry of stale) out.write(`  ${entry}\n`);
}
process.exit(1);
