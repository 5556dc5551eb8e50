#!/usr/bin/env node
// Generates the npm package's typed API from the checked-in engine artefacts:
//
//   schema/ops/<op>.{request,response}.schema.json, schema/isms.schema.json,
//   schema/error.schema.json     (JSON Schemas, drift-tested by core/tests/schema_drift.rs)
//   tests/vectors/operations/expected.json   (the operations table, drift-tested by the vectors)
//
// into
//
//   bindings/wasm/js/types.d.ts  every request, response and document type
//   bindings/wasm/js/api.js      one method (document operations) or function (the others) per operation
//   bindings/wasm/js/api.d.ts    their signatures, one overload per output format
//
// Usage: node bindings/wasm/tools/gen.mjs [--check]
//   --check  compares instead of writing and fails, printing the fix command, when a file differs
//            (scripts/test-wasm runs it; the Node test suite runs it too).
//
// Nothing here knows an operation by name except `nc_transition`, whose method returns a new
// `Isms` handle instead of the document's JSON.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const OUT = join(HERE, '..', 'js');
const FIX = 'node bindings/wasm/tools/gen.mjs';

const readJson = (p) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

// --- JSON Schema (the subset schemars 1 emits) -> TypeScript ------------------------------------

const SHAPE_KEYS = new Set(['type', 'const', 'enum', '$ref', 'properties', 'additionalProperties', 'items',
  'prefixItems', 'oneOf', 'anyOf', 'allOf']);
const IGNORED_KEYS = new Set(['description', 'title', 'default', 'format', 'minimum', 'maximum', '$schema',
  '$defs', 'required', 'minItems', 'maxItems', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
  'maxLength', 'pattern', 'uniqueItems', 'deprecated', 'readOnly', 'writeOnly', 'examples']);

class Registry {
  constructor() {
    this.defs = new Map(); // name -> { schema, key, from }
  }
  add(name, schema, from) {
    const key = JSON.stringify(schema);
    const had = this.defs.get(name);
    if (had && had.key !== key) {
      throw new Error(`type ${name} has two different schemas (${had.from} and ${from}); rename one in the core`);
    }
    if (!had) this.defs.set(name, { schema, key, from });
  }
}

const ident = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const propName = (k) => (ident.test(k) ? k : JSON.stringify(k));

function doc(text, indent) {
  if (!text) return '';
  const lines = String(text).replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ' ' + l : ''}`).join('\n')}\n${indent} */\n`;
}

