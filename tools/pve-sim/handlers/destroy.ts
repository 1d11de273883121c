import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { assertUnlocked, type Guest } from '../state.ts';
import { disks } from '../vm-config.ts';
import { rejectSkiplock } from './vm-update.ts';

/** destroy_vm's `$early_checks`: the config exists, no protection, not running. */
function earlyChecks(call: Call): Guest {
  const guest = call.sim.guests.qemu(call.params.node, call.params.vmid);
  if (Number(guest.config['protection'] ?? 0) === 1) throw fail(`can't remove VM ${guest.vmid} - protection mode enabled`);
  if (guest.status === 'running') throw fail(`VM ${guest.vmid} is running - destroy failed`);
  return guest;
}

/**
 * qemu-server PVE/API2/Qemu.pm destroy_vm: the early checks answer at once; the qmdestroy task
 * takes the config lock (`lock_config`, 10 s), repeats them, and only then
 * PVE/QemuServer.pm destroy_vm refuses a locked config (`VM is locked (...)` as the task's exit).
 */
export function destroyVm(call: Call): string {
  const { sim, params } = call;
  rejectSkiplock(call);
  const vmid = earlyChecks(call).vmid;
  const purge = params.bool('purge') ?? false;
  return sim.tasks.start(params.node, 'qmdestroy', vmid, call.user, async (ctx) => {
    const release = await sim.locks.acquire(params.node, vmid, 'exclusive', sim.timings.configLockTimeoutMs);
    try {
      earlyChecks(call);
      const guest = sim.guests.qemu(params.node, vmid);
      assertUnlocked(guest);
      await ctx.sleep(sim.timings.destroyMs);
      for (const [, drive] of disks(guest.config)) ctx.log(`  Logical volume "${(drive.split(',')[0] ?? '').split(':')[1] ?? ''}" successfully removed.`);
      if (purge) ctx.log(`purging VM ${vmid} from related configurations..`);
      sim.guests.remove(vmid);
    } finally {
      release();
    }
  });
}
