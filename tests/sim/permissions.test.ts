import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { aclWithout, type RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, cloneAndWait, control, startTestSim, upidOf, vmPath } from './helpers.ts';

describe('pve-sim permissions', () => {
  let sim: RunningPveSim;
  const as = (tokenId: string, secret: string) => `PVEAPIToken=${tokenId}=${secret}`;

  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  it('names the path and privilege in the 403, as Proxmox does', async () => {
    await control(sim, 'POST', '/tokens', { tokenId: 'noclone@pve!t', secret: 's', withoutPrivileges: ['VM.Clone'] });
    const answer = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { auth: as('noclone@pve!t', 's'), form: { newid: '150' } });
    assert.equal(answer.status, 403);
    assert.equal(answer.reason, 'Permission check failed (/vms/9003, VM.Clone)');
    assert.deepEqual(answer.body, { data: null, message: 'Permission check failed (/vms/9003, VM.Clone)\n' });
  });

  it('checks permissions before parameters (403 before 400)', async () => {
    sim.sim.setToken({ tokenId: 'noclone@pve!t', secret: 's', acl: aclWithout(['VM.Clone']) });
    const answer = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { auth: as('noclone@pve!t', 's'), form: { newid: '150', full: 'true', bogus: '1' } });
    assert.equal(answer.status, 403);
    const full = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { form: { newid: '150', full: 'true' } });
    assert.equal(full.status, 400);
  });

  it('asks for VM.Allocate on the new id and storage/SDN rights for a full clone', async () => {
    sim.sim.setToken({ tokenId: 'a@pve!noalloc', secret: 's', acl: aclWithout(['VM.Allocate']) });
    const noAllocate = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { auth: as('a@pve!noalloc', 's'), form: { newid: '150' } });
    assert.equal(noAllocate.status, 403);
    assert.equal(noAllocate.reason, 'Permission check failed');
    sim.sim.setToken({ tokenId: 'a@pve!nospace', secret: 's', acl: aclWithout(['Datastore.AllocateSpace']) });
    const noSpace = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { auth: as('a@pve!nospace', 's'), form: { newid: '150', full: '1' } });
    assert.equal(noSpace.reason, 'Permission check failed (/storage/local-lvm, Datastore.AllocateSpace)');
    sim.sim.setToken({ tokenId: 'a@pve!nosdn', secret: 's', acl: aclWithout(['SDN.Use']) });
    const noSdn = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { auth: as('a@pve!nosdn', 's'), form: { newid: '150', full: '1' } });
    assert.equal(noSdn.reason, 'Permission check failed (/sdn/zones/localnetwork/vmbr0, SDN.Use)');
    assert.equal(sim.sim.guests.has(150), false);
  });

  it('checks config keys one by one (VM.Config.Memory for memory, VM.Config.CPU for cores)', async () => {
    await cloneAndWait(sim, 9003, 150);
    sim.sim.setToken({ tokenId: 'a@pve!nomem', secret: 's', acl: aclWithout(['VM.Config.Memory']) });
    const auth = as('a@pve!nomem', 's');
    const memory = await call(sim, 'PUT', vmPath(sim, 150, '/config'), { auth, form: { cores: '4', memory: '4096' } });
    assert.equal(memory.status, 403);
    assert.equal(memory.reason, 'Permission check failed (/vms/150, VM.Config.Memory)');
    const cores = await call(sim, 'PUT', vmPath(sim, 150, '/config'), { auth, form: { cores: '4' } });
    assert.equal(cores.status, 200);
  });

  it('uses the most specific ACL path and silently filters lists', async () => {
    sim.sim.setToken({
      tokenId: 'a@pve!scoped',
      secret: 's',
      acl: [
        { path: '/', privs: ['VM.Audit', 'Sys.Audit'] },
        { path: '/vms/9002', privs: [] },
      ],
    });
    const auth = as('a@pve!scoped', 's');
    const list = await call(sim, 'GET', `/nodes/${sim.node}/qemu`, { auth });
    assert.equal(list.status, 200);
    const ids = (list.body?.data as { vmid: number }[]).map((v) => v.vmid).sort();
    assert.deepEqual(ids, [100, 9001, 9003]);
    const denied = await call(sim, 'GET', vmPath(sim, 9002, '/config'), { auth });
    assert.equal(denied.reason, 'Permission check failed (/vms/9002, VM.Audit)');
    const resources = await call(sim, 'GET', '/cluster/resources', { auth, query: { type: 'vm' } });
    assert.equal((resources.body?.data as { vmid: number }[]).some((r) => r.vmid === 9002), false);
  });

  it('requires a guest-agent privilege for network-get-interfaces', async () => {
    sim.sim.setToken({ tokenId: 'a@pve!noga', secret: 's', acl: aclWithout(['VM.GuestAgent.Audit', 'VM.GuestAgent.Unrestricted']) });
    const answer = await call(sim, 'GET', vmPath(sim, 100, '/agent/network-get-interfaces'), { auth: as('a@pve!noga', 's') });
    assert.equal(answer.reason, 'Permission check failed (/vms/100, VM.GuestAgent.Audit|VM.GuestAgent.Unrestricted)');
  });

  it('refuses skiplock for tokens with 400 Only root may use this option.', async () => {
    const answer = await call(sim, 'POST', vmPath(sim, 9003, '/status/stop'), { form: { skiplock: '1' } });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body?.errors, { skiplock: 'Only root may use this option.' });
  });

  it("lets a token read its own tasks but needs Sys.Audit for another's", async () => {
    const upid = upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/stop')));
    sim.sim.setToken({ tokenId: 'b@pve!other', secret: 's', acl: aclWithout(['Sys.Audit']) });
    const answer = await call(sim, 'GET', `/nodes/${sim.node}/tasks/${encodeURIComponent(upid)}/status`, { auth: as('b@pve!other', 's') });
    assert.equal(answer.status, 403);
    assert.equal(answer.reason, `Permission check failed (/nodes/${sim.node}, Sys.Audit)`);
  });
});
