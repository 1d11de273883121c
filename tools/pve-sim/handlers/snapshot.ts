import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { assertUnlocked, powerOff, powerOn } from '../state.ts';
import { digest } from '../vm-config.ts';

const RESERVED = new Set(['current', 'pending']);

/** Snapshots oldest first, then the `current` pseudo-entry. */
export function listSnapshots({ sim, params }: Call): unknown[] {
  const guest = sim.guests.qemu(params.node, params.vmid);
  return [
    ...guest.snapshots.map((s) => ({ name: s.name, description: s.description, snaptime: s.snaptime, vmstate: 0, ...(s.parent ? { parent: s.parent } : {}) })),
    { name: 'current', description: 'You are here!', digest: digest(guest.config), running: guest.status === 'running' ? 1 : 0, ...(guest.parent ? { parent: guest.parent } : {}) },
  ];
}

export function createSnapshot(call: Call): string {
  const { sim, params } = call;
  const guest = sim.guests.qemu(params.node, params.vmid);
  const name = params.str('snapname') ?? '';
  if (RESERVED.has(name)) throw fail(`unable to use snapshot name '${name}' (reserved name)`);
  const description = params.str('description') ?? '';
  return sim.tasks.start(params.node, 'qmsnapshot', guest.vmid, call.user, async (ctx) => {
    const current = sim.guests.qemu(params.node, guest.vmid);
    assertUnlocked(current);
    if (current.snapshots.some((s) => s.name === name)) throw new Error(`snapshot name '${name}' already used`);
    current.config['lock'] = 'snapshot';
    try {
      await ctx.sleep(sim.timings.snapshotMs);
    } finally {
      delete current.config['lock'];
    }
    current.snapshots.push({ name, description, snaptime: Math.floor(Date.now() / 1000), config: { ...current.config }, ...(current.parent ? { parent: current.parent } : {}) });
    current.parent = name;
  });
}

export function rollbackSnapshot(call: Call): string {
  const { sim, params } = call;
  const guest = sim.guests.qemu(params.node, params.vmid);
  const name = params.str('snapname') ?? '';
  const snapshot = guest.snapshots.find((s) => s.name === name);
  if (!snapshot) throw fail(`snapshot '${name}' does not exist`);
  const start = params.bool('start') ?? false;
  return sim.tasks.start(params.node, 'qmrollback', guest.vmid, call.user, async (ctx) => {
    const current = sim.guests.qemu(params.node, guest.vmid);
    assertUnlocked(current);
    current.config['lock'] = 'rollback';
    try {
      await ctx.sleep(sim.timings.snapshotMs);
    } finally {
      delete current.config['lock'];
    }
    powerOff(current);
    current.config = { ...snapshot.config };
    current.parent = name;
    if (start) powerOn(current, sim.timings.agentStartupMs);
  });
}
