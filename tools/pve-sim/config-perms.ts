import { requireAll, requireAny, type TokenDefinition } from './acl.ts';
import { fail } from './errors.ts';
import { isDiskKey } from './vm-config.ts';

/** Option groups of qemu-server's `check_vm_modify_config_perm`. */
const CPU = new Set(['affinity', 'cores', 'cpu', 'cpulimit', 'cpuunits', 'numa', 'smp', 'sockets', 'vcpus']);
const MEMORY = new Set(['memory', 'balloon', 'shares', 'allow-ksm']);
const HWTYPE = new Set(['hotplug', 'keyboard', 'scsihw', 'tablet', 'vga', 'watchdog', 'audio0', 'rng0', 'bios', 'machine', 'tdf']);
const GENERAL = new Set([
  'name', 'onboot', 'description', 'protection', 'tags', 'agent', 'ostype', 'startup', 'boot', 'bootdisk', 'acpi',
  'autostart', 'kvm', 'localtime', 'freeze', 'startdate', 'reboot', 'migrate_speed', 'migrate_downtime', 'spice_enhancements',
  'vmgenid', 'hookscript', 'template', 'smbios1', 'arch',
]);
const CLOUDINIT = new Set(['ciuser', 'cipassword', 'citype', 'cicustom', 'ciupgrade', 'nameserver', 'searchdomain', 'sshkeys']);

/**
 * The privilege a config key needs on `/vms/<vmid>` (`delete=<key>` counts too).
 * Keys no group claims may only be set by root, as in Proxmox.
 */
export function checkConfigKeyPermission(token: TokenDefinition, vmid: number, key: string): void {
  const path = `/vms/${vmid}`;
  if (CPU.has(key) || /^numa\d+$/.test(key)) requireAll(token, path, ['VM.Config.CPU']);
  else if (MEMORY.has(key)) requireAll(token, path, ['VM.Config.Memory']);
  else if (HWTYPE.has(key)) requireAll(token, path, ['VM.Config.HWType']);
  else if (GENERAL.has(key)) requireAll(token, path, ['VM.Config.Options']);
  else if (key === 'vmstatestorage') requireAll(token, path, ['VM.PowerMgmt']);
  else if (isDiskKey(key) || key === 'cdrom' || /^unused\d+$/.test(key)) requireAll(token, path, ['VM.Config.Disk']);
  else if (/^net\d+$/.test(key)) requireAll(token, path, ['VM.Config.Network']);
  else if (CLOUDINIT.has(key) || /^ipconfig\d+$/.test(key)) requireAny(token, path, ['VM.Config.Cloudinit', 'VM.Config.Network']);
  else throw fail(`only root can set '${key}' config`);
}
