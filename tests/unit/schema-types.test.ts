import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { TypeFile, violations, type JsonSchema } from '../support/schema-types.ts';

// The comparison behind tests/api/response-schemas.test.ts, on a small type file of its own.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-schema-types-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'types.ts');
fs.writeFileSync(file, `
export type Kind = 'a' | 'b';
export type Entry = ({ kind: 'a' | 'b' } & { port: number }) | { kind: 'note'; text: string };
export interface Thing {
  id: number;
  name: string | null;
  kind: Kind;
  on: boolean;
  tags: string[];
  entries: Entry[];
  details: Record<string, unknown>;
  hint?: string | null;
  family: 4 | 6;
}
`);
const types = new TypeFile(file);

const object = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object', properties, required: Object.keys(properties).filter((name) => !optional.includes(name)), additionalProperties: false,
});
const entry: JsonSchema = {
  type: 'object',
  oneOf: [
    object({ kind: { type: 'string', enum: ['a', 'b'] }, port: { type: 'integer' } }),
    object({ kind: { type: 'string', enum: ['note'] }, text: { type: 'string' } }),
  ],
};
const properties: Record<string, JsonSchema> = {
  id: { type: 'integer' },
  name: { type: ['string', 'null'] },
  kind: { type: 'string', enum: ['a', 'b'] },
  on: { type: 'boolean' },
  tags: { type: 'array', items: { type: 'string' } },
  entries: { type: 'array', items: entry },
  details: { type: 'object', additionalProperties: true },
  hint: { type: ['string', 'null'] },
  family: { type: 'integer', enum: [4, 6] },
};
const thing = object(properties, ['hint']);
const without = (name: string): JsonSchema => object(Object.fromEntries(Object.entries(properties).filter(([key]) => key !== name)), ['hint']);

test('a schema of the same shape leaves no difference', () => {
  assert.deepEqual(types.compare(thing, 'Thing'), []);
});

test('a property on one side only is a difference, either way', () => {
  assert.deepEqual(types.compare(without('on'), 'Thing'), ['Thing.on: in TypeScript only']);
  assert.deepEqual(types.compare(object({ ...properties, extra: { type: 'string' } }, ['hint']), 'Thing'), ['Thing.extra: in the schema only']);
});

test('null, optional, types, enums and union members must agree', () => {
  const changed = (name: string, schema: JsonSchema, optional = ['hint']) => types.compare(object({ ...properties, [name]: schema }, optional), 'Thing');
  assert.deepEqual(changed('name', { type: 'string' }), ['Thing.name: nullable in TypeScript only']);
  assert.deepEqual(changed('id', { type: 'string' }), ['Thing.id: string in the schema, number in TypeScript']);
  assert.deepEqual(changed('kind', { type: 'string', enum: ['a'] }), ['Thing.kind: enum ["a"] in the schema, ["a","b"] in TypeScript']);
  assert.deepEqual(changed('family', { type: 'integer' }), ['Thing.family: a union in TypeScript, integer in the schema']);
  assert.deepEqual(types.compare(object(properties), 'Thing'), ['Thing.hint: optional in TypeScript, always present in the schema']);
  assert.deepEqual(changed('details', { type: 'string' }), ['Thing.details: string in the schema, Record<string, unknown> in TypeScript']);
  const oneShape = { type: 'array', items: { type: 'object', oneOf: [entry.oneOf![0]!] } } satisfies JsonSchema;
  assert.deepEqual(changed('entries', oneShape), ['Thing.entries[]: { kind: "note"; text: string; } matches no alternative of the schema']);
  assert.deepEqual(types.compare(thing, 'Missing'), ['Missing: not exported by the type file']);
});

test('violations() names what an answer has that its schema does not allow', () => {
  const answer = { id: 1, name: null, kind: 'a', on: true, tags: ['x'], entries: [{ kind: 'note', text: 't' }], details: {}, family: 4 };
  assert.deepEqual(violations(thing, answer), []);
  assert.deepEqual(violations(thing, { ...answer, extra: 1, id: 1.5, kind: 'c' }), ['$.id: number, the schema says integer', '$.kind: "c" not in ["a","b"]', '$.extra: not in the schema']);
  const { on: _on, ...missing } = answer;
  assert.deepEqual(violations(thing, { ...missing, entries: [{ kind: 'a', text: 't' }] }), ['$.on: missing', '$.entries[0]: matches 0 alternatives of oneOf']);
});
