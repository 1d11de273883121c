import type { Guest } from './state.ts';
import type { VmConfig } from './vm-config.ts';

/** A QEMU VM's config as the Proxmox UI's wizard writes it. */
export function qemuConfig(vmid: number, name: string, opts: { cores: number; memory: number; diskGiB: number; ostype: string; mac: string; template: boolean; description: string }): VmConfig {
  const volume = opts.template ? `base-${vmid}-disk-0` : `vm-${vmid}-disk-0`;
  const config: VmConfig = {
    name,
    description: opts.description,
    cores: opts.cores,
    sockets: 1,
    memory: String(opts.memory),
    ostype: opts.ostype,
    scsihw: 'virtio-scsi-single',
    scsi0: `local-lvm:${volume},iothread=1,size=${opts.diskGiB}G`,
    ide2: 'none,media=cdrom',
    net0: `virtio=${opts.mac},bridge=vmbr0,firewall=1`,
    agent: '1',
    boot: 'order=scsi0;ide2;net0',
    cpu: 'x86-64-v2-AES',
    numa: 0,
    smbios1: `uuid=6a3f0e8c-0000-4000-8000-00000000${String(vmid).padStart(4, '0')}`,
    vmgenid: `0b5d3c1e-0000-4000-8000-00000000${String(vmid).padStart(4, '0')}`,
    meta: 'creation-qemu=9.2.0,ctime=1735689600',
  };
  if (opts.ostype.startsWith('win')) {
    config['bios'] = 'ovmf';
    config['machine'] = 'pc-q35-9.2+pve1';
    config['efidisk0'] = `local-lvm:${opts.template ? 'base' : 'vm'}-${vmid}-disk-1,efitype=4m,pre-enrolled-keys=1,size=4M`;
  }
  if (opts.template) config['template'] = 1;
  return config;
}

export function newGuest(vmid: number, node: string, type: Guest['type'], config: VmConfig, running: boolean): Guest {
  const now = Date.now();
  return {
    vmid,
    type,
    node,
    config,
    pending: {},
    status: running ? 'running' : 'stopped',
    ...(running ? { startedAt: now - 86_400_000, agentReadyAt: now - 86_000_000 } : {}),
    snapshots: [],
    ignoresShutdown: false,
  };
}

/**
 * The node as a fresh simulator shows it: three QEMU templates, one ordinary running VM and one
 * LXC container, so clients must filter on `template` and `type`.
 */
export function seedGuests(node: string): Guest[] {
  return [
    newGuest(100, node, 'qemu', qemuConfig(100, 'legacy-jumphost', { cores: 2, memory: 2048, diskGiB: 16, ostype: 'l26', mac: 'BC:24:11:00:01:00', template: false, description: 'Hand-made VM, not a template' }), true),
    newGuest(200, node, 'lxc', {
      hostname: 'dns-cache', cores: 1, memory: 512, swap: 512, ostype: 'debian',
      rootfs: 'local-lvm:vm-200-disk-0,size=8G', net0: 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:02:00,ip=dhcp,type=veth',
    }, true),
    newGuest(9001, node, 'qemu', qemuConfig(9001, 'turnkey-pbx-test', { cores: 2, memory: 2048, diskGiB: 20, ostype: 'l26', mac: 'BC:24:11:90:01:00', template: true, description: 'Turnkey PBX Test Appliance' }), false),
    newGuest(9002, node, 'qemu', qemuConfig(9002, 'windows-support-client', { cores: 4, memory: 8192, diskGiB: 64, ostype: 'win11', mac: 'BC:24:11:90:02:00', template: true, description: 'Windows Support Client' }), false),
    newGuest(9003, node, 'qemu', qemuConfig(9003, 'linux-utility-vm', { cores: 2, memory: 4096, diskGiB: 32, ostype: 'l26', mac: 'BC:24:11:90:03:00', template: true, description: 'Linux Utility VM' }), false),
  ];
}
