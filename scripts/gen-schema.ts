/**
 * Generates src/engine/api/schema/kubernetes.json: a JSON Schema (draft-07 style) for every kind the
 * simulated API server serves, read with the TypeScript compiler API from kubernetes-types' declarations.
 * It drives strict decoding (unknown fields, wrong types) and can drive an editor's completion.
 *
 *   npm run gen:schema      (npx tsx scripts/gen-schema.ts)
 *
 * Conventions: definitions are named "<group>.<version>.<Type>" ("apps.v1.Deployment", "meta.v1.ObjectMeta");
 * every definition records its Go type in "x-go-type" (for Go-style decoding errors); IntOrString fields
 * (`number | string`) are marked "x-kubernetes-int-or-string", Quantity "x-kubernetes-quantity" (a string,
 * numbers accepted), Time a date-time string; readonly (server-set) fields are "readOnly".
 */
import { KIND_INFO } from '../src/engine';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';

type Json = { [k: string]: unknown };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src/engine/api/schema/kubernetes.json');
const typesDir = dirname(createRequire(import.meta.url).resolve('kubernetes-types/package.json'));

/**
 * The kinds to emit: every kind the API server serves (KIND_INFO), each mapped to the kubernetes-types
 * file that declares it: "apps/v1" -> apps/v1, "v1" -> core/v1, "networking.k8s.io/v1" -> networking/v1.
 */
const KINDS: Record<string, string> = Object.fromEntries(
  Object.entries(KIND_INFO).map(([kind, { apiVersion }]) => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
    return [kind, `${(group ?? 'core').split('.')[0]}/${version}`];
  }),
);

/** Integer fields that are int64 in Go (everything else numeric is int32), for decoding messages. */
const INT64_FIELDS = new Set([
  'activeDeadlineSeconds',
  'deletionGracePeriodSeconds',
  'expirationSeconds',
  'fsGroup',
  'generation',
  'observedGeneration',
  'runAsGroup',
  'runAsUser',
  'sizeBytes',
  'supplementalGroups',
  'terminationGracePeriodSeconds',
  'tolerationSeconds',
]);

/** Go package names as they appear in Go type names ("v1.PodSpec", "resource.Quantity"). */
function goPackage(defName: string): string {
  return defName.split('.')[1] ?? 'v1';
}

const files = [...new Set(Object.values(KINDS))].map((f) => join(typesDir, `${f}.d.ts`));
const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();
const definitions: Record<string, Json> = {};

function docOf(node: ts.Node): string | undefined {
  const sym = (node as { name?: ts.Node }).name
    ? checker.getSymbolAtLocation((node as unknown as { name: ts.Node }).name)
    : undefined;
  const text = sym ? ts.displayPartsToString(sym.getDocumentationComment(checker)).trim() : '';
  return text || undefined;
}

function defNameOf(decl: ts.Declaration): string {
  const file = relative(typesDir, decl.getSourceFile().fileName).replace(/\.d\.ts$/, '');
  const name = (decl as ts.InterfaceDeclaration).name.text;
  return `${file.split(/[\\/]/).join('.')}.${name}`;
}

/** The Go type a schema decodes into ("v1.Container" for a reference to core.v1.Container). */
function goTypeOf(s: Json): string {
  if (typeof s.$ref === 'string') {
    const def = s.$ref.slice('#/definitions/'.length);
    return `${goPackage(def)}.${def.slice(def.lastIndexOf('.') + 1)}`;
  }
  return typeof s['x-go-type'] === 'string' ? s['x-go-type'] : 'interface {}';
}

