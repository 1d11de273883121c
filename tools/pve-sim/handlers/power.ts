import type { Call } from '../call.ts';
import { assertUnlocked, isTemplate, powerOff, powerOn, type MissingStyle } from '../state.ts';
import type { TaskContext } from '../tasks.ts';
import { rejectSkiplock } from './vm-update.ts';

/** Runs a power task; the guest is looked up again inside, in case it vanished meanwhile. */
function powerTask(call: Call, type: string, missing: MissingStyle, work: (ctx: TaskContext, vmid: number) => Promise<void>): string {
  const { sim, params } = call;
  rejectSkiplock(call);
  const guest = sim.guests.qemu(params.node, params.vmid, missing);
  return sim.tasks.start(params.node, type, guest.vmid, call.user, (ctx) => work(ctx, guest.vmid));
}

/** "already running", "template" and "locked" arrive in the task's exitstatus. */
export function startVm(call: Call): string {
  const { sim, params } = call;
  return powerTask(call, 'qmstart', 'config-file', async (ctx, vmid) => {
    const guest = sim.guests.qemu(params.node, vmid);
    if (isTemplate(guest)) throw new Error("you can't start a vm if it's a template");
    assertUnlocked(guest);
    if (guest.status === 'running') throw new Error(`VM ${vmid} already running`);
    await ctx.sleep(sim.timings.startMs);
    powerOff(guest); // a cold start applies pending changes first
    powerOn(guest, sim.timings.agentStartupMs);
  });
}

/** Hard stop; stopping a stopped VM is fine. */
export function stopVm(call: Call): string {
  const { sim, params } = call;
  return powerTask(call, 'qmstop', 'find-config', async (ctx, vmid) => {
    const guest = sim.guests.qemu(params.node, vmid, 'find-config');
    assertUnlocked(guest);
    await ctx.sleep(sim.timings.stopMs);
    powerOff(guest);
  });
}

/** ACPI shutdown: waits for the guest; `forceStop=1` stops it when the timeout passes. */
export function shutdownVm(call: Call): string {
  const { sim, params } = call;
  const timeoutSeconds = params.int('timeout') ?? 60;
  const forceStop = params.bool('forceStop') ?? false;
  return powerTask(call, 'qmshutdown', 'find-config', async (ctx, vmid) => {
    const guest = sim.guests.qemu(params.node, vmid, 'find-config');
    assertUnlocked(guest);
    if (guest.status === 'stopped') return;
    if (!guest.ignoresShutdown) {
      await ctx.sleep(sim.timings.shutdownMs);
      powerOff(guest);
      return;
    }
    await ctx.sleep(timeoutSeconds * sim.timings.msPerTimeoutSecond);
    if (!forceStop) throw new Error('VM quit/powerdown failed - got timeout');
    ctx.log('VM still running - terminating now with SIGTERM');
    powerOff(guest);
  });
}
