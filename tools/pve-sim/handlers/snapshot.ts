/**
 * Snapshots as qemu-server's PVE/API2/Qemu.pm (snapshot_list, snapshot, rollback, delsnapshot)
 * and pve-guest-common's PVE/AbstractConfig.pm (snapshot_create, snapshot_rollback,
 * snapshot_delete) make them. The routes' privileges (VM.Snapshot; VM.Snapshot or
 * VM.Snapshot.Rollback for a rollback) come from the schema; everything after the API's own
 * checks happens inside the task, so those failures arrive as the task's exitstatus.
 */
import { requireAll } from '../acl.ts';
import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { assertUnlocked, isTemplate, powerOff, powerOn, type Guest, type Snapshot } from '../state.ts';
import { parseVolumeId, volumeHasFeature } from '../storage.ts';
import { digest, disks, volumeOf, type VmConfig } from '../vm-config.ts';

/** Keys of the config a snapshot does not copy (`__snapshot_copy_config`) or `apply_config` keeps. */
const NOT_SNAPSHOTTED = new Set(['lock', 'parent', 'snapstate', 'snaptime', 'vmstate', 'description']);

function snapshotOf(guest: Guest, name: string): Snapshot {
  const snapshot = guest.snapshots.find((s) => s.name === name);
  if (!snapshot) throw new Error(`snapshot '${name}' does not exist`);
  return snapshot;
}

function copyConfig(config: VmConfig): VmConfig {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !NOT_SNAPSHOTTED.has(key)));
}

/** Snapshots, then the `current` pseudo-entry; `vmstate` says whether RAM was saved. */
export function listSnapshots({ sim, params }: Call): unknown[] {
  const guest = sim.guests.qemu(params.node, params.vmid);
  return [
    ...guest.snapshots.map((s) => ({
      name: s.name,
      description: s.description,
      snaptime: s.snaptime,
      vmstate: s.vmstate ? 1 : 0,
      ...(s.parent ? { parent: s.parent } : {}),
      ...(s.snapstate ? { snapstate: s.snapstate } : {}),
    })),
    { name: 'current', description: 'You are here!', digest: digest(guest.config), running: guest.status === 'running' ? 1 : 0, ...(guest.parent ? { parent: guest.parent } : {}) },
  ];
}

/** `__snapshot_prepare`, the volume snapshots (one `snapshotMs`), `__snapshot_commit`. */
export function createSnapshot(call: Call): string {
  const { sim, params } = call;
  const guest = sim.guests.qemu(params.node, params.vmid);
  const name = params.str('snapname') ?? '';
  if (name === 'current' || name.toLowerCase() === 'pending') throw fail(`unable to use snapshot name '${name}' (reserved name)`);
  const description = params.str('description') ?? '';
  const saveState = params.bool('vmstate') ?? false;
  return sim.tasks.start(params.node, 'qmsnapshot', guest.vmid, call.user, async (ctx) => {
    const current = sim.guests.qemu(params.node, guest.vmid);
    if (isTemplate(current)) throw new Error("you can't take a snapshot if it's a template");
    assertUnlocked(current);
    if (current.snapshots.some((s) => s.name === name)) throw new Error(`snapshot name '${name}' already used`);
    if (!disks(current.config).every(([, drive]) => volumeHasFeature('snapshot', volumeOf(drive)))) throw new Error('snapshot feature is not available');
    const snapshot: Snapshot = { name, description, snaptime: Math.floor(Date.now() / 1000), snapstate: 'prepare', config: copyConfig(current.config), ...(current.parent ? { parent: current.parent } : {}) };
    const first = disks(current.config)[0];
    if (saveState && current.status === 'running' && first) {
      // `find_vmstate_storage`: here the storage of the first disk.
      snapshot.vmstate = `${parseVolumeId(volumeOf(first[1])).storage}:vm-${guest.vmid}-state-${name}`;
    }
    current.config['lock'] = 'snapshot';
    current.snapshots.push(snapshot);
    try {
      await ctx.sleep(sim.timings.snapshotMs);
    } catch (err) {
      current.snapshots = current.snapshots.filter((s) => s !== snapshot);
      throw err;
    } finally {
      delete current.config['lock'];
    }
    delete snapshot.snapstate;
    current.parent = name;
  });
}

/**
 * `snapshot_rollback`: a running VM is stopped first (`__snapshot_rollback_vm_stop`); a snapshot
 * with RAM resumes it; `start=1` starts it afterwards, which needs VM.PowerMgmt besides.
 */
export function rollbackSnapshot(call: Call): string {
  const { sim, params } = call;
  const name = params.str('snapname') ?? '';
  const start = params.bool('start') ?? false;
  if (start) requireAll(call.token, `/vms/${params.vmid}`, ['VM.PowerMgmt']);
  return sim.tasks.start(params.node, 'qmrollback', params.vmid, call.user, async (ctx) => {
    const current = sim.guests.qemu(params.node, params.vmid);
    if (isTemplate(current)) throw new Error("you can't rollback if vm is a template");
    const snapshot = snapshotOf(current, name);
    if (snapshot.snapstate) throw new Error(`unable to rollback to incomplete snapshot (snapstate = ${snapshot.snapstate})`);
    assertUnlocked(current);
    powerOff(current);
    current.config['lock'] = 'rollback';
    try {
      await ctx.sleep(sim.timings.snapshotMs);
    } finally {
      delete current.config['lock'];
    }
    current.config = { ...copyConfig(snapshot.config), ...(current.config['description'] !== undefined ? { description: current.config['description'] } : {}) };
    current.parent = name;
    if (snapshot.vmstate || start) powerOn(current, sim.timings.agentStartupMs);
  });
}

/** `snapshot_delete`: `set_lock('snapshot-delete')`, snapstate `delete`, then the entry goes and its children move up. */
export function deleteSnapshot(call: Call): string {
  const { sim, params } = call;
  const name = params.str('snapname') ?? '';
  return sim.tasks.start(params.node, 'qmdelsnapshot', params.vmid, call.user, async (ctx) => {
    const current = sim.guests.qemu(params.node, params.vmid);
    const snapshot = snapshotOf(current, name);
    assertUnlocked(current);
    if (isTemplate(current)) throw new Error("you can't delete a snapshot if vm is a template");
    current.config['lock'] = 'snapshot-delete';
    snapshot.snapstate = 'delete';
    try {
      await ctx.sleep(sim.timings.snapshotMs);
    } finally {
      delete current.config['lock'];
    }
    current.snapshots = current.snapshots.filter((s) => s !== snapshot);
    for (const child of current.snapshots) if (child.parent === name) child.parent = snapshot.parent;
    if (current.parent === name) {
      if (snapshot.parent) current.parent = snapshot.parent;
      else delete current.parent;
    }
  });
}
