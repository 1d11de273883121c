import { randomUUID } from 'node:crypto';
import type { Call } from '../call.ts';
import { parseVolumeId } from '../storage.ts';
import type { TaskContext } from '../tasks.ts';
import { totalDiskGiB, volumeOf, type VmConfig } from '../vm-config.ts';
import { loadAndCheck } from './clone-checks.ts';

/** The new volume of a drive: a linked clone references the base volume, a full clone gets its own. */
function clonedDrive(drive: string, newid: number, index: number, full: boolean, storage: string | undefined): string {
  const [, ...options] = drive.split(',');
  const { storage: sourceStorage, volname } = parseVolumeId(volumeOf(drive));
  const volume = full ? `${storage ?? sourceStorage}:vm-${newid}-disk-${index}` : `${sourceStorage}:${volname}/vm-${newid}-disk-${index}`;
  return [volume, ...options].join(',');
}

/**
 * `write_config` (pve-cluster cfs_write_file → pve-common PVE/File.pm file_set_contents) of the
 * new VM on this node: pmxcfs refuses a VMID another node or a container owns (EEXIST at the
 * rename); a config deleted meanwhile is simply written again.
 */
function writeConfig(call: Call, newid: number, config: VmConfig): void {
  const { sim, params } = call;
  const existing = sim.guests.get(newid);
  if (existing && (existing.type !== 'qemu' || existing.node !== params.node)) {
    throw new Error(`close (rename) atomic file '/etc/pve/nodes/${params.node}/qemu-server/${newid}.conf' failed: File exists`);
  }
  if (existing) existing.config = { ...config };
  else sim.guests.add({ vmid: newid, type: 'qemu', node: params.node, config: { ...config }, pending: {}, status: 'stopped', snapshots: [], ignoresShutdown: false });
}

/** `unlink $conffile`: whatever config of that VMID this node holds. */
function unlinkConfig(call: Call, newid: number): void {
  const existing = call.sim.guests.get(newid);
  if (existing?.type === 'qemu' && existing.node === call.params.node) call.sim.guests.remove(newid);
}

/** clone_vm's `$clonefn`: runs inside the task, holding the source's and the new VMID's config locks. */
async function cloneInTask(call: Call, ctx: TaskContext, running: boolean, target: string | undefined): Promise<void> {
  const { sim, params } = call;
  const newid = params.int('newid') ?? 0;
  const plan = loadAndCheck(call, running, target);
  const { source, full, oldconf, drives } = plan;
  ctx.log(`creating a clone of VM ${source.vmid} with ID ${newid}`);
  const newconf: VmConfig = { ...plan.newconf };
  const smbios1 = String(newconf['smbios1'] ?? ''); // its uuid is already a fresh one when present
  if (!/(?:^|,)uuid=/.test(smbios1)) newconf['smbios1'] = smbios1 ? `uuid=${randomUUID()},${smbios1}` : `uuid=${randomUUID()}`;
  delete newconf['template'];
  newconf['name'] = params.str('name') || `Copy-of-VM-${String(oldconf['name'] ?? source.vmid)}`;
  const description = params.str('description');
  if (description) newconf['description'] = description;

  writeConfig(call, newid, { lock: 'clone' }); // "# qmclone temporary file\nlock: clone\n"
  try {
    const totalGiB = totalDiskGiB(oldconf);
    for (const [index, [key, drive]] of drives.entries()) {
      ctx.log(`create ${full ? 'full' : 'linked'} clone of drive ${key} (${volumeOf(drive)})`);
      const share = totalGiB > 0 ? totalDiskGiB({ [key]: drive }) / totalGiB : 1 / drives.length;
      await ctx.sleep(full ? Math.ceil(totalGiB * share * sim.timings.fullCloneMsPerGiB) : Math.ceil(sim.timings.linkedCloneMs / drives.length));
      newconf[key] = clonedDrive(drive, newid, index, full, params.str('storage'));
      writeConfig(call, newid, newconf);
    }
    delete newconf['lock'];
    if (Object.keys(source.pending).length > 0) ctx.warn(`found pending changes for '${Object.keys(source.pending).join(',')}', discarding for clone`);
    writeConfig(call, newid, newconf);
    const created = sim.guests.get(newid);
    if (target !== undefined && created) created.node = target;
  } catch (err) {
    unlinkConfig(call, newid);
    throw new Error(`clone failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * qemu-server PVE/API2/Qemu.pm clone_vm: the POST runs the early checks only and answers a
 * UPID; the qmclone task takes the source's config lock (shared, exclusive while it runs) and
 * the new VMID's (exclusive), each with a 1 s timeout, checks again, writes the placeholder
 * config `lock: clone`, copies the disks and drops the lock. A failed copy removes its config.
 */
export function cloneVm(call: Call): string {
  const { sim, params } = call;
  const target = params.str('target');
  const remoteTarget = target === undefined || target === params.node || target === 'localhost' ? undefined : target;
  const running = sim.guests.qemu(params.node, params.vmid, 'find-config').status === 'running'; // check_running
  loadAndCheck(call, running, remoteTarget);
  const newid = params.int('newid') ?? 0;
  return sim.tasks.start(params.node, 'qmclone', params.vmid, call.user, async (ctx) => {
    const timeout = sim.timings.cloneLockTimeoutMs;
    const releaseSource = await sim.locks.acquire(params.node, params.vmid, running ? 'exclusive' : 'shared', timeout);
    try {
      const releaseTarget = await sim.locks.acquire(params.node, newid, 'exclusive', timeout);
      try {
        await cloneInTask(call, ctx, running, remoteTarget);
      } finally {
        releaseTarget();
      }
    } finally {
      releaseSource();
    }
  });
}
