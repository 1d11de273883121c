import { hasPrivilege } from '../acl.ts';
import type { Call } from '../call.ts';
import { paramError } from '../errors.ts';
import type { Simulator } from '../sim.ts';
import { STORAGES } from '../storage.ts';
import type { Guest } from '../state.ts';
import { isTemplate } from '../state.ts';
import { bootDiskBytes, cpuCount, memoryMiB } from '../vm-config.ts';

const GiB = 2 ** 30;
const PVE_VERSION = { version: '9.1.3', release: '9.1', repoid: '0e5d2a4c8b1f3d27' };
/** What the host itself uses besides its running guests. */
const NODE_BASE_MEMORY = 8 * GiB;
const NODE_CPUS = 32;

export function version(): unknown {
  return { ...PVE_VERSION };
}

/** A JSON string, not a number, as the real handler sends it. */
export function nextId({ sim, params }: Call): string {
  const wanted = params.int('vmid');
  if (wanted !== undefined) {
    if (sim.guests.has(wanted)) throw paramError({ vmid: `VM ${wanted} already exists` });
    return String(wanted);
  }
  return String(sim.guests.nextFreeId());
}

function guestMaxMem(guest: Guest): number {
  return (guest.type === 'lxc' ? Number(guest.config['memory'] ?? 512) : memoryMiB(guest.config)) * 2 ** 20;
}

function guestMaxDisk(guest: Guest): number {
  if (guest.type === 'qemu') return bootDiskBytes(guest.config);
  const m = /size=(\d+)G/.exec(String(guest.config['rootfs'] ?? ''));
  return m ? Number(m[1]) * GiB : 0;
}

/** Fields shared by /nodes/{node}/qemu and /cluster/resources. */
export function guestRuntime(guest: Guest): Record<string, unknown> {
  const running = guest.status === 'running';
  const uptime = running && guest.startedAt ? Math.floor((Date.now() - guest.startedAt) / 1000) : 0;
  const maxmem = guestMaxMem(guest);
  return {
    vmid: guest.vmid,
    name: String(guest.config['name'] ?? guest.config['hostname'] ?? `VM ${guest.vmid}`),
    status: guest.status,
    maxmem,
    mem: running ? Math.floor(maxmem * 0.4) : 0,
    maxdisk: guestMaxDisk(guest),
    disk: 0,
    cpu: running ? 0.02 : 0,
    uptime,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    ...(guest.config['lock'] !== undefined ? { lock: String(guest.config['lock']) } : {}),
    ...(guest.config['tags'] !== undefined ? { tags: String(guest.config['tags']) } : {}),
  };
}

export function mayAudit(call: Call, vmid: number): boolean {
  return hasPrivilege(call.token, `/vms/${vmid}`, 'VM.Audit');
}

/** The host's base load plus the memory of its running guests. */
function nodeMemoryUsed(sim: Simulator, node: string): number {
  return sim.guests.list().filter((g) => g.node === node && g.status === 'running').reduce((sum, g) => sum + guestMaxMem(g), NODE_BASE_MEMORY);
}

const nodeMemory = (sim: Simulator): number => sim.nodeMemoryMiB * 2 ** 20;

/**
 * pve-manager PVE/API2Tools.pm `extract_node_stats`: an online member with its figures; a member
 * that is down only as `offline`, without figures.
 */
function nodeEntry(sim: Simulator, node: string): Record<string, unknown> {
  if (sim.offline.has(node)) return { id: `node/${node}`, type: 'node', node, status: 'offline', level: '' };
  return {
    id: `node/${node}`, type: 'node', node, status: 'online', level: '',
    cpu: 0.04, maxcpu: NODE_CPUS, mem: nodeMemoryUsed(sim, node), maxmem: nodeMemory(sim), disk: 12 * GiB, maxdisk: 96 * GiB,
    uptime: 864_000, ssl_fingerprint: 'SIM:UL:AT:ED',
  };
}

