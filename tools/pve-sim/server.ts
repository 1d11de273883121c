import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { createApiHandler } from './api-handler.ts';
import type { Certificates } from './certs.ts';
import { CONTROL_BASE, createControlHandler } from './control.ts';
import { PveError } from './errors.ts';
import { resetConnection, sendError } from './http-io.ts';
import type { Simulator } from './sim.ts';

/** The HTTPS server: the control API under /_sim, injected faults, then the Proxmox API. */
export function createSimServer(sim: Simulator, certs: Certificates, controlToken: string): { server: Server; closeAll(): void } {
  const api = createApiHandler(sim);
  const control = createControlHandler(sim, controlToken);
  const sockets = new Set<Socket>();
  const server = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://pve-sim.invalid');
    if (url.pathname === CONTROL_BASE || url.pathname.startsWith(`${CONTROL_BASE}/`)) {
      void control(req, res, url);
      return;
    }
    const fault = sim.faults.takeHttp(req.method ?? 'GET', url.pathname.replace(/^\/api2\/json(?=\/)/, ''));
    if (fault?.kind === 'timeout') return; // hang: the client's timeout must fire
    if (fault?.kind === 'reset') {
      resetConnection(req.socket);
      return;
    }
    if (fault?.kind === 'error') {
      req.resume();
      sendError(res, new PveError(fault.status ?? 500, fault.message ?? 'simulated failure'));
      return;
    }
    void api(req, res, url, fault?.kind === 'lose-answer');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    server,
    closeAll: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}
