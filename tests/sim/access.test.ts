import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ALL_PRIVILEGES, type RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, startTestSim } from './helpers.ts';

describe('pve-sim GET /access/permissions', () => {
  let sim: RunningPveSim;
  const as = (tokenId: string, secret: string) => `PVEAPIToken=${tokenId}=${secret}`;
  const everything = Object.fromEntries([...ALL_PRIVILEGES].sort().map((p) => [p, 1]));

  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  it('reports the caller\'s privileges on one path as {path: {priv: 1}}', async () => {
    const answer = await call(sim, 'GET', '/access/permissions', { query: { path: '/vms' } });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body?.data, { '/vms': everything });
  });

  it('uses the most specific ACL entry, and answers an empty map where nothing is held', async () => {
    sim.sim.setToken({
      tokenId: 'a@pve!scoped',
      secret: 's',
      acl: [{ path: '/', privs: ['Sys.Audit'] }, { path: '/vms', privs: ['VM.Audit', 'VM.Clone'] }],
    });
    const auth = as('a@pve!scoped', 's');
    const vms = await call(sim, 'GET', '/access/permissions', { auth, query: { path: '/vms/101' } });
    assert.deepEqual(vms.body?.data, { '/vms/101': { 'VM.Audit': 1, 'VM.Clone': 1 } });
    sim.sim.setToken({ tokenId: 'a@pve!none', secret: 's', acl: [] });
    const none = await call(sim, 'GET', '/access/permissions', { auth: as('a@pve!none', 's'), query: { path: '/vms' } });
    assert.deepEqual(none.body?.data, { '/vms': {} });
  });

  it('without a path, lists the top-level and ACL paths where anything is held', async () => {
    sim.sim.setToken({
      tokenId: 'a@pve!tree',
      secret: 's',
      acl: [{ path: '/vms', privs: ['VM.Audit'] }, { path: '/storage/local-lvm', privs: ['Datastore.AllocateSpace'] }],
    });
    const answer = await call(sim, 'GET', '/access/permissions', { auth: as('a@pve!tree', 's') });
    assert.deepEqual(answer.body?.data, {
      '/vms': { 'VM.Audit': 1 },
      '/storage/local-lvm': { 'Datastore.AllocateSpace': 1 },
    });
  });

  it('needs Sys.Audit on /access for another token\'s permissions; the userid is schema-checked', async () => {
    sim.sim.setToken({ tokenId: 'a@pve!noaudit', secret: 's', acl: [{ path: '/vms', privs: ['VM.Audit'] }] });
    const denied = await call(sim, 'GET', '/access/permissions', { auth: as('a@pve!noaudit', 's'), query: { userid: sim.tokenId } });
    assert.equal(denied.status, 403);
    assert.equal(denied.reason, 'Permission check failed (/access, Sys.Audit)');
    const own = await call(sim, 'GET', '/access/permissions', { auth: as('a@pve!noaudit', 's'), query: { userid: 'a@pve!noaudit', path: '/vms' } });
    assert.deepEqual(own.body?.data, { '/vms': { 'VM.Audit': 1 } });

    const other = await call(sim, 'GET', '/access/permissions', { query: { userid: 'a@pve!noaudit', path: '/vms' } });
    assert.deepEqual(other.body?.data, { '/vms': { 'VM.Audit': 1 } });

    const invalid = await call(sim, 'GET', '/access/permissions', { query: { userid: 'no-realm' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body?.errors, { userid: 'value does not match the regex pattern' });
  });
});