/** pve-manager PVE/API2/Cluster.pm `resources`: nodes, guests of every node, storages per node. */
export function resources(call: Call): unknown[] {
  const type = call.params.str('type');
  const { sim } = call;
  const list: Record<string, unknown>[] = [];
  if (type === undefined || type === 'node') {
    for (const node of sim.nodes) if (hasPrivilege(call.token, `/nodes/${node}`, 'Sys.Audit')) list.push(nodeEntry(sim, node));
  }
  if (type === undefined || type === 'vm') {
    for (const guest of call.sim.guests.list()) {
      if (!mayAudit(call, guest.vmid)) continue;
      list.push({
        id: `${guest.type}/${guest.vmid}`, type: guest.type, node: guest.node, template: isTemplate(guest) ? 1 : 0,
        maxcpu: guest.type === 'qemu' ? cpuCount(guest.config) : Number(guest.config['cores'] ?? 1),
        ...guestRuntime(guest),
        // extract_vm_stats: no stats from a node that is down
        ...(sim.offline.has(guest.node) ? { status: 'unknown' } : {}),
      });
    }
  }
  if (type === undefined || type === 'storage') {
    for (const [storage, scfg] of Object.entries(STORAGES)) {
      if (!hasPrivilege(call.token, `/storage/${storage}`, 'Datastore.Audit')) continue;
      for (const node of sim.nodes) {
        list.push({
          id: `storage/${node}/${storage}`, type: 'storage', storage, node, status: sim.offline.has(node) ? 'unknown' : 'available', plugintype: scfg.plugintype,
          content: scfg.content.join(','), shared: scfg.shared ? 1 : 0, disk: 120 * GiB, maxdisk: 800 * GiB,
        });
      }
    }
  }
  return list;
}

/** pve-manager PVE/API2/Nodes.pm `index`: every cluster node. */
export function nodes({ sim }: Call): unknown[] {
  return sim.nodes.map((node) => nodeEntry(sim, node));
}

/** A documentation-range address per node (`remote_node_ip`). */
const nodeIp = (sim: Simulator, node: string): string => `192.0.2.${10 + sim.nodes.indexOf(node) + 1}`;

/**
 * pve-manager PVE/API2/Cluster.pm `get_status`: with a cluster, a `cluster` entry and one entry
 * per member; a lone node gets the "no cluster defined" entry (nodeid 0, no cluster entry).
 */
export function clusterStatus({ sim }: Call): unknown[] {
  if (sim.nodes.length === 1) {
    return [{ type: 'node', id: `node/${sim.node}`, name: sim.node, ip: nodeIp(sim, sim.node), local: 1, nodeid: 0, online: 1, level: '' }];
  }
  return [
    { type: 'cluster', id: 'cluster', nodes: sim.nodes.length, version: sim.nodes.length, name: sim.clusterName, quorate: 1 },
    ...sim.nodes.map((node, index) => ({
      type: 'node', id: `node/${node}`, name: node, nodeid: index + 1, local: node === sim.node ? 1 : 0, online: sim.offline.has(node) ? 0 : 1, ip: nodeIp(sim, node), level: '',
    })),
  ];
}

export function nodeStatus({ sim, params }: Call): unknown {
  const used = nodeMemoryUsed(sim, params.node);
  return {
    pveversion: `pve-manager/${PVE_VERSION.version}/${PVE_VERSION.repoid}`,
    kversion: 'Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 (2025-11-10T09:12Z)',
    uptime: 864_000,
    cpu: 0.04,
    wait: 0,
    loadavg: ['0.41', '0.37', '0.33'],
    cpuinfo: { cpus: NODE_CPUS, cores: 16, sockets: 1, model: 'Simulated CPU @ 3.00GHz', mhz: '3000.000', hvm: '1', flags: '' },
    memory: { total: nodeMemory(sim), used, free: nodeMemory(sim) - used, available: nodeMemory(sim) - used },
    swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
    rootfs: { total: 96 * GiB, used: 12 * GiB, free: 84 * GiB, avail: 80 * GiB },
    ksm: { shared: 0 },
    'boot-info': { mode: 'efi', secureboot: 0 },
    'current-kernel': { sysname: 'Linux', release: '6.17.2-1-pve', version: '#1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1', machine: 'x86_64' },
  };
}
