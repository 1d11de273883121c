import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A VM config as Proxmox returns it: integers/booleans as numbers, everything else as strings. */
export type VmConfig = Record<string, string | number>;

const DISK_KEY = /^(?:scsi|virtio|sata|ide)\d+$|^(?:efidisk|tpmstate)0$/;

export function isDiskKey(key: string): boolean {
  return DISK_KEY.test(key);
}

/** qemu-server `valid_drive_names` order: ide, scsi, virtio, sata, efidisk0, tpmstate0. */
const DRIVE_ORDER = ['ide', 'scsi', 'virtio', 'sata', 'efidisk', 'tpmstate'];

function driveRank(key: string): [number, number] {
  const m = /^([a-z]+)(\d+)$/.exec(key);
  return [DRIVE_ORDER.indexOf(m?.[1] ?? ''), Number(m?.[2] ?? 0)];
}

export function isCdrom(drive: string): boolean {
  return /(?:^|,)media=cdrom(?:,|$)/.test(drive);
}

/** The volume id of a drive (`local-lvm:base-9001-disk-0,size=20G` → `local-lvm:base-9001-disk-0`). */
export function volumeOf(drive: string): string {
  const first = drive.split(',')[0] ?? '';
  return first.startsWith('file=') ? first.slice(5) : first;
}

/** Every drive, CD-ROMs included, in `foreach_volume` order. */
export function drivesInOrder(config: VmConfig): [string, string][] {
  return Object.entries(config)
    .filter(([k]) => isDiskKey(k))
    .map(([k, v]): [string, string] => [k, String(v)])
    .sort(([a], [b]) => {
      const [ra, na] = driveRank(a);
      const [rb, nb] = driveRank(b);
      return ra - rb || na - nb;
    });
}

/** Disks that are not CD-ROMs, in config order. */
export function disks(config: VmConfig): [string, string][] {
  return Object.entries(config)
    .filter(([k, v]) => isDiskKey(k) && !isCdrom(String(v)))
    .map(([k, v]) => [k, String(v)]);
}

/** `size=32G` → bytes. */
function sizeBytes(drive: string): number {
  const m = /(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)/.exec(drive);
  if (!m) return 0;
  const unit = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 }[m[2] as '' | 'K' | 'M' | 'G' | 'T'];
  return Math.round(Number(m[1]) * unit);
}

/** Size of the boot disk (the first one), as `maxdisk`. */
export function bootDiskBytes(config: VmConfig): number {
  const first = disks(config)[0];
  return first ? sizeBytes(first[1]) : 0;
}

export function totalDiskGiB(config: VmConfig): number {
  return disks(config).reduce((sum, [, d]) => sum + sizeBytes(d), 0) / 2 ** 30;
}

/** `memory` is a property string since PVE 8.1: `2048` or `current=2048`; default 512 MiB. */
export function memoryMiB(config: VmConfig): number {
  const m = /(?:^|current=)(\d+)/.exec(String(config['memory'] ?? '512'));
  return m ? Number(m[1]) : 512;
}

export function cpuCount(config: VmConfig): number {
  return Number(config['cores'] ?? 1) * Number(config['sockets'] ?? 1);
}

/** `agent: 1` or `agent: enabled=1,fstrim_cloned_disks=1`. */
export function agentEnabled(config: VmConfig): boolean {
  const value = String(config['agent'] ?? '0');
  return /^(?:enabled=)?1(?:,|$)/.test(value) || /(?:^|,)enabled=1(?:,|$)/.test(value);
}

export function netMac(config: VmConfig, key = 'net0'): string | undefined {
  return /^[a-z0-9-]+=([0-9A-F:]{17})/i.exec(String(config[key] ?? ''))?.[1];
}

/** A MAC in Proxmox's locally administered BC:24:11 range. */
export function randomMac(): string {
  return ['BC', '24', '11', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0').toUpperCase())].join(':');
}

/** A clone gets new MACs, a new vmgenid and a new SMBIOS UUID. */
export function regenerateIdentity(config: VmConfig): VmConfig {
  const result: VmConfig = { ...config };
  for (const [key, value] of Object.entries(config)) {
    if (/^net\d+$/.test(key)) result[key] = String(value).replace(/^([a-z0-9-]+)=[0-9A-F:]{17}/i, `$1=${randomMac()}`);
  }
  if (config['vmgenid'] !== undefined) result['vmgenid'] = randomUUID();
  if (config['smbios1'] !== undefined) result['smbios1'] = String(config['smbios1']).replace(/uuid=[0-9a-f-]+/i, `uuid=${randomUUID()}`);
  return result;
}

/** SHA1 over the config, like the digest of the config file. */
export function digest(config: VmConfig): string {
  const text = Object.keys(config).sort().map((k) => `${k}: ${config[k]}`).join('\n');
  return createHash('sha1').update(text).digest('hex');
}

/** Tags: split on `;`, `,` or space, lower-cased, sorted, unique, joined with `;`. */
export function normalizeTags(tags: string): string {
  return [...new Set(tags.split(/[;, ]/).filter(Boolean).map((t) => t.toLowerCase()))].sort().join(';');
}
