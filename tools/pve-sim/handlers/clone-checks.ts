import { requireAll } from '../acl.ts';
import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { assertUnlocked, isTemplate, type Guest } from '../state.ts';
import { assertImageStorage, parseVolumeId, storageConfig, volumeHasFeature } from '../storage.ts';
import { drivesInOrder, isCdrom, isDiskKey, regenerateIdentity, volumeOf, type VmConfig } from '../vm-config.ts';

/** What qemu-server clone_vm's `$load_and_check` hands to the clone: the new config and the drives to copy. */
export interface ClonePlan {
  source: Guest;
  full: boolean;
  /** The source config (or the snapshot's) the clone copies. */
  oldconf: VmConfig;
  /** Everything but the disks, `lock: clone` included. */
  newconf: VmConfig;
  drives: [string, string][];
}

/** Snapshot bookkeeping and unused volumes are not copied (clone_vm). */
const NOT_COPIED = new Set(['parent', 'snaptime', 'vmstate', 'snapstate', 'runningcpu', 'runningmachine', 'running-nets-host-mtu']);

/** PVE::GuestHelpers::get_tags_from_trunk: `10;20-22` → 10, 20, 21, 22. */
function trunkTags(trunks: string): number[] {
  return trunks.split(';').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    if (from === undefined || to === undefined) return [];
    return Array.from({ length: to - from + 1 }, (_v, i) => from + i);
  });
}

/**
 * qemu-server PVE/QemuServer.pm check_bridge_access → pve-guest-common check_vnet_access:
 * SDN.Use on the VLAN path when tagged or trunked, otherwise on the bridge.
 */
function checkBridgeAccess(call: Call, conf: VmConfig): void {
  for (const key of Object.keys(conf).filter((k) => /^net\d+$/.test(k)).sort()) {
    const net = String(conf[key]);
    const option = (name: string): string | undefined => new RegExp(`(?:^|,)${name}=([^,]+)`).exec(net)?.[1];
    const bridge = option('bridge');
    if (bridge === undefined) continue;
    const base = `/sdn/zones/localnetwork/${bridge}`;
    const tag = option('tag');
    const trunks = option('trunks');
    if (tag !== undefined) requireAll(call.token, `${base}/${tag}`, ['SDN.Use']);
    for (const t of trunks !== undefined ? trunkTags(trunks) : []) requireAll(call.token, `${base}/${t}`, ['SDN.Use']);
    if (tag === undefined && trunks === undefined) requireAll(call.token, base, ['SDN.Use']);
  }
}

/**
 * qemu-server PVE/API2/Qemu.pm `$check_storage_access_clone`: Datastore.AllocateSpace on the
 * storage of every disk (or on `storage` when given), linked clones too. Answers whether every
 * volume is on shared storage.
 */
function checkStorageAccess(call: Call, conf: VmConfig, storage: string | undefined): boolean {
  let sharedVm = true;
  for (const [, drive] of drivesInOrder(conf)) {
    const volid = volumeOf(drive);
    if (volid === '' || volid === 'none') continue;
    if (isCdrom(drive)) {
      if (volid === 'cdrom') requireAll(call.token, '/', ['Sys.Console']);
      else if (!storageConfig(parseVolumeId(volid).storage).shared) sharedVm = false;
      continue;
    }
    const sid = parseVolumeId(volid).storage;
    if (!storageConfig(sid).shared) sharedVm = false;
    requireAll(call.token, `/storage/${storage ?? sid}`, ['Datastore.AllocateSpace']);
  }
  const vmstate = conf['vmstatestorage'];
  if (vmstate !== undefined) requireAll(call.token, `/storage/${String(vmstate)}`, ['Datastore.AllocateSpace']);
  return sharedVm;
}

/**
 * qemu-server PVE/API2/Qemu.pm clone_vm `$load_and_check`, run once in the POST ("early checks
 * before forking/locking") and again inside the qmclone task under the config locks.
 * `running` is what `check_running` said when the POST began; `target` is already undefined
 * when it named the local node.
 */
export function loadAndCheck(call: Call, running: boolean, target: string | undefined): ClonePlan {
  const { sim, params } = call;
  const { node, vmid } = params;
  const newid = params.int('newid') ?? 0;
  const storage = params.str('storage');
  if (target !== undefined && !sim.nodes.includes(target)) throw fail(`no such cluster node '${target}'`);
  if (storage !== undefined) {
    const scfg = assertImageStorage(storage);
    if (target !== undefined && !scfg.shared) throw fail(`can't clone to non-shared storage '${storage}'`);
  }

  const source = sim.guests.qemu(node, vmid);
  assertUnlocked(source);
  if ((source.status === 'running') !== running) throw fail('unexpected state change');
  const snapname = params.str('snapname');
  const snapshot = snapname === undefined ? undefined : source.snapshots.find((s) => s.name === snapname);
  if (snapname !== undefined && !snapshot) throw fail(`snapshot '${snapname}' does not exist`);

  const full = params.bool('full') ?? !isTemplate(source);
  if (storage !== undefined && !full) throw fail("parameter 'storage' not allowed for linked clones");
  if (params.str('format') !== undefined && !full) throw fail("parameter 'format' not allowed for linked clones");

  const oldconf = snapshot ? snapshot.config : source.config;
  const sharedVm = checkStorageAccess(call, oldconf, storage);
  checkBridgeAccess(call, oldconf);
  if (target !== undefined && !sharedVm) throw fail(`can't clone VM to node '${target}' (VM uses local storage)`);

  const existing = sim.guests.get(newid);
  if (existing && existing.type === 'qemu' && existing.node === node) throw fail(`unable to create VM ${newid}: config file already exists`);

  const newconf: VmConfig = { lock: 'clone' };
  const drives: [string, string][] = [];
  const identity = regenerateIdentity(oldconf);
  for (const [key, original] of Object.entries(oldconf).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = String(original);
    if (NOT_COPIED.has(key) || /^unused\d+$/.test(key)) continue;
    if (full && running && !snapname && key === 'tpmstate0') throw fail('cannot clone TPM state while VM is running');
    if (!isDiskKey(key) || isCdrom(value)) {
      newconf[key] = identity[key] ?? original;
      continue;
    }
    const volid = volumeOf(value);
    const what = `clone feature is not supported for${snapname ? ' a snapshot of' : ''} '${volid}' (${key})`;
    if (full || key === 'tpmstate0') {
      if (!volumeHasFeature('copy', volid)) throw fail(`Full ${what}`);
    } else if (!volumeHasFeature('clone', volid)) {
      throw fail(`Linked ${what}`);
    }
    drives.push([key, value]);
  }
  return { source, full, oldconf, newconf, drives };
}
