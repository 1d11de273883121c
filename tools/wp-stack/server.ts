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

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) {
        reject(new Error(`PHP server exited with code ${child.exitCode}`));
        return;
      }
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`PHP server did not listen on port ${port}`));
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
  const child = spawn(
    'php',
    [
      '-d', 'display_errors=0',
      '-d', 'log_errors=1',
      '-d', `error_log=${options.errorLog}`,
      '-d', 'memory_limit=256M',
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
  await waitForPort(options.port, child, 15_000);
  return {
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        // The workers are the server's children: end the whole process group.
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
