import { fail, paramError } from './errors.ts';

/** One entry of storage.cfg, as far as the simulator needs it. */
export interface StorageConfig {
  plugintype: 'lvmthin' | 'dir' | 'nfs' | 'rbd';
  content: readonly string[];
  shared: boolean;
}

/** A fresh Proxmox VE installation's two storages, on every node. */
export const STORAGES: Readonly<Record<string, StorageConfig>> = {
  local: { plugintype: 'dir', content: ['iso', 'vztmpl', 'backup'], shared: false },
  'local-lvm': { plugintype: 'lvmthin', content: ['images', 'rootdir'], shared: false },
  /** An NFS share for VM images: raw files there cannot be snapshotted (Plugin.pm features). */
  'nfs-images': { plugintype: 'nfs', content: ['images'], shared: true },
  /** A Ceph RBD pool every node reaches (pve-storage Plugin.pm `parse_config`: `rbd` is one of @SHARED_STORAGE). */
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

type Feature = 'clone' | 'copy' | 'snapshot';
type FeatureKey = 'base' | 'current' | 'snap';

/** pve-storage LvmThinPlugin `volume_has_feature`: every format (there is only raw). */
const LVMTHIN_FEATURES: Record<Feature, readonly FeatureKey[]> = {
  snapshot: ['current'],
  clone: ['base', 'snap'],
  copy: ['base', 'current', 'snap'],
};

/** pve-storage RBDPlugin `volume_has_feature`: every format (raw only). */
const RBD_FEATURES: Record<Feature, readonly FeatureKey[]> = {
  snapshot: ['current', 'snap'],
  clone: ['base', 'snap'],
  copy: ['base', 'current', 'snap'],
};

/** pve-storage Plugin.pm `volume_has_feature` (dir, NFS, CIFS): formats per feature and key. */
const FILE_FEATURES: Record<Feature, Partial<Record<FeatureKey, readonly string[]>>> = {
  snapshot: { current: ['qcow2'], snap: ['qcow2'] },
  clone: { base: ['qcow2', 'raw', 'vmdk'] },
  copy: { base: ['qcow2', 'raw', 'vmdk'], current: ['qcow2', 'raw', 'vmdk'], snap: ['qcow2'] },
};

/**
 * Whether a volume supports a feature: `clone` (linked) only from a base volume, `copy` (full)
 * from any, `snapshot` on LVM-thin always and on file storages only for qcow2 files.
 */
export function volumeHasFeature(feature: Feature, volid: string): boolean {
  const { storage, volname } = parseVolumeId(volid);
  // A linked clone's volume `base-9001-disk-0/vm-150-disk-0` is not a base volume itself.
  const leaf = volname.split('/').pop() ?? '';
  const key: FeatureKey = /^base-/.test(leaf) ? 'base' : 'current';
  const plugin = STORAGES[storage]?.plugintype ?? 'lvmthin';
  if (plugin === 'lvmthin') return LVMTHIN_FEATURES[feature].includes(key);
  if (plugin === 'rbd') return RBD_FEATURES[feature].includes(key);
  const format = /\.(qcow2|vmdk|raw)$/.exec(leaf)?.[1] ?? 'raw';
  return FILE_FEATURES[feature][key]?.includes(format) ?? false;
}
