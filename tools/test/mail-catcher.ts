import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: the envelope and the raw RFC 5322 text. */
export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
}

/** Recipients at this domain are refused (550 at RCPT TO), as an SMTP server refuses an unknown mailbox. */
export const REFUSED_DOMAIN = 'refused.example.test';

export interface MailCatcher {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (the npm package smtp-server) for the test site's mail: it accepts every
 * message (but to REFUSED_DOMAIN) and writes it, with its envelope, as one JSON file per message
 * into `dir`, named in arrival order. The file appears (by rename) before the server answers the
 * DATA command, so a PHP request that sent a mail finds it on disk when it returns.
 */
export async function startMailCatcher(dir: string, port: number): Promise<MailCatcher> {
  fs.mkdirSync(dir, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A mailbox that does not exist, for tests of what a refused mail changes (nothing, but the mail).
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith(`@${REFUSED_DOMAIN}`)) {
        const refused = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
        refused.responseCode = 550;
        return callback(refused);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail: CaughtMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        const name = `${Date.now()}-${String(++sequence).padStart(6, '0')}`;
        const temporary = path.join(dir, `.${name}.tmp`);
        fs.writeFileSync(temporary, JSON.stringify(mail));
        fs.renameSync(temporary, path.join(dir, `${name}.json`));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The catcher in a process of its own: the runner blocks while it sets up a site (synchronous PHP
 * runs), which would leave an SMTP server in its own event loop unanswered. Ready when it prints
 * "listening".
 */
export async function spawnMailCatcher(dir: string, port: number): Promise<MailCatcher> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), dir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The SMTP server for the tests exited with ${code}`)));
    child.stdout.once('data', () => resolve());
  });
  child.removeAllListeners('exit');
  return {
    port,
    dir,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, port] = process.argv.slice(2);
  await startMailCatcher(dir ?? '', Number(port));
  process.stdout.write('listening\n');
}
