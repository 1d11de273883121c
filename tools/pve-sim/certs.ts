import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env['OPENSSL'] ?? 'openssl';

export interface Certificates {
  caPath: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run(OPENSSL, args, { cwd });
}

/**
 * A throw-away CA and a server certificate it signs for localhost, 127.0.0.1, ::1 and any
 * extra hosts, made with the openssl CLI in `dir`. Clients trust `caPath`; nobody turns off checks.
 */
export async function createCertificates(dir: string, extraHosts: readonly string[] = []): Promise<Certificates> {
  await mkdir(dir, { recursive: true });
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', ...extraHosts])];
  const san = hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  await writeFile(
    path.join(dir, 'server.ext'),
    [`subjectAltName=${san}`, 'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth', ''].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/O=PVE Simulator/CN=PVE Simulator CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  await openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/O=PVE Simulator/CN=localhost'], dir);
  await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '30', '-extfile', 'server.ext'], dir);
  const [caPem, certPem, keyPem] = await Promise.all(['ca.pem', 'server.pem', 'server.key'].map((f) => readFile(path.join(dir, f), 'utf8')));
  return { caPath: path.join(dir, 'ca.pem'), caPem: caPem ?? '', certPem: certPem ?? '', keyPem: keyPem ?? '' };
}
