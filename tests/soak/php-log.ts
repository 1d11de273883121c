import fs from 'node:fs';
import { testSite } from '../support/test-site.ts';

/**
 * Follows the site's PHP logs (WordPress's debug.log and the server's error log) and hands back
 * the lines written since the last look that report a problem. WordPress 6.1's own deprecation
 * notices under PHP 8.2 (from wp-includes / wp-admin) are not ours and are left out; any other
 * warning, notice, deprecation or fatal error counts.
 */
export class PhpLogWatch {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly files: string[] = [testSite().debugLog, testSite().phpErrorLog]) {
    for (const file of files) this.offsets.set(file, size(file));
  }

  problems(): string[] {
    const coreDir = testSite().coreDir;
    const lines: string[] = [];
    for (const file of this.files) {
      const from = this.offsets.get(file) ?? 0;
      const to = size(file);
      this.offsets.set(file, to);
      if (to <= from) continue;
      const fd = fs.openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(to - from);
        fs.readSync(fd, buffer, 0, buffer.length, from);
        lines.push(...buffer.toString('utf8').split('\n').filter((line) => isProblem(line, coreDir)));
      } finally {
        fs.closeSync(fd);
      }
    }
    return lines;
  }
}

function size(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

function isProblem(line: string, coreDir: string): boolean {
  if (!/PHP (Warning|Notice|Deprecated|Fatal error|Parse error|Recoverable fatal error)|Uncaught|Stack trace/.test(line)) return false;
  // WordPress's own "X is deprecated since version N" notices are raised in core for a caller's use.
  const coreDeprecation = /PHP Deprecated:/.test(line) && !/deprecated(<\/strong>)? since version/.test(line)
    && new RegExp(`in ${escape(coreDir)}/wp-(includes|admin)/\\S+ on line \\d+$`).test(line.trim());
  return !coreDeprecation;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
