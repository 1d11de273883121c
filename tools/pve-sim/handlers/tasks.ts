import { hasPrivilege } from '../acl.ts';
import { Reply, type Call } from '../call.ts';
import { paramError, permissionError } from '../errors.ts';
import { parseUpid, type Task } from '../tasks.ts';

/** A task the caller may read: its own, or any with Sys.Audit on the node. */
function readableTask({ sim, params, token, user }: Call): Task {
  const upid = params.str('upid') ?? '';
  if (!parseUpid(upid)) throw paramError({ upid: 'unable to parse worker upid' });
  const task = sim.tasks.get(upid);
  if (!task || task.node !== params.node) throw paramError({ upid: 'no such task' });
  if (task.user !== user && !hasPrivilege(token, `/nodes/${params.node}`, 'Sys.Audit')) {
    throw permissionError(`/nodes/${params.node}, Sys.Audit`);
  }
  return task;
}

export function taskStatus(call: Call): unknown {
  const t = readableTask(call);
  return {
    upid: t.upid, node: t.node, pid: t.pid, pstart: t.pstart, starttime: t.starttime, type: t.type, id: t.id, user: t.user,
    status: t.status,
    ...(t.status === 'stopped' ? { exitstatus: t.exitstatus, endtime: t.endtime } : {}),
  };
}

/** Log lines `{n, t}`, numbered from 1, paged by `start`/`limit` (default 50). */
export function taskLog(call: Call): Reply {
  const t = readableTask(call);
  const start = call.params.int('start') ?? 0;
  const limit = call.params.int('limit') ?? 50;
  const lines = t.lines.length > 0 ? t.lines : ['no content'];
  return new Reply(lines.slice(start, start + limit).map((text, i) => ({ n: start + i + 1, t: text })), { total: lines.length });
}
