import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { phpScriptsDir } from './paths.ts';
import path from 'node:path';

export interface PhpServer {
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface PhpServerOptions {
  port: number;
  docroot: string;
  siteConfig: string;
  workers: number;
  logFile: string;
  errorLog: string;
}

/** PHP could not bind its port: another process took it after it was found free. */
export class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

/**
 * Waits until this server, not another process that happens to hold the port, listens: PHP logs
 * "Development Server (http://host:port) started" once it has bound, and "Failed to listen" when
 * the port is taken. A connect alone would also succeed against the other process.
 */
function waitForOwnListen(port: number, child: ChildProcess, logFile: string, logOffset: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const started = `(http://127.0.0.1:${port}) started`;
  const logSinceStart = (): string => {
    const text = fs.readFileSync(logFile);
    return text.subarray(Math.min(logOffset, text.length)).toString('utf8');
  };
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const log = logSinceStart();
      if (child.exitCode !== null) {
        reject(log.includes('Failed to listen')
          ? new PortTakenError(`Port ${port} was taken before the PHP server could listen on it`)
          : new Error(`PHP server exited with code ${child.exitCode}`));
        return;
      }
      if (!log.includes(started)) {
        if (Date.now() > deadline) reject(new Error(`PHP server did not listen on port ${port}`));
        else setTimeout(attempt, 50);
        return;
      }
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`PHP server did not answer on port ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * PHP's built-in web server with several forked workers, so requests really run concurrently.
 */
export async function startPhpServer(options: PhpServerOptions): Promise<PhpServer> {
  const log = fs.openSync(options.logFile, 'a');
  const logOffset = fs.fstatSync(log).size;
  const child = spawn(
    'php',
    [
      '-d', 'display_errors=0',
      '-d', 'log_errors=1',
      '-d', `error_log=${options.errorLog}`,
      '-d', 'memory_limit=256M',
      // The built-in server caches scripts (opcache.enable_cli does not govern it) and looks for
      // changed files only every 2 s by default: a rewritten site config would be served stale.
      '-d', 'opcache.revalidate_freq=0',
      '-S', `127.0.0.1:${options.port}`,
      '-t', options.docroot,
      path.join(phpScriptsDir, 'router.php'),
    ],
    {
      env: { ...process.env, SPP_WP_SITE_CONFIG: options.siteConfig, PHP_CLI_SERVER_WORKERS: String(options.workers) },
      stdio: ['ignore', log, log],
      detached: true,
    },
  );
  fs.closeSync(log);
  try {
    await waitForOwnListen(options.port, child, options.logFile, logOffset, 15_000);
  } catch (error) {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    throw error;
  }
  return {
    process: child,
    stop: () =>
      new Promise((resolve) => {
        // A server ended by a signal has no exit code, only its signal: it is gone all the same.
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        // The workers are the server's children: end the whole process group.
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
