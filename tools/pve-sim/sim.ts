import { fullAcl, type TokenDefinition } from './acl.ts';
import { Faults } from './faults.ts';
import type { Timings } from './options.ts';
import { seedGuests } from './seed.ts';
import { GuestStore, isTemplate, powerOff, powerOn } from './state.ts';
import { TaskRunner } from './tasks.ts';
import { agentEnabled, memoryMiB } from './vm-config.ts';
import type { ApiSchema } from './schema.ts';

export interface GuestSummary {
  vmid: number;
  type: 'qemu' | 'lxc';
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

export interface StateDump {
  node: string;
  guests: GuestSummary[];
  tasks: { upid: string; type: string; id: string; status: string; exitstatus?: string }[];
  tokens: string[];
  faults: ReturnType<Faults['describe']>;
  timings: Timings;
}

/** Everything the simulated cluster knows; the HTTP API and the control API both act on it. */
export class Simulator {
  readonly guests: GuestStore;
  readonly faults = new Faults();
  readonly tasks: TaskRunner;
  readonly tokens = new Map<string, TokenDefinition>();
  timings: Timings;

  constructor(
    readonly node: string,
    readonly schema: ApiSchema,
    private readonly initialTimings: Timings,
    private readonly initialTokens: TokenDefinition[],
  ) {
    this.guests = new GuestStore(node);
    this.tasks = new TaskRunner(node, this.faults);
    this.timings = { ...initialTimings };
    this.reset();
  }

  /** Back to the seed: guests, tokens, timings; no tasks, no faults. */
  reset(): void {
    this.tasks.clear();
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

  /** Out of band: the VM vanishes (someone deleted it in the Proxmox UI). */
  removeGuest(vmid: number): boolean {
    const existed = this.guests.has(vmid);
    this.guests.remove(vmid);
    return existed;
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
      guests: this.guests.list().map((g) => ({
        vmid: g.vmid,
        type: g.type,
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
