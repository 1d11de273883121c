import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { isTemplate } from '../state.ts';
import { agentEnabled, cpuCount, digest } from '../vm-config.ts';
import { guestRuntime, mayAudit } from './cluster.ts';

/** QEMU guests the token may audit; `template` only when 1. */
export function listQemu(call: Call): unknown[] {
  return call.sim.guests
    .list()
    .filter((g) => g.type === 'qemu' && g.node === call.params.node && mayAudit(call, g.vmid))
    .map((g) => ({ ...guestRuntime(g), cpus: cpuCount(g.config), ...(isTemplate(g) ? { template: 1 } : {}) }));
}

/** The config with pending changes applied (unless `current=1`), plus its digest. */
export function getConfig({ sim, params }: Call): unknown {
  const guest = sim.guests.qemu(params.node, params.vmid);
  const snapname = params.str('snapshot');
  if (snapname !== undefined) {
    const snapshot = guest.snapshots.find((s) => s.name === snapname);
    if (!snapshot) throw fail(`snapshot '${snapname}' does not exist`);
    return { ...snapshot.config, digest: digest(guest.config) };
  }
  const config = params.bool('current') ? guest.config : { ...guest.config, ...guest.pending };
  return { ...config, digest: digest(guest.config) };
}

export function currentStatus({ sim, params }: Call): unknown {
  const guest = sim.guests.qemu(params.node, params.vmid);
  const running = guest.status === 'running';
  return {
    ...guestRuntime(guest),
    qmpstatus: guest.status,
    cpus: cpuCount(guest.config),
    ha: { managed: 0 },
    ...(running ? { pid: 40_000 + guest.vmid, 'running-qemu': '10.1.2', 'running-machine': 'pc-i440fx-10.1+pve0' } : {}),
    ...(agentEnabled(guest.config) ? { agent: 1 } : {}),
    ...(isTemplate(guest) ? { template: 1 } : {}),
  };
}
