import type { Call } from '../call.ts';
import { checkConfigKeyPermission } from '../config-perms.ts';
import { fail, paramError } from '../errors.ts';
import { assertUnlocked, type Guest } from '../state.ts';
import { digest, memoryMiB, normalizeTags } from '../vm-config.ts';

/** Options a running VM cannot change live: they stay pending until the next cold start. */
const NEEDS_RESTART = new Set(['cores', 'sockets', 'memory', 'cpu', 'numa', 'machine', 'bios', 'ostype', 'scsihw']);

const CONTROL_PARAMS = ['node', 'vmid', 'digest', 'delete', 'revert', 'skiplock', 'background_delay', 'force'];

/** `skiplock` is root-only; a token is never root. */
export function rejectSkiplock(call: Call): void {
  if (call.params.bool('skiplock') !== undefined) throw paramError({ skiplock: 'Only root may use this option.' });
}

interface Change {
  set: [string, string | number][];
  remove: string[];
  /** Pending changes to drop. */
  revert: string[];
}

const idList = (value: string | undefined): string[] => (value ?? '').split(/[,;\s]+/).filter(Boolean);

/**
 * qemu-server PVE/API2/Qemu.pm update_vm `$load_and_check_config`: digest, lock, then the
 * balloon target against the memory the VM will have. Runs before the answer and again in
 * the qmconfig task.
 */
function loadAndCheckConfig(call: Call, guest: Guest): void {
  const { params } = call;
  const expected = params.str('digest');
  if (expected !== undefined && expected !== digest(guest.config)) throw fail('checksum mismatch (file change by other user?)');
  assertUnlocked(guest);
  const memory = params.str('memory');
  const balloonParam = params.int('balloon');
  if (!memory && balloonParam === undefined) return;
  const maxmem = memoryMiB({ memory: memory || guest.pending['memory'] || guest.config['memory'] || '512' });
  const balloon = balloonParam ?? Number(guest.pending['balloon'] || guest.config['balloon'] || 0);
  if (balloon && balloon > maxmem) throw fail('balloon value too large (must be smaller than assigned memory)');
}

/** Checks everything that fails synchronously and returns what to change. */
function prepare(call: Call, guest: Guest): Change {
  const { params, token } = call;
  rejectSkiplock(call);
  const remove = idList(params.str('delete'));
  const revert = idList(params.str('revert'));
  const set = params.entriesExcept(CONTROL_PARAMS);
  const both = set.find(([k]) => remove.includes(k));
  // Proxmox's own text, unbalanced quote included.
  if (both) throw paramError({ delete: `you can't use '-${both[0]}' and -delete ${both[0]}' at the same time` });
  for (const key of [...set.map(([k]) => k), ...remove, ...revert]) checkConfigKeyPermission(token, guest.vmid, key);
  loadAndCheckConfig(call, guest);
  return { set, remove, revert };
}

function apply(guest: Guest, change: Change): void {
  const running = guest.status === 'running';
  for (const key of change.revert) delete guest.pending[key];
  for (const key of change.remove) delete guest.config[key];
  for (const [key, value] of change.set) {
    const stored = key === 'tags' ? normalizeTags(String(value)) : value;
    if (running && NEEDS_RESTART.has(key)) guest.pending[key] = stored;
    else guest.config[key] = stored;
  }
}

/** PUT: synchronous, answers null. */
export function putConfig(call: Call): null {
  const guest = call.sim.guests.qemu(call.params.node, call.params.vmid);
  apply(guest, prepare(call, guest));
  return null;
}

/** POST: the same checks, the change runs as a `qmconfig` task. */
export function postConfig(call: Call): string {
  const guest = call.sim.guests.qemu(call.params.node, call.params.vmid);
  const change = prepare(call, guest);
  return call.sim.tasks.start(call.params.node, 'qmconfig', guest.vmid, call.user, async (ctx) => {
    await ctx.sleep(call.sim.timings.configMs);
    const current = call.sim.guests.qemu(call.params.node, guest.vmid);
    loadAndCheckConfig(call, current);
    for (const [key, value] of change.set) ctx.log(`update VM ${guest.vmid}: -${key} ${key === 'cipassword' ? '<hidden>' : value}`);
    apply(current, change);
  });
}
