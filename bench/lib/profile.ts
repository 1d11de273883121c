import fs from 'node:fs';
import path from 'node:path';
import { table } from './report.ts';

// Reads the collapsed stacks bench/php/profile.php writes (one file per label, many requests each)
// and ranks functions by samples per request: self (the frame on top) and inclusive (anywhere in
// the stack, counted once per sample).

const pluginFrame = /^SupportProvisioningPortal\\|\/support-provisioning-portal\//;

export interface Profile {
  label: string;
  requests: number;
  samples: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  /** Samples with a plugin frame anywhere in the stack. */
  plugin: number;
}

/** Excimer names closures and files by path; the site's folders add nothing but length. */
function frameName(frame: string): string {
  return frame.replace(/\/[^;:()]*\/(wp-includes|wp-admin|wp-content|support-provisioning-portal\/src|bench\/php)\//g, '$1/');
}

export function readProfile(dir: string, label: string, requests: number): Profile {
  const profile: Profile = { label, requests, samples: 0, self: new Map(), inclusive: new Map(), plugin: 0 };
  const file = path.join(dir, `${label}.collapsed`);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    const match = /^(.*) (\d+)$/.exec(line);
    if (!match) continue;
    const count = Number(match[2]);
    const frames = match[1]!.split(';').filter((f) => f !== '');
    // The profiler's own shutdown work (formatting and writing the log) is not the request's.
    if (frames.some((f) => f.includes('bench/php/profile.php'))) continue;
    profile.samples += count;
    const top = frameName(frames[frames.length - 1] ?? '(unknown)');
    profile.self.set(top, (profile.self.get(top) ?? 0) + count);
    for (const name of new Set(frames.map(frameName))) profile.inclusive.set(name, (profile.inclusive.get(name) ?? 0) + count);
    if (frames.some((f) => pluginFrame.test(f))) profile.plugin += count;
  }
  return profile;
}

const perRequest = (p: Profile, samples: number): string => (samples / p.requests).toFixed(2);

function top(map: Map<string, number>, n: number, keep: (name: string) => boolean = () => true): [string, number][] {
  return [...map].filter(([name]) => keep(name)).sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Markdown: totals of every label, then the top frames of each. */
export function renderProfiles(profiles: Profile[], periodMs: number, n: number, clock: 'CPU' | 'Wall'): string[] {
  const lines = [
    ...table(['Request', 'Requests', 'Samples', 'Samples / request', `${clock} ms / request`, 'Plugin samples / request'],
      profiles.map((p) => [p.label, String(p.requests), String(p.samples), perRequest(p, p.samples),
        ((p.samples / p.requests) * periodMs).toFixed(2), perRequest(p, p.plugin)])),
    '',
  ];
  for (const p of profiles) {
    lines.push(`#### ${p.label}: top ${n} by self samples`, '');
    lines.push(...table(['Function', 'Self / request', 'Inclusive / request'],
      top(p.self, n).map(([name, count]) => [`\`${name}\``, perRequest(p, count), perRequest(p, p.inclusive.get(name) ?? 0)])), '');
    const ours = top(p.inclusive, n, (name) => pluginFrame.test(name) || name.startsWith('support-provisioning-portal/src/'));
    if (ours.length > 0) {
      lines.push(`#### ${p.label}: the plugin's top ${n} by inclusive samples`, '');
      lines.push(...table(['Function', 'Inclusive / request'], ours.map(([name, count]) => [`\`${name}\``, perRequest(p, count)])), '');
    }
  }
  return lines;
}