function schemaForTypeNode(node: ts.TypeNode, fieldName: string): Json {
  if (ts.isParenthesizedTypeNode(node)) return schemaForTypeNode(node.type, fieldName);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string', 'x-go-type': 'string' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean', 'x-go-type': 'bool' };
    case ts.SyntaxKind.NumberKeyword: {
      const format = INT64_FIELDS.has(fieldName) ? 'int64' : 'int32';
      return { type: 'integer', format, 'x-go-type': format };
    }
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return { 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
    return { type: 'string', enum: [node.literal.text], 'x-go-type': 'string' };
  }
  if (ts.isUnionTypeNode(node)) {
    const kinds = node.types.map((t) => t.kind).sort();
    if (
      kinds.length === 2 &&
      kinds.includes(ts.SyntaxKind.NumberKeyword) &&
      kinds.includes(ts.SyntaxKind.StringKeyword)
    ) {
      return {
        type: ['integer', 'string'],
        'x-kubernetes-int-or-string': true,
        'x-go-type': 'intstr.IntOrString',
      };
    }
    const literals = node.types.filter(
      (t): t is ts.LiteralTypeNode => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal),
    );
    if (literals.length === node.types.length) {
      return {
        type: 'string',
        enum: literals.map((l) => (l.literal as ts.StringLiteral).text),
        'x-go-type': 'string',
      };
    }
    return { anyOf: node.types.map((t) => schemaForTypeNode(t, fieldName)) };
  }
  if (ts.isArrayTypeNode(node)) {
    const items = schemaForTypeNode(node.elementType, fieldName);
    return { type: 'array', items, 'x-go-type': `[]${goTypeOf(items)}` };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) {
      const values = schemaForTypeNode(index.type, fieldName);
      return { type: 'object', additionalProperties: values, 'x-go-type': `map[string]${goTypeOf(values)}` };
    }
    return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
    const [arg] = node.typeArguments ?? [];
    if ((name === 'Array' || name === 'ReadonlyArray') && arg) {
      const items = schemaForTypeNode(arg, fieldName);
      return { type: 'array', items, 'x-go-type': `[]${goTypeOf(items)}` };
    }
    if (name === 'Quantity')
      return { type: ['string', 'number'], 'x-kubernetes-quantity': true, 'x-go-type': 'resource.Quantity' };
    if (name === 'Time' || name === 'MicroTime') {
      return { type: 'string', format: 'date-time', 'x-go-type': `v1.${name}` };
    }
    let sym = checker.getSymbolAtLocation(node.typeName);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const decl = sym?.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl)) {
      const def = defNameOf(decl);
      emitInterface(decl, def);
      return { $ref: `#/definitions/${def}` };
    }
    if (decl && ts.isTypeAliasDeclaration(decl)) return schemaForTypeNode(decl.type, fieldName);
  }
  return { 'x-kubernetes-preserve-unknown-fields': true };
}

function emitInterface(decl: ts.InterfaceDeclaration, def: string): void {
  if (definitions[def]) return;
  const schema: Json = { type: 'object', 'x-go-type': `${goPackage(def)}.${decl.name.text}` };
  definitions[def] = schema; // registered first: recursive types (JSONSchemaProps) terminate
  const description = docOf(decl);
  if (description) schema.description = description;
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.getText().replace(/^["']|["']$/g, '');
    const prop = schemaForTypeNode(m.type, name);
    const d = docOf(m);
    const full: Json = prop.$ref ? { allOf: [prop] } : { ...prop };
    if (prop.$ref) full['x-go-type'] = undefined;
    if (d) full.description = d;
    if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword)) full.readOnly = true;
    properties[name] = prop.$ref && !d && !full.readOnly ? prop : stripUndefined(full);
    if (!m.questionToken) required.push(name);
  }
  schema.properties = properties;
  if (required.length) schema.required = required;
  schema.additionalProperties = false;
}

function stripUndefined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const kinds: Record<string, Json> = {};
for (const [kind, file] of Object.entries(KINDS)) {
  const sf = program.getSourceFile(join(typesDir, `${file}.d.ts`));
  const decl = sf?.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === kind,
  );
  if (!decl) throw new Error(`kubernetes-types has no ${kind} in ${file}`);
  const def = defNameOf(decl);
  emitInterface(decl, def);
  kinds[kind] = { $ref: `#/definitions/${def}` };
}

const sortedDefinitions = Object.fromEntries(
  Object.keys(definitions)
    .sort()
    .map((k) => [k, definitions[k]]),
);
const version = (createRequire(import.meta.url)('kubernetes-types/package.json') as { version: string })
  .version;
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: `Generated by scripts/gen-schema.ts from kubernetes-types ${version}. Do not edit.`,
  title: 'Kubernetes objects served by the Setpoint API server',
  kinds,
  oneOf: Object.values(kinds),
  definitions: sortedDefinitions,
};
mkdirSync(dirname(out), { recursive: true });
// Formatted as the repository's prettier would, so `prettier --check .` stays clean.
const options = (await prettier.resolveConfig(out)) ?? {};
writeFileSync(
  out,
  await prettier.format(JSON.stringify(schema), { ...options, parser: 'json', filepath: out }),
);
console.log(
  `wrote ${relative(root, out)}: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions`,
);
