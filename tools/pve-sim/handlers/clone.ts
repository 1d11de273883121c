import { requireAll } from '../acl.ts';
import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { assertUnlocked, isTemplate, type Guest } from '../state.ts';
import { disks, regenerateIdentity, totalDiskGiB, type VmConfig } from '../vm-config.ts';

const volumeOf = (drive: string): string => drive.split(',')[0] ?? '';

/** Storage id of a drive (`local-lvm:base-9001-disk-0,size=20G` → `local-lvm`). */
const storageOf = (drive: string): string => volumeOf(drive).split(':')[0] ?? '';

/** The new VM's drives: linked clones reference the base volume, full clones get their own. */
function cloneDrives(config: VmConfig, newid: number, full: boolean, storage: string | undefined): VmConfig {
  const result: VmConfig = {};
  disks(config).forEach(([key, drive], index) => {
    const [volume = '', ...options] = drive.split(',');
    const [sourceStorage = '', volName = ''] = volume.split(':');
    const target = full ? `${storage ?? sourceStorage}:vm-${newid}-disk-${index}` : `${sourceStorage}:${volName}/vm-${newid}-disk-${index}`;
    result[key] = [target, ...options].join(',');
  });
  return result;
}

function bridges(config: VmConfig): string[] {
  return Object.entries(config)
    .filter(([k]) => /^net\d+$/.test(k))
    .map(([, v]) => /(?:^|,)bridge=([^,]+)/.exec(String(v))?.[1])
    .filter((b): b is string => b !== undefined);
}

/** Storage and SDN privileges the clone's disks and NICs need. */
function checkResourcePermissions(call: Call, source: Guest, full: boolean, storage: string | undefined): void {
  if (full) {
    const storages = new Set(storage ? [storage] : disks(source.config).map(([, d]) => storageOf(d)));
    for (const sid of storages) requireAll(call.token, `/storage/${sid}`, ['Datastore.AllocateSpace']);
  }
  for (const bridge of bridges(source.config)) requireAll(call.token, `/sdn/zones/localnetwork/${bridge}`, ['SDN.Use']);
}

/**
 * `POST /nodes/{node}/qemu/{vmid}/clone`: the new VM exists at once with `lock: clone`;
 * the copy runs as a `qmclone` task; a failed copy removes the new VM again.
 */
export function cloneVm(call: Call): string {
  const { sim, params } = call;
  const source = sim.guests.qemu(params.node, params.vmid, 'find-config');
  const newid = params.int('newid') ?? 0;
  const target = params.str('target');
  if (target !== undefined && target !== sim.node) throw fail(`no such cluster node '${target}'`);
  const template = isTemplate(source);
  const full = params.bool('full') ?? !template;
  const storage = params.str('storage');
  if (!full && storage !== undefined) throw fail("parameter 'storage' not allowed for linked clones");
  if (!full && params.str('format') !== undefined) throw fail("parameter 'format' not allowed for linked clones");
  const firstDisk = disks(source.config)[0];
  if (!full && !template && firstDisk) throw fail(`Linked clone feature is not supported for drive '${firstDisk[0]}'`);
  checkResourcePermissions(call, source, full, storage);
  assertUnlocked(source);
  if (sim.guests.has(newid)) throw fail(`unable to create VM ${newid}: config file already exists`);

  const sourceName = String(source.config['name'] ?? `VM-${source.vmid}`);
  const config: VmConfig = { ...regenerateIdentity(source.config), ...cloneDrives(source.config, newid, full, storage) };
  delete config['template'];
  config['name'] = params.str('name') ?? `Copy-of-VM-${sourceName}`;
  const description = params.str('description');
  if (description !== undefined) config['description'] = description;
  config['lock'] = 'clone';
  sim.guests.add({ vmid: newid, type: 'qemu', node: sim.node, config, pending: {}, status: 'stopped', snapshots: [], ignoresShutdown: false });

  const sizeGiB = totalDiskGiB(source.config);
  const duration = full ? Math.ceil(sizeGiB * sim.timings.fullCloneMsPerGiB) : sim.timings.linkedCloneMs;
  return sim.tasks.start('qmclone', source.vmid, call.user, async (ctx) => {
    try {
      for (const [key, drive] of disks(source.config)) {
        ctx.log(`create ${full ? 'full' : 'linked'} clone of drive ${key} (${volumeOf(drive)})`);
      }
      if (full) ctx.log(`transferred 0.0 B of ${sizeGiB.toFixed(1)} GiB (0.00%)`);
      await ctx.sleep(duration);
      if (full) ctx.log(`transferred ${sizeGiB.toFixed(1)} GiB of ${sizeGiB.toFixed(1)} GiB (100.00%)`);
      const created = sim.guests.get(newid);
      if (!created) throw new Error(`clone failed: VM ${newid} vanished while cloning`);
      delete created.config['lock'];
    } catch (err) {
      sim.guests.remove(newid);
      throw err;
    }
  });
}
