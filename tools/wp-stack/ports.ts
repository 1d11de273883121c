import net from 'node:net';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The preferred port if it is free, else the next free one above it (0: any free port). */
export async function freePort(preferred = 0): Promise<number> {
  if (preferred === 0) {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
  }
  for (let port = preferred; port < preferred + 100; port++) {
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port in ${preferred}–${preferred + 99}`);
}
