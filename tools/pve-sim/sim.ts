import { fullAcl, type TokenDefinition } from './acl.ts';
import { Faults } from './faults.ts';
import { ConfigLocks } from './locks.ts';
import { CLUSTER_NAME, DEFAULT_NODE_MEMORY_MIB, type Timings } from './options.ts';
import { newGuest, qemuConfig, seedGuests } from './seed.ts';
import { GuestStore, isTemplate, powerOff, powerOn } from './state.ts';
import { TaskRunner } from './tasks.ts';
import { agentEnabled, memoryMiB, randomMac, type VmConfig } from './vm-config.ts';
import type { ApiSchema } from './schema.ts';

export interface GuestSummary {
  vmid: number;
  type: 'qemu' | 'lxc';
  node: string;
  name: string;
  status: 'running' | 'stopped';
  template: boolean;
  lock: string | null;
  memoryMiB: number;
  agent: boolean;
  config: Record<string, string | number>;
  pending: Record<string, string | number>;
  snapshots: string[];
}

export interface GuestTampering {
  lock?: string | null;
  ignoresShutdown?: boolean;
  agentReady?: boolean;
  config?: Record<string, string | number | null>;
}

/** A VM someone made by hand, outside the portal (`POST /_sim/vms`). */
export interface HandMadeVm {
  vmid: number;
  name: string;
  /** Default: the first node. */
  node?: string;
  /** Default: stopped. */
  status?: 'running' | 'stopped';
  /** Keys over the default config (2 cores, 2048 MiB, one 16 GiB disk, agent on); null removes a key. */
  config?: Record<string, string | number | null>;
}

export interface StateDump {
  /** The first node: the one that answers the API. */
  node: string;
  nodes: string[];
  offline: string[];
  guests: GuestSummary[];
  tasks: { upid: string; type: string; id: string; status: string; exitstatus?: string }[];
  tokens: string[];
  faults: ReturnType<Faults['describe']>;
  timings: Timings;
}

/** Everything the simulated cluster knows; the HTTP API and the control API both act on it. */
export class Simulator {
  readonly guests = new GuestStore();
  readonly faults = new Faults();
  readonly tasks = new TaskRunner(this.faults);
  readonly locks = new ConfigLocks();
  readonly tokens = new Map<string, TokenDefinition>();
  /** The node that answers the API; it holds the seed. */
  readonly node: string;
  /** Cluster members that are down: pveproxy cannot reach them. */
  readonly offline = new Set<string>();
  timings: Timings;

  constructor(
    readonly nodes: readonly string[],
    readonly schema: ApiSchema,
    private readonly initialTimings: Timings,
    private readonly initialTokens: TokenDefinition[],
    /** Every node's memory in MiB. */
    readonly nodeMemoryMiB: number = DEFAULT_NODE_MEMORY_MIB,
    /** The corosync cluster name; distinct clusters have distinct names. */
    readonly clusterName: string = CLUSTER_NAME,
  ) {
    const first = nodes[0];
    if (first === undefined) throw new Error('at least one node is required');
    this.node = first;
    this.timings = { ...initialTimings };
    this.reset();
  }

  /** Back to the seed: guests, tokens, timings; no tasks, no faults, no config locks. */
  reset(): void {
    this.tasks.clear();
    this.offline.clear();
    this.locks.clear();
    this.faults.clear();
    this.guests.clear();
    for (const guest of seedGuests(this.node)) this.guests.add(guest);
    this.tokens.clear();
    for (const token of this.initialTokens) this.tokens.set(token.tokenId, structuredClone(token));
    this.timings = { ...this.initialTimings };
  }

  /** Adds or replaces a token. Without an ACL it gets every privilege on `/`. */
  setToken(token: Omit<TokenDefinition, 'acl'> & { acl?: TokenDefinition['acl'] }): TokenDefinition {
    const full: TokenDefinition = { ...token, acl: token.acl ?? fullAcl() };
    this.tokens.set(full.tokenId, full);
    return full;
  }

  setTimings(changes: Partial<Timings>): Timings {
    this.timings = { ...this.timings, ...changes };
    return this.timings;
  }

