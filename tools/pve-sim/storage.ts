import { fail, paramError } from './errors.ts';

/** One entry of storage.cfg, as far as the simulator needs it. */
export interface StorageConfig {
  plugintype: 'lvmthin' | 'dir' | 'rbd';
  content: readonly string[];
  shared: boolean;
}

/**
 * A fresh Proxmox VE installation's two storages on every node, plus a Ceph RBD pool every node
 * reaches (pve-storage Plugin.pm `parse_config` marks every `@SHARED_STORAGE` type shared, `rbd` included).
 */
export const STORAGES: Readonly<Record<string, StorageConfig>> = {
  local: { plugintype: 'dir', content: ['iso', 'vztmpl', 'backup'], shared: false },
  'local-lvm': { plugintype: 'lvmthin', content: ['images', 'rootdir'], shared: false },
  ceph: { plugintype: 'rbd', content: ['images'], shared: true },
};

/** pve-storage PVE/Storage.pm `storage_config`. */
export function storageConfig(storeid: string): StorageConfig {
  const scfg = STORAGES[storeid];
  if (!scfg) throw fail(`storage '${storeid}' does not exist`);
  return scfg;
}

/** qemu-server clone_vm: a target storage must exist and hold VM images. */
export function assertImageStorage(storeid: string): StorageConfig {
  const scfg = storageConfig(storeid);
  if (!scfg.content.includes('images')) throw paramError({ storage: `storage '${storeid}' does not support vm images` });
  return scfg;
}

/** `local-lvm:base-9001-disk-0` → `{storage: 'local-lvm', volname: 'base-9001-disk-0'}`. */
export function parseVolumeId(volid: string): { storage: string; volname: string } {
  const colon = volid.indexOf(':');
  return { storage: volid.slice(0, colon), volname: volid.slice(colon + 1) };
}

/**
 * pve-storage LvmThinPlugin and RBDPlugin `volume_has_feature` (the same table for these two
 * features): `clone` (linked) only from a base volume, `copy` (full) from any.
 */
export function volumeHasFeature(feature: 'clone' | 'copy', volid: string): boolean {
  // A linked clone's volume `base-9001-disk-0/vm-150-disk-0` is not a base volume itself.
  const isBase = /^base-/.test(parseVolumeId(volid).volname.split('/').pop() ?? '');
  return feature === 'copy' || isBase;
}
