import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { CaughtMail } from '../../tools/test/mail-catcher.ts';
import { testSite } from './test-site.ts';

/** A mail the test site sent, as the runner's SMTP server received it. */
export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The href of every link in the HTML part. */
  links: string[];
  /** The parts' content types, in order. */
  contentTypes: string[];
}

async function parse(caught: CaughtMail): Promise<ReceivedMail> {
  const parsed = await simpleParser(caught.raw);
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const contentTypes = [...caught.raw.matchAll(/^Content-Type:\s*([^;\s]+)/gim)].map((match) => (match[1] ?? '').toLowerCase());
  return {
    to: caught.to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html,
    links: [...html.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replace(/&(amp|#038);/g, '&')),
    contentTypes,
  };
}

/** Every mail received so far for the address, oldest first. */
export async function mailsTo(address: string): Promise<ReceivedMail[]> {
  return mailsIn(testSite().mailDir, address);
}

/** Every mail a catcher writing into `dir` received so far for the address (a file's own site). */
export async function mailsIn(dir: string, address: string): Promise<ReceivedMail[]> {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const caught = files.map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CaughtMail);
  return Promise.all(caught.filter((mail) => mail.to.includes(address)).map(parse));
}

/** The expiry warnings (Mail\ExpiryWarnings) a test user received about the deployment named `name`. */
export async function expiryWarnings(login: string, name: string): Promise<ReceivedMail[]> {
  return (await mailsTo(`${login}@example.test`)).filter((mail) => mail.subject.includes(`“${name}” expires within`));
}
