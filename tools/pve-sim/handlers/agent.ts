import type { Call } from '../call.ts';
import { assertAgentAvailable, networkInterfaces } from '../guest-agent.ts';

export function networkGetInterfaces({ sim, params }: Call): unknown {
  const guest = sim.guests.qemu(params.node, params.vmid);
  assertAgentAvailable(guest);
  return { result: networkInterfaces(guest) };
}