  /**
   * Out of band: a member goes down or comes back (power loss, network). The first node answers
   * the API, so it cannot go offline.
   */
  setOnline(node: string, online: boolean): void {
    if (!this.nodes.includes(node)) throw new Error(`no such cluster node '${node}'`);
    if (node === this.node && !online) throw new Error(`node '${node}' answers the API and cannot go offline`);
    if (online) this.offline.delete(node);
    else this.offline.add(node);
  }

  /** Out of band: the VM vanishes (someone deleted it in the Proxmox UI). */
  removeGuest(vmid: number): boolean {
    const existed = this.guests.has(vmid);
    this.guests.remove(vmid);
    return existed;
  }

  /** Out of band: someone makes a VM by hand. Throws when the VMID is taken or the node unknown. */
  createGuest(vm: HandMadeVm): void {
    const node = vm.node ?? this.node;
    if (!Number.isInteger(vm.vmid) || vm.vmid < 100 || vm.vmid > 999_999_999) throw new Error(`invalid VMID ${String(vm.vmid)}`);
    if (this.guests.has(vm.vmid)) throw new Error(`VM ${vm.vmid} already exists`);
    if (!this.nodes.includes(node)) throw new Error(`no such cluster node '${node}'`);
    const config: VmConfig = qemuConfig(vm.vmid, vm.name, { cores: 2, memory: 2048, diskGiB: 16, ostype: 'l26', mac: randomMac(), template: false, description: '' });
    delete config['description'];
    for (const [key, value] of Object.entries(vm.config ?? {})) {
      if (value === null) delete config[key];
      else config[key] = value;
    }
    this.guests.add(newGuest(vm.vmid, node, 'qemu', config, vm.status === 'running'));
  }

  /** Out of band: the guest moves to another node (HA, maintenance), running or not. */
  migrateGuest(vmid: number, node: string): boolean {
    const found = this.guests.get(vmid);
    if (!found) return false;
    if (!this.nodes.includes(node)) throw new Error(`no such cluster node '${node}'`);
    if (found.node === node) throw new Error(`VM ${vmid} is already on node '${node}'`);
    found.node = node;
    return true;
  }

  /** Out of band: power state changed behind the portal's back. */
  setPower(vmid: number, on: boolean): boolean {
    const guest = this.guests.get(vmid);
    if (!guest) return false;
    if (on) powerOn(guest, this.timings.agentStartupMs);
    else powerOff(guest);
    return true;
  }

  /**
   * Out of band: set or clear a config lock, edit config keys, make the guest ignore ACPI
   * shutdown, or have its guest agent answer right away.
   */
  tamper(vmid: number, changes: GuestTampering): boolean {
    const guest = this.guests.get(vmid);
    if (!guest) return false;
    if (changes.agentReady && guest.status === 'running') guest.agentReadyAt = Date.now();
    if (changes.lock === null) delete guest.config['lock'];
    else if (changes.lock !== undefined) guest.config['lock'] = changes.lock;
    if (changes.ignoresShutdown !== undefined) guest.ignoresShutdown = changes.ignoresShutdown;
    for (const [key, value] of Object.entries(changes.config ?? {})) {
      if (value === null) delete guest.config[key];
      else guest.config[key] = value;
    }
    return true;
  }

  dump(): StateDump {
    return {
      node: this.node,
      nodes: [...this.nodes],
      offline: [...this.offline],
      guests: this.guests.list().map((g) => ({
        vmid: g.vmid,
        type: g.type,
        node: g.node,
        name: String(g.config['name'] ?? g.config['hostname'] ?? ''),
        status: g.status,
        template: isTemplate(g),
        lock: g.config['lock'] === undefined ? null : String(g.config['lock']),
        memoryMiB: memoryMiB(g.config),
        agent: agentEnabled(g.config),
        config: { ...g.config },
        pending: { ...g.pending },
        snapshots: g.snapshots.map((s) => s.name),
      })),
      tasks: this.tasks.list().map((t) => ({ upid: t.upid, type: t.type, id: t.id, status: t.status, ...(t.exitstatus !== undefined ? { exitstatus: t.exitstatus } : {}) })),
      tokens: [...this.tokens.keys()],
      faults: this.faults.describe(),
      timings: this.timings,
    };
  }
}
