import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, cloneAndWait, control, startTestSim, upidOf, vmPath, waitTask } from './helpers.ts';

interface Iface {
  name: string;
  'hardware-address': string;
  'ip-addresses': { 'ip-address': string; 'ip-address-type': string; prefix: number }[];
}

describe('pve-sim VM lifecycle', () => {
  let sim: RunningPveSim;
  before(async () => {
    sim = await startTestSim({ timings: { authFailureDelayMs: 5, agentStartupMs: 3_600_000 } });
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  it('clones, configures, starts, reports IPs, stops and deletes a VM', async () => {
    const nextid = await call(sim, 'GET', '/cluster/nextid');
    assert.equal(nextid.body?.data, '101'); // a JSON string; 100 and 200 are taken
    const vmid = Number(nextid.body?.data);

    const upid = upidOf(await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { form: { newid: String(vmid), name: 'support-test-1', full: '1' } }));
    assert.match(upid, new RegExp(`^UPID:${sim.node}:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:9003:portal@pve!support-portal:$`));
    const cloned = await waitTask(sim, upid);
    assert.deepEqual([cloned.status, cloned.exitstatus, cloned.type, cloned.id], ['stopped', 'OK', 'qmclone', '9003']);
    const log = await call(sim, 'GET', `/nodes/${sim.node}/tasks/${encodeURIComponent(upid)}/log`);
    const lines = log.body?.data as { n: number; t: string }[];
    assert.equal(lines.at(-1)?.t, 'TASK OK');
    assert.equal(lines[0]?.n, 1);

    const config = (await call(sim, 'GET', vmPath(sim, vmid, '/config'))).body?.data as Record<string, unknown>;
    assert.equal(config['name'], 'support-test-1');
    assert.equal(config['template'], undefined);
    assert.equal(config['lock'], undefined);
    assert.match(String(config['scsi0']), new RegExp(`^local-lvm:vm-${vmid}-disk-0,.*size=32G`));
    assert.match(String(config['digest']), /^[0-9a-f]{40}$/);
    const templateMac = /virtio=([0-9A-F:]+)/.exec(String(sim.sim.guests.get(9003)?.config['net0']))?.[1];
    const mac = /virtio=([0-9A-F:]+)/.exec(String(config['net0']))?.[1];
    assert.ok(mac && mac !== templateMac, 'a clone gets its own MAC');

    const put = await call(sim, 'PUT', vmPath(sim, vmid, '/config'), { form: { cores: '4', memory: '8192', tags: 'Portal;owner-7', description: 'deployment 12' } });
    assert.deepEqual([put.status, put.body?.data], [200, null]);

    const start = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, vmid, '/status/start'))));
    assert.equal(start.exitstatus, 'OK');
    const current = (await call(sim, 'GET', vmPath(sim, vmid, '/status/current'))).body?.data as Record<string, unknown>;
    assert.equal(current['status'], 'running');
    assert.equal(current['qmpstatus'], 'running');
    assert.equal(current['maxmem'], 8192 * 2 ** 20);
    assert.equal(current['cpus'], 4);
    assert.equal(current['agent'], 1);
    assert.equal(current['tags'], 'owner-7;portal');

    const early = await call(sim, 'GET', vmPath(sim, vmid, '/agent/network-get-interfaces'));
    assert.deepEqual([early.status, early.reason], [500, 'QEMU guest agent is not running']);
    await control(sim, 'PATCH', `/vms/${vmid}`, { agentReady: true });
    const agent = await call(sim, 'GET', vmPath(sim, vmid, '/agent/network-get-interfaces'));
    assert.equal(agent.status, 200);
    const ifaces = (agent.body?.data as { result: Iface[] }).result;
    const lo = ifaces.find((i) => i.name === 'lo');
    assert.deepEqual(lo?.['ip-addresses'].map((a) => a['ip-address']), ['127.0.0.1', '::1']);
    const nic = ifaces.find((i) => i['hardware-address'] === mac?.toLowerCase());
    assert.ok(nic, 'an interface carries the MAC of net0');
    const addresses = nic['ip-addresses'].map((a) => a['ip-address']);
    assert.ok(addresses.some((a) => a.startsWith('192.0.2.')));
    assert.ok(addresses.some((a) => a.startsWith('2001:db8::')));
    assert.ok(addresses.some((a) => a.startsWith('fe80::')));

    const running = await call(sim, 'DELETE', vmPath(sim, vmid), { query: { purge: '1', 'destroy-unreferenced-disks': '1' } });
    assert.deepEqual([running.status, running.reason], [500, `VM ${vmid} is running - destroy failed`]);

    assert.equal((await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, vmid, '/status/stop'))))).exitstatus, 'OK');
    const stopped = await call(sim, 'GET', vmPath(sim, vmid, '/agent/network-get-interfaces'));
    assert.equal(stopped.reason, `VM ${vmid} is not running`);

    const destroy = await waitTask(sim, upidOf(await call(sim, 'DELETE', vmPath(sim, vmid), { query: { purge: '1', 'destroy-unreferenced-disks': '1' } })));
    assert.deepEqual([destroy.type, destroy.exitstatus], ['qmdestroy', 'OK']);
    const gone = await call(sim, 'GET', vmPath(sim, vmid, '/config'));
    assert.deepEqual([gone.status, gone.reason], [500, `Configuration file 'nodes/${sim.node}/qemu-server/${vmid}.conf' does not exist`]);
  });

  it('lists templates with template: 1 only, and cluster/resources mixes in LXC', async () => {
    const list = (await call(sim, 'GET', `/nodes/${sim.node}/qemu`)).body?.data as Record<string, unknown>[];
    assert.deepEqual(list.filter((v) => v['template'] === 1).map((v) => v['vmid']).sort(), [9001, 9002, 9003]);
    assert.equal(list.find((v) => v['vmid'] === 100)?.['template'], undefined);
    const resources = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'vm' } })).body?.data as Record<string, unknown>[];
    assert.deepEqual([...new Set(resources.map((r) => r['type']))].sort(), ['lxc', 'qemu']);
    const node = (await call(sim, 'GET', `/nodes/${sim.node}/status`)).body?.data as Record<string, unknown>;
    assert.match(String(node['pveversion']), /^pve-manager\/9\./);
  });

  it('keeps cores/memory pending on a running VM until it stops', async () => {
    await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { memory: '4096' } });
    const current = (await call(sim, 'GET', vmPath(sim, 100, '/config'), { query: { current: '1' } })).body?.data as Record<string, unknown>;
    const merged = (await call(sim, 'GET', vmPath(sim, 100, '/config'))).body?.data as Record<string, unknown>;
    assert.deepEqual([current['memory'], merged['memory']], ['2048', '4096']);
    await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { revert: 'memory' } });
    const reverted = (await call(sim, 'GET', vmPath(sim, 100, '/config'))).body?.data as Record<string, unknown>;
    assert.equal(reverted['memory'], '2048');
    await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { memory: '4096' } });
    await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/stop'))));
    const after = (await call(sim, 'GET', vmPath(sim, 100, '/config'), { query: { current: '1' } })).body?.data as Record<string, unknown>;
    assert.equal(after['memory'], '4096');
  });

  it('reports start failures in the task: template, already running', async () => {
    const template = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 9001, '/status/start'))));
    assert.equal(template.exitstatus, "you can't start a vm if it's a template");
    const running = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/start'))));
    assert.equal(running.exitstatus, 'VM 100 already running');
    const log = await call(sim, 'GET', `/nodes/${sim.node}/tasks/${encodeURIComponent(running.upid)}/log`);
    assert.equal((log.body?.data as { t: string }[]).at(-1)?.t, 'TASK ERROR: VM 100 already running');
  });

  it('stops a stopped VM without error and words missing VMs per endpoint', async () => {
    await cloneAndWait(sim, 9001, 150);
    assert.equal((await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 150, '/status/stop'))))).exitstatus, 'OK');
    const stop = await call(sim, 'POST', vmPath(sim, 555, '/status/stop'));
    assert.deepEqual([stop.status, stop.reason], [500, `unable to find configuration file for VM 555 on node '${sim.node}'`]);
    const otherNode = await call(sim, 'GET', '/nodes/elsewhere/qemu/150/config');
    assert.equal(otherNode.status, 500);
    assert.match(otherNode.reason, /^hostname lookup 'elsewhere' failed/);
  });

  it('shuts down cooperative guests, times out on stubborn ones unless forceStop=1', async () => {
    assert.equal((await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/shutdown'))))).exitstatus, 'OK');
    await control(sim, 'POST', '/vms/100/start');
    await control(sim, 'PATCH', '/vms/100', { ignoresShutdown: true });
    const timeout = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/shutdown'), { form: { timeout: '5' } })));
    assert.equal(timeout.exitstatus, 'VM quit/powerdown failed - got timeout');
    assert.equal(sim.sim.guests.get(100)?.status, 'running');
    const forced = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/shutdown'), { form: { timeout: '5', forceStop: '1' } })));
    assert.equal(forced.exitstatus, 'OK');
    assert.equal(sim.sim.guests.get(100)?.status, 'stopped');
  });

  it('refuses to delete a protected VM', async () => {
    await cloneAndWait(sim, 9001, 150);
    await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { protection: '1' } });
    const answer = await call(sim, 'DELETE', vmPath(sim, 150), { query: { purge: '1' } });
    assert.deepEqual([answer.status, answer.reason], [500, "can't remove VM 150 - protection mode enabled"]);
  });

  // qemu-server PVE/QemuServer/Agent.pm assert_agent_available: only an absent `agent` is "not
  // configured"; `agent: 0` leaves QEMU without an agent channel, so qga_check_running fails.
  it('answers agent errors in Proxmox order: absent agent, stopped VM, agent: 0 or not yet up', async () => {
    await cloneAndWait(sim, 9001, 150);
    await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { delete: 'agent' } });
    const none = await call(sim, 'GET', vmPath(sim, 150, '/agent/network-get-interfaces'));
    assert.equal(none.reason, 'No QEMU guest agent configured');
    await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { agent: '0' } });
    const stopped = await call(sim, 'GET', vmPath(sim, 150, '/agent/network-get-interfaces'));
    assert.equal(stopped.reason, 'VM 150 is not running');
    await control(sim, 'POST', '/vms/150/start');
    await control(sim, 'PATCH', '/vms/150', { agentReady: true });
    const disabled = await call(sim, 'GET', vmPath(sim, 150, '/agent/network-get-interfaces'));
    assert.deepEqual([disabled.status, disabled.reason], [500, 'QEMU guest agent is not running']);
    assert.equal(((await call(sim, 'GET', vmPath(sim, 150, '/status/current'))).body?.data as Record<string, unknown>)['agent'], undefined);
  });

  // qemu-server PVE/API2/Qemu.pm update_vm `$load_and_check_config`: the balloon target may not exceed the memory.
  it('refuses memory below the balloon target, for PUT and POST, before any change', async () => {
    await control(sim, 'PATCH', '/vms/9003', { config: { balloon: 2048 } });
    await cloneAndWait(sim, 9003, 150);
    for (const method of ['PUT', 'POST']) {
      const answer = await call(sim, method, vmPath(sim, 150, '/config'), { form: { memory: '1024', cores: '4' } });
      assert.deepEqual([answer.status, answer.reason], [500, 'balloon value too large (must be smaller than assigned memory)'], method);
    }
    const balloon = await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { balloon: '8192' } });
    assert.equal(balloon.reason, 'balloon value too large (must be smaller than assigned memory)');
    assert.deepEqual([sim.sim.guests.get(150)?.config['memory'], sim.sim.guests.get(150)?.config['cores']], ['4096', 2]);
    const both = await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { memory: '1024', balloon: '0' } });
    assert.equal(both.status, 200);
    assert.equal(sim.sim.guests.get(150)?.config['memory'], '1024');
  });

  // qemu-server PVE/API2/Qemu.pm update_vm: the digest check and the -delete conflict, in its words.
  it('words digest mismatches and set-and-delete conflicts like update_vm', async () => {
    const stale = await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { cores: '3', digest: '0'.repeat(40) } });
    assert.deepEqual([stale.status, stale.reason], [500, 'checksum mismatch (file change by other user?)']);
    const conflict = await call(sim, 'PUT', vmPath(sim, 100, '/config'), { form: { cores: '3', delete: 'cores' } });
    assert.deepEqual([conflict.status, conflict.body?.errors], [400, { delete: "you can't use '-cores' and -delete cores' at the same time" }]);
  });

  it('takes, lists and rolls back snapshots', async () => {
    await cloneAndWait(sim, 9003, 150);
    const snap = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 150, '/snapshot'), { form: { snapname: 'before_update', description: 'clean' } })));
    assert.deepEqual([snap.type, snap.exitstatus], ['qmsnapshot', 'OK']);
    await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { cores: '8' } });
    const list = (await call(sim, 'GET', vmPath(sim, 150, '/snapshot'))).body?.data as { name: string; parent?: string }[];
    assert.deepEqual(list.map((s) => s.name), ['before_update', 'current']);
    assert.equal(list.at(-1)?.parent, 'before_update');
    const rollback = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/before_update/rollback'))));
    assert.deepEqual([rollback.type, rollback.exitstatus], ['qmrollback', 'OK']);
    const config = (await call(sim, 'GET', vmPath(sim, 150, '/config'))).body?.data as Record<string, unknown>;
    assert.equal(config['cores'], 2);
    const long = await call(sim, 'POST', vmPath(sim, 150, '/snapshot'), { form: { snapname: 'x'.repeat(41) } });
    assert.equal(long.status, 400);
  });

  it('uses POST config as a qmconfig task', async () => {
    await cloneAndWait(sim, 9001, 150);
    const task = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 150, '/config'), { form: { cores: '3' } })));
    assert.deepEqual([task.type, task.exitstatus], ['qmconfig', 'OK']);
    assert.equal(sim.sim.guests.get(150)?.config['cores'], 3);
  });
});
