import { fail } from './errors.ts';
import type { VmConfig } from './vm-config.ts';

export interface Snapshot {
  name: string;
  description: string;
  snaptime: number;
  parent?: string;
  /** The volume holding the saved RAM, for a snapshot of a running VM taken with `vmstate=1`. */
  vmstate?: string;
  /** `prepare` while being taken, `delete` while being deleted (PVE::AbstractConfig). */
  snapstate?: 'prepare' | 'delete';
  config: VmConfig;
}

export interface Guest {
  vmid: number;
  type: 'qemu' | 'lxc';
  node: string;
  /** The config file, including `lock` and `template` like the real one. */
  config: VmConfig;
  /** Changes that wait for the next stop (cores/memory of a running VM). */
  pending: VmConfig;
  status: 'running' | 'stopped';
  startedAt?: number;
  /** When the guest agent inside starts answering. */
  agentReadyAt?: number;
  snapshots: Snapshot[];
  /** The snapshot the current state descends from. */
  parent?: string;
  /** Out-of-band fault: the guest ignores ACPI shutdown requests. */
  ignoresShutdown: boolean;
}

/**
 * How "no such VM" is worded differs between API methods: `load_config`'s
 * `Configuration file ... does not exist`, or `assert_config_exists_on_node`'s
 * `unable to find configuration file ...` where the method calls `check_running` first.
 */
export type MissingStyle = 'config-file' | 'find-config';

/** All guests of the cluster; a VMID is unique across nodes, as pmxcfs enforces. */
export class GuestStore {
  private readonly guests = new Map<number, Guest>();

  list(): Guest[] {
    return [...this.guests.values()].sort((a, b) => a.vmid - b.vmid);
  }

  get(vmid: number): Guest | undefined {
    return this.guests.get(vmid);
  }

  has(vmid: number): boolean {
    return this.guests.has(vmid);
  }

  add(guest: Guest): void {
    this.guests.set(guest.vmid, guest);
  }

  remove(vmid: number): void {
    this.guests.delete(vmid);
  }

  clear(): void {
    this.guests.clear();
  }

  /** A QEMU VM on the node, or Proxmox's 500 for a missing config file. */
  qemu(node: string, vmid: number, style: MissingStyle = 'config-file'): Guest {
    const guest = this.guests.get(vmid);
    if (guest && guest.type === 'qemu' && guest.node === node) return guest;
    throw fail(
      style === 'config-file'
        ? `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`
        : `unable to find configuration file for VM ${vmid} on node '${node}'`,
    );
  }

  /** The lowest free VMID from 100 (`/cluster/nextid`). */
  nextFreeId(): number {
    let id = 100;
    while (this.guests.has(id)) id++;
    return id;
  }
}

/** `PVE::AbstractConfig::check_lock`. */
export function assertUnlocked(guest: Guest): void {
  const lock = guest.config['lock'];
  if (lock !== undefined) throw fail(`VM is locked (${lock})`);
}

export function isTemplate(guest: Guest): boolean {
  return Number(guest.config['template'] ?? 0) === 1;
}

/** The guest is now running; its agent answers after `agentStartupMs`. */
export function powerOn(guest: Guest, agentStartupMs: number): void {
  const now = Date.now();
  guest.status = 'running';
  guest.startedAt = now;
  guest.agentReadyAt = now + agentStartupMs;
}

/** The guest is now stopped; pending changes take effect, as on a real cold boot. */
export function powerOff(guest: Guest): void {
  guest.status = 'stopped';
  delete guest.startedAt;
  delete guest.agentReadyAt;
  Object.assign(guest.config, guest.pending);
  guest.pending = {};
}
