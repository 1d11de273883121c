import type { Call } from '../call.ts';
import { fail } from '../errors.ts';
import { assertUnlocked } from '../state.ts';
import { disks } from '../vm-config.ts';
import { rejectSkiplock } from './vm-update.ts';

/** `DELETE /nodes/{node}/qemu/{vmid}`: refuses locked, protected and running VMs synchronously. */
export function destroyVm(call: Call): string {
  const { sim, params } = call;
  rejectSkiplock(call);
  const guest = sim.guests.qemu(params.node, params.vmid);
  assertUnlocked(guest);
  if (Number(guest.config['protection'] ?? 0) === 1) throw fail(`can't remove VM ${guest.vmid} - protection mode enabled`);
  if (guest.status === 'running') throw fail(`VM ${guest.vmid} is running - destroy failed`);
  const purge = params.bool('purge') ?? false;
  const vmid = guest.vmid;
  return sim.tasks.start(params.node, 'qmdestroy', vmid, call.user, async (ctx) => {
    await ctx.sleep(sim.timings.destroyMs);
    for (const [, drive] of disks(guest.config)) ctx.log(`  Logical volume "${(drive.split(',')[0] ?? '').split(':')[1] ?? ''}" successfully removed.`);
    if (purge) ctx.log(`purging VM ${vmid} from related configurations..`);
    sim.guests.remove(vmid);
  });
}