function paren(t) {
  return /[|&]/.test(t) && !/^[[{(]/.test(t) ? `(${t})` : t;
}

// `root` names the title of the schema a bare `#` refers to.
function ts(s, root, indent = '') {
  if (s === true || s === undefined) return 'unknown';
  if (s === false) return 'never';
  for (const k of Object.keys(s)) {
    if (!SHAPE_KEYS.has(k) && !IGNORED_KEYS.has(k)) throw new Error(`unsupported JSON Schema keyword ${k}`);
  }
  if (s.$ref !== undefined) {
    if (s.$ref === '#') return root;
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
    if (!m) throw new Error(`unsupported $ref ${s.$ref}`);
    return m[1];
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const parts = [];
  if (s.oneOf || s.anyOf) {
    const alts = (s.oneOf || s.anyOf).map((a) => paren(ts(a, root, indent)));
    parts.push([...new Set(alts)].join(' | '));
  }
  if (s.allOf) parts.push(...s.allOf.map((a) => paren(ts(a, root, indent))));
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const alts = types.map((t) => typeOf(t, s, root, indent));
    parts.push(alts.length > 1 ? alts.map(paren).join(' | ') : alts[0]);
  } else if (s.properties) {
    parts.push(typeOf('object', s, root, indent));
  }
  if (parts.length === 0) return 'unknown';
  return parts.length === 1 ? parts[0] : parts.map(paren).join(' & ');
}

function typeOf(t, s, root, indent) {
  switch (t) {
    case 'string': return 'string';
    case 'integer': case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array':
      if (s.prefixItems) return `[${s.prefixItems.map((i) => ts(i, root, indent)).join(', ')}]`;
      return `${paren(ts(s.items, root, indent))}[]`;
    case 'object': return objectType(s, root, indent);
    default: throw new Error(`unsupported type ${t}`);
  }
}

function objectType(s, root, indent) {
  const props = s.properties || {};
  const required = new Set(s.required || []);
  const inner = indent + '  ';
  const lines = Object.entries(props).map(([k, v]) =>
    `${doc(v.description, inner)}${inner}${propName(k)}${required.has(k) ? '' : '?'}: ${ts(v, root, inner)};\n`);
  const extra = s.additionalProperties;
  if (extra !== undefined && extra !== false) {
    const value = extra === true ? 'unknown' : ts(extra, root, inner);
    if (lines.length === 0) return `{ [key: string]: ${value} }`;
    lines.push(`${inner}[key: string]: unknown;\n`);
  } else if (lines.length === 0) {
    return extra === false ? 'Record<string, never>' : '{ [key: string]: unknown }';
  }
  return `{\n${lines.join('')}${indent}}`;
}

function declaration(name, schema, root) {
  const body = ts(schema, root);
  const head = doc(schema.description, '');
  if (body.startsWith('{\n') && !schema.oneOf && !schema.anyOf && !schema.allOf) {
    return `${head}export interface ${name} ${body}\n`;
  }
  return `${head}export type ${name} = ${body};\n`;
}

// --- the operations ------------------------------------------------------------------------------

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
// A schema title names a declared type when it is an identifier schemars made from a Rust type.
const namedTitle = (t) => ident.test(t) && !/^(Array_of_|Nullable_|Map_of_)/.test(t) && !['string', 'AnyValue', 'boolean', 'number', 'integer'].includes(t);

function generate() {
  const registry = new Registry();
  const ops = readJson('tests/vectors/operations/expected.json');
  const aliases = [];
  const rootTypes = [];

  const rootSchema = (file, alias) => {
    const s = readJson(file);
    for (const [n, d] of Object.entries(s.$defs || {})) registry.add(n, d, file);
    const title = s.title;
    const rest = { ...s };
    delete rest.$defs; delete rest.$schema; delete rest.$id; delete rest.title;
    if (namedTitle(title)) {
      registry.add(title, rest, file);
      if (alias && alias !== title) aliases.push(`/** \`${alias}\`. */\nexport type ${alias} = ${title};\n`);
      return title;
    }
    if (!alias) throw new Error(`${file}: a root schema without a type name`);
    aliases.push(`${doc(s.description, '')}export type ${alias} = ${ts(rest, alias)};\n`);
    return alias;
  };

  const documentType = rootSchema('schema/isms.schema.json', null);
  rootTypes.push(documentType);
  rootSchema('schema/error.schema.json', null);

  const entries = ops.map((op) => {
    const base = pascal(op.name);
    const request = rootSchema(`schema/ops/${op.name}.request.schema.json`, `${base}Request`);
    const response = rootSchema(`schema/ops/${op.name}.response.schema.json`, `${base}Response`);
    const req = readJson(`schema/ops/${op.name}.request.schema.json`);
    const optional = !(req.required && req.required.length);
    const empty = Object.keys(req.properties || {}).length === 0;
    return { ...op, method: camel(op.name), request, requestAlias: `${base}Request`, response, optional, empty };
  });

  const names = [...registry.defs.keys()].sort();
  let types = `// Generated by \`${FIX}\` from the engine's JSON Schemas (schema/); do not edit.\n`;
  types += '// Every request, response and document type of the isms engine.\n\n';
  for (const name of names) types += declaration(name, registry.defs.get(name).schema, name) + '\n';
  types += aliases.join('\n');
  types += '\n/** Every operation: its request, response and output formats. */\nexport interface Operations {\n';
  for (const e of entries) {
    types += `  ${e.name}: { request: ${e.requestAlias}; response: ${pascal(e.name)}Response; formats: ${e.formats.map((f) => JSON.stringify(f)).join(' | ')}; needsDocument: ${e.needs_document} };\n`;
  }
  types += '}\n\n/** The name of an operation. */\nexport type OperationName = keyof Operations;\n';

  // api.js: the methods and functions.
  let js = `// Generated by \`${FIX}\` from the operations table; do not edit.\n`;
  js += '// One method per document operation and one function per operation without a document;\n';
  js += '// each runs the engine and returns the parsed JSON, or the rendered text for another format.\n';
  js += "import { IsmsBase, runFree } from './isms.js';\n\n";
  js += '/** A validated ISMS document (immutable) and every operation on it. */\nexport class Isms extends IsmsBase {\n';
  for (const e of entries.filter((e) => e.needs_document)) {
    js += `  /** ${e.summary.replace(/\*\//g, '')} */\n`;
    js += e.name === 'nc_transition'
      ? `  ${e.method}(request) {\n    return this._transition(request);\n  }\n\n`
      : `  ${e.method}(request) {\n    return this._run(${JSON.stringify(e.name)}, request);\n  }\n\n`;
  }
  js = js.replace(/\n\n$/, '\n') + '}\n';
  for (const e of entries.filter((e) => !e.needs_document)) {
    js += `\n/** ${e.summary.replace(/\*\//g, '')} */\nexport function ${e.method}(request) {\n  return runFree(${JSON.stringify(e.name)}, request);\n}\n`;
  }

  // api.d.ts: the signatures, one overload per format.
  let dts = `// Generated by \`${FIX}\` from the operations table; do not edit.\n`;
  dts += "import type * as T from './types.js';\nimport { IsmsBase } from './isms.js';\n\n";
  const sigs = (e, indent, prefix) => {
    const q = e.optional ? '?' : '';
    const resp = `T.${pascal(e.name)}Response`;
    const out = [];
    const others = e.formats.filter((f) => f !== 'json');
    const jsonReturn = e.name === 'nc_transition' ? 'Isms' : resp;
    // A request without parameters (`NoParams`, a closed empty object) takes only `format`.
    const req = (fmt) => (e.empty ? `{ ${fmt} }` : `T.${e.requestAlias} & { ${fmt} }`);
    out.push(`${indent}${prefix}${e.method}(request${q}: ${req('format?: "json"')}): ${jsonReturn};`);
    if (others.length) {
      out.push(`${indent}${prefix}${e.method}(request: ${req(`format: ${others.map((f) => JSON.stringify(f)).join(' | ')}`)}): string;`);
    }
    return `${indent}/** ${e.summary.replace(/\*\//g, '')} */\n${out.join('\n')}\n`;
  };
  dts += '/** A validated ISMS document (immutable) and every operation on it. */\nexport declare class Isms extends IsmsBase {\n';
  dts += entries.filter((e) => e.needs_document).map((e) => sigs(e, '  ', '')).join('');
  dts += '}\n';
  for (const e of entries.filter((e) => !e.needs_document)) dts += '\n' + sigs(e, '', 'export declare function ');

  // The entry points' declarations: the wrapper (isms.d.ts, derived by tsc from its JSDoc), the
  // generated API and types, and `init`.
  const entry = (initDoc, initSig) => `// Generated by \`${FIX}\`; do not edit.\n`
    + "export * from './isms.js';\nexport * from './api.js';\nexport type * from './types.js';\n\n"
    + `${initDoc}export declare function init(${initSig}): Promise<void>;\n`;
  const initWeb = entry('/**\n * Instantiates the engine once; later calls return the same promise. `input` overrides where the\n'
    + ' * module comes from (a URL, a Response, bytes or a compiled WebAssembly.Module); by default it is\n'
    + ' * `isms_wasm_bg.wasm` next to the module.\n */\n',
  'input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module');
  const initNode = entry('/** Resolves at once: in Node the engine is instantiated when the package is imported. */\n', '_input?: unknown');
  return {
    'index.d.ts': initWeb,
    'node.d.ts': initNode,
    'types.d.ts': types,
    'api.js': js,
    'api.d.ts': dts,
  };
}

const check = process.argv.includes('--check');
const files = generate();
const stale = [];
for (const [name, text] of Object.entries(files)) {
  const path = join(OUT, name);
  let old = null;
  try { old = readFileSync(path, 'utf8'); } catch { /* missing */ }
  if (old === text) continue;
  if (check) stale.push(relative(ROOT, path));
  else { writeFileSync(path, text); console.log(`wrote ${relative(ROOT, path)}`); }
}
if (stale.length) {
  console.error(`generated TypeScript API is stale: ${stale.join(', ')}\nFix: ${FIX}`);
  process.exit(1);
}
if (check) console.log(`generated API up to date (${Object.keys(files).join(', ')}; ${readdirSync(join(ROOT, 'schema', 'ops')).length} schemas)`);
