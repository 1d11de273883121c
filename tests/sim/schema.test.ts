import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiSchema, DEFAULT_SCHEMA_PATH, ROUTES, validateParams, type RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, startTestSim, vmPath } from './helpers.ts';

const schema = new ApiSchema(DEFAULT_SCHEMA_PATH);

/** A concrete URL for a route template. */
function concrete(path: string, node: string): string {
  return path
    .replace('{node}', node)
    .replace('{vmid}', '9003')
    .replace('{snapname}', 'snap1')
    .replace('{upid}', encodeURIComponent(`UPID:${node}:00001234:00005678:6700AB12:qmstart:9003:portal@pve!support-portal:`));
}

describe('pve-sim conformance with the official API schema', () => {
  let sim: RunningPveSim;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim.stop());

  it('only routes that exist in the schema, with that method', () => {
    assert.ok(ROUTES.length >= 20);
    for (const route of ROUTES) {
      assert.ok(schema.method(route.method, route.path), `${route.method} ${route.path} is in the schema (regenerate the subset: npm run pve-sim:schema -- <full schema>)`);
    }
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    assert.equal(new Set(keys).size, keys.length, 'no duplicate routes');
  });

  it('accepts exactly the parameters the schema defines, on every route', async () => {
    for (const route of ROUTES) {
      const info = schema.require(route.method, route.path);
      const props = Object.keys(info.parameters?.properties ?? {});
      assert.throws(() => validateParams(info, { not_a_pve_param: '1' }), (err: { status?: number; errors?: Record<string, string> }) => {
        assert.equal(err.status, 400);
        assert.equal(err.errors?.['not_a_pve_param'], 'property is not defined in schema and the schema does not allow additional properties');
        return true;
      });
      // Over HTTP: the unknown parameter goes where the method carries parameters.
      const carrier = route.method === 'GET' || route.method === 'DELETE' ? { query: { not_a_pve_param: '1' } } : { form: { not_a_pve_param: '1' } };
      const answer = await call(sim, route.method, concrete(route.path, sim.node), carrier);
      assert.equal(answer.status, 400, `${route.method} ${route.path}`);
      assert.equal(answer.reason, 'Parameter verification failed.');
      assert.equal(answer.body?.errors?.['not_a_pve_param'], 'property is not defined in schema and the schema does not allow additional properties');
      for (const p of props.filter((name) => !name.endsWith('[n]'))) {
        assert.notEqual(answer.body?.errors?.[p], 'property is not defined in schema and the schema does not allow additional properties', p);
      }
    }
  });

  it('rejects `true` for a boolean in form data, and out-of-range VMIDs', async () => {
    const answer = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { form: { newid: '99', full: 'true' } });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, {
      data: null,
      message: 'Parameter verification failed.\n',
      errors: { newid: 'value must have a minimum value of 100', full: "type check ('boolean') failed - got 'true'" },
    });
    const missing = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { form: {} });
    assert.equal(missing.body?.errors?.['newid'], 'property is missing and it is not optional');
    const enumAnswer = await call(sim, 'GET', '/cluster/resources', { query: { type: 'qemu' } });
    assert.match(String(enumAnswer.body?.errors?.['type']), /does not have a value in the enumeration 'vm, storage, node, sdn'/);
    const badInt = await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { cores: 'two', name: 'not_a_dns_name!' } });
    assert.deepEqual(Object.keys(badInt.body?.errors ?? {}).sort(), ['cores', 'name']);
    const badProp = await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { net0: 'virtio=BC:24:11:00:00:01,bridge=vmbr0,speed=9' } });
    assert.match(String(badProp.body?.errors?.['net0']), /invalid format/);
  });

  it('accepts JSON bodies (JSON booleans become 1/0) and lets the query override the body', async () => {
    const json = await call(sim, 'PUT', vmPath(sim, 100, '/config'), { json: { description: 'from json', protection: false, onboot: true } });
    assert.equal(json.status, 200);
    assert.equal(sim.sim.guests.get(100)?.config['onboot'], 1);
    const overridden = await call(sim, 'PUT', `${vmPath(sim, 100, '/config')}?description=from%20query`, { form: { description: 'from body' } });
    assert.equal(overridden.status, 200);
    assert.equal(sim.sim.guests.get(100)?.config['description'], 'from query');
  });

  it('answers 501 for a body on GET or DELETE, unknown routes and unsupported methods', async () => {
    const getBody = await call(sim, 'GET', '/version', { form: { a: '1' } });
    assert.deepEqual([getBody.status, getBody.reason, getBody.raw], [501, "Unexpected content for method 'GET'", '']);
    const deleteBody = await call(sim, 'DELETE', vmPath(sim, 9003), { form: { purge: '1' } });
    assert.deepEqual([deleteBody.status, deleteBody.reason], [501, "Unexpected content for method 'DELETE'"]);
    const unknown = await call(sim, 'GET', '/nodes/pve-sim/lxc');
    assert.deepEqual([unknown.status, unknown.reason, unknown.body?.message], [501, "Method 'GET /nodes/pve-sim/lxc' not implemented", "Method 'GET /nodes/pve-sim/lxc' not implemented\n"]);
    const wrongMethod = await call(sim, 'PUT', '/version', { form: { a: '1' } });
    assert.equal(wrongMethod.status, 501);
  });

  it('answers unknown UPIDs with 400 no such task', async () => {
    const answer = await call(sim, 'GET', concrete('/nodes/{node}/tasks/{upid}/status', sim.node));
    assert.deepEqual([answer.status, answer.body?.errors], [400, { upid: 'no such task' }]);
    const garbage = await call(sim, 'GET', `/nodes/${sim.node}/tasks/garbage/status`);
    assert.deepEqual(garbage.body?.errors, { upid: 'unable to parse worker upid' });
  });
});
