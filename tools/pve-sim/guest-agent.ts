import { fail } from './errors.ts';
import type { Guest } from './state.ts';
import { agentEnabled, netMac } from './vm-config.ts';

interface IpAddress {
  'ip-address': string;
  'ip-address-type': 'ipv4' | 'ipv6';
  prefix: number;
}

interface Interface {
  name: string;
  'hardware-address': string;
  'ip-addresses': IpAddress[];
  statistics: Record<string, number>;
}

/**
 * qemu-server PVE/QemuServer/Agent.pm `assert_agent_available`, in its order: only an absent
 * `agent` key is "not configured"; with `agent: 0` QEMU has no agent channel, so the
 * `guest-ping` of `qga_check_running` fails like an agent that has not started yet.
 */
export function assertAgentAvailable(guest: Guest): void {
  if (guest.config['agent'] === undefined) throw fail('No QEMU guest agent configured');
  if (guest.status !== 'running') throw fail(`VM ${guest.vmid} is not running`);
  if (!agentEnabled(guest.config) || (guest.agentReadyAt ?? Infinity) > Date.now()) throw fail('QEMU guest agent is not running');
}

/** fe80:: address from a MAC (modified EUI-64), as a Linux guest would configure it. */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  const eui = [(b[0] ?? 0) ^ 0x02, b[1] ?? 0, b[2] ?? 0, 0xff, 0xfe, b[3] ?? 0, b[4] ?? 0, b[5] ?? 0];
  const groups = [0, 2, 4, 6].map((i) => ((((eui[i] ?? 0) << 8) | (eui[i + 1] ?? 0)).toString(16)));
  return `fe80::${groups.join(':')}`;
}

const ip = (address: string, type: 'ipv4' | 'ipv6', prefix: number): IpAddress => ({ 'ip-address': address, 'ip-address-type': type, prefix });

const stats = (): Record<string, number> => ({ 'rx-bytes': 18_734_122, 'rx-packets': 60_512, 'rx-errs': 0, 'rx-dropped': 0, 'tx-bytes': 2_304_881, 'tx-packets': 17_002, 'tx-errs': 0, 'tx-dropped': 0 });

/**
 * What `guest-network-get-interfaces` reports: loopback, then the NIC whose MAC is net0's, with a
 * documentation-range IPv4 (192.0.2.0/24) and IPv6 (2001:db8::/32) address plus its link-local one.
 */
export function networkInterfaces(guest: Guest): Interface[] {
  const mac = (netMac(guest.config) ?? '00:00:00:00:00:00').toLowerCase();
  const windows = String(guest.config['ostype'] ?? '').startsWith('w');
  const host = (guest.vmid % 250) + 2;
  return [
    {
      name: windows ? 'Loopback Pseudo-Interface 1' : 'lo',
      'hardware-address': '00:00:00:00:00:00',
      'ip-addresses': [ip('127.0.0.1', 'ipv4', 8), ip('::1', 'ipv6', 128)],
      statistics: stats(),
    },
    {
      name: windows ? 'Ethernet' : 'ens18',
      'hardware-address': mac,
      'ip-addresses': [ip(`192.0.2.${host}`, 'ipv4', 24), ip(`2001:db8::${guest.vmid.toString(16)}`, 'ipv6', 64), ip(linkLocal(mac), 'ipv6', 64)],
      statistics: stats(),
    },
  ];
}
