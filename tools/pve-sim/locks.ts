/**
 * The per-node flock files `/var/lock/qemu-server/lock-<vmid>.conf` that qemu-server's
 * `lock_config_full` / `lock_config_shared` take (pve-guest-common PVE/AbstractConfig.pm) through
 * pve-common's `PVE::Tools::lock_file_full`: shared or exclusive, waiting at most a timeout.
 * They live in /var/lock, so they only exclude operations on the same node.
 */

type Mode = 'shared' | 'exclusive';

interface Waiter {
  mode: Mode;
  grant(): void;
}

interface LockFile {
  exclusive: boolean;
  shared: number;
  waiters: Waiter[];
}

export function lockFilePath(vmid: number): string {
  return `/var/lock/qemu-server/lock-${vmid}.conf`;
}

export class ConfigLocks {
  private readonly files = new Map<string, LockFile>();

  /**
   * Takes the lock, or fails after `timeoutMs` with `lock_file_full`'s
   * `can't lock file '<path>' - got timeout`. Resolves with the function that releases it.
   */
  acquire(node: string, vmid: number, mode: Mode, timeoutMs: number): Promise<() => void> {
    const key = `${node}/${vmid}`;
    const file = this.files.get(key) ?? { exclusive: false, shared: 0, waiters: [] };
    this.files.set(key, file);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      if (mode === 'exclusive') file.exclusive = false;
      else file.shared -= 1;
      this.grantWaiting(key, file);
    };
    if (file.waiters.length === 0 && this.free(file, mode)) {
      this.take(file, mode);
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        mode,
        grant: () => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        file.waiters.splice(file.waiters.indexOf(waiter), 1);
        reject(new Error(`can't lock file '${lockFilePath(vmid)}' - got timeout`));
      }, timeoutMs);
      file.waiters.push(waiter);
    });
  }

  clear(): void {
    this.files.clear();
  }

  private free(file: LockFile, mode: Mode): boolean {
    return !file.exclusive && (mode === 'shared' || file.shared === 0);
  }

  private take(file: LockFile, mode: Mode): void {
    if (mode === 'exclusive') file.exclusive = true;
    else file.shared += 1;
  }

  private grantWaiting(key: string, file: LockFile): void {
    for (let next = file.waiters[0]; next && this.free(file, next.mode); next = file.waiters[0]) {
      file.waiters.shift();
      this.take(file, next.mode);
      next.grant();
    }
    const unused = !file.exclusive && file.shared === 0 && file.waiters.length === 0;
    if (unused && this.files.get(key) === file) this.files.delete(key);
  }
}
