import fs from 'node:fs';
import path from 'node:path';
import { mo, po } from 'gettext-parser';
import { repoRoot } from '../wp-stack/paths.ts';
import { Catalog, textDomain } from './catalog.ts';
import { extractPhp } from './extract-php.ts';
import { extractTs } from './extract-ts.ts';
import { groupEntries, template } from './pot.ts';
import { mergeTranslation, translatedEntries } from './po.ts';
import { moduleFiles, scriptJson, scriptJsonName } from './script-json.ts';
import { phpSources, pluginVersion, scriptEntries, tsSources } from './sources.ts';

/** Every string of the plugin's PHP and the UI's TypeScript, PHP first. */
export function extractCatalog(): Catalog {
  const catalog = new Catalog();
  extractPhp(phpSources(), repoRoot, catalog);
  extractTs(tsSources(), repoRoot, catalog);
  if (catalog.problems.length > 0) {
    throw new Error(`Translatable strings to fix first:\n  ${catalog.problems.join('\n  ')}`);
  }
  return catalog;
}

/** The translations found in `from` (support-provisioning-portal-{locale}.po), by locale. */
export function poFiles(from: string): Map<string, string> {
  const pattern = new RegExp(`^${textDomain}-(.+)\\.po$`);
  const found = new Map<string, string>();
  for (const name of fs.readdirSync(from).sort()) {
    const locale = pattern.exec(name)?.[1];
    if (locale) found.set(locale, path.join(from, name));
  }
  return found;
}

/**
 * Writes into `to`: the template (.pot), and for each .po of `from` the .po brought up to date,
 * its .mo for PHP and one JSON file per UI script. Returns the names of the files written.
 */
export function buildLanguages(from: string, to: string): string[] {
  fs.mkdirSync(to, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string | Buffer): void => {
    fs.writeFileSync(path.join(to, name), content);
    written.push(name);
  };

  const pot = template(extractCatalog().list(), pluginVersion());
  write(`${textDomain}.pot`, po.compile(pot));

  const scripts = Object.entries(scriptEntries()).map(([name, entry]) => ({ path: `build/${name}.js`, files: moduleFiles(entry) }));
  for (const [locale, file] of poFiles(from)) {
    const merged = mergeTranslation(pot, po.parse(fs.readFileSync(file)));
    write(`${textDomain}-${locale}.po`, po.compile(merged));
    const translated = translatedEntries(merged);
    const header = merged.translations['']?.[''] ?? { msgid: '', msgstr: [''] };
    write(`${textDomain}-${locale}.mo`, mo.compile({ ...merged, translations: groupEntries(header, translated) }));
    for (const script of scripts) {
      write(scriptJsonName(locale, script.path), scriptJson(merged, translated, script.path, script.files, repoRoot));
    }
  }
  return written;
}
