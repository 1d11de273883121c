import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_SCHEMA_PATH } from '../../tools/pve-sim/index.ts';
import { SUBSET_SCHEMA_PATH } from '../../tools/pve-sim/options.ts';
import type { SchemaNode } from '../../tools/pve-sim/schema.ts';
import { schemaSubset } from '../../tools/pve-sim/schema-subset.ts';

const tree: SchemaNode[] = [
  {
    path: '/cluster',
    info: { GET: { returns: { type: 'array' } } },
    children: [
      { path: '/cluster/nextid', info: { GET: { parameters: { properties: { vmid: { type: 'integer', optional: 1 } } } } } },
      { path: '/cluster/status', info: { GET: {} } },
    ],
  },
  { path: '/version', info: { GET: {}, PUT: {} } },
  { path: '/pools', info: { GET: {} }, children: [{ path: '/pools/{poolid}', info: { GET: {} } }] },
];

describe('pve-sim schema subset (tools/pve-sim/schema-subset.ts)', () => {
  it('keeps only the wanted methods, their ancestors, and every other field of their nodes', () => {
    const subset = schemaSubset(tree, new Set(['GET /cluster/nextid', 'GET /version']));
    assert.deepEqual(subset, [
      {
        path: '/cluster',
        info: {},
        children: [{ path: '/cluster/nextid', info: { GET: { parameters: { properties: { vmid: { type: 'integer', optional: 1 } } } } } }],
      },
      { path: '/version', info: { GET: {} } },
    ]);
  });

  it('names every wanted method the full schema lacks instead of writing a partial subset', () => {
    assert.throws(() => schemaSubset(tree, new Set(['GET /version', 'POST /version', 'GET /nodes'])), {
      message: 'Not in the schema: POST /version, GET /nodes',
    });
  });

  it('the simulator loads the subset kept in the repository, in the full schema\'s tree shape', () => {
    if (process.env.PVE_API_SCHEMA === undefined) assert.equal(DEFAULT_SCHEMA_PATH, SUBSET_SCHEMA_PATH);
    const subset = JSON.parse(readFileSync(SUBSET_SCHEMA_PATH, 'utf8')) as SchemaNode[];
    assert.deepEqual(subset.map((node) => node.path).sort(), ['/access', '/cluster', '/nodes', '/version']);
  });
});
