import type { GetTextTranslation, GetTextTranslations } from 'gettext-parser';
import { messageKey } from './catalog.ts';
import { groupEntries } from './pot.ts';

/** The messages of a .po or .pot, without the header, in file order. */
export function entries(table: GetTextTranslations): GetTextTranslation[] {
  return Object.values(table.translations).flatMap((byId) => Object.values(byId)).filter((entry) => entry.msgid !== '');
}

function keyOf(entry: GetTextTranslation): string {
  return messageKey(entry.msgctxt ?? '', entry.msgid);
}

/**
 * A translation brought up to date with the template, as msgmerge does without fuzzy matching:
 * the template's entries, references and comments, with the translator's strings, own comments
 * and flags kept wherever the message is unchanged; new messages untranslated, removed ones gone.
 */
export function mergeTranslation(template: GetTextTranslations, translation: GetTextTranslations): GetTextTranslations {
  const existing = new Map(entries(translation).map((entry) => [keyOf(entry), entry]));
  const forms = Number(/nplurals\s*=\s*(\d+)/.exec(translation.headers['Plural-Forms'] ?? '')?.[1] ?? 2);
  const merged = entries(template).map((entry): GetTextTranslation => {
    const old = existing.get(keyOf(entry));
    if (!old || old.msgid_plural !== entry.msgid_plural) {
      return entry.msgid_plural === undefined ? entry : { ...entry, msgstr: Array<string>(forms).fill('') };
    }
    const { translator, flag } = old.comments ?? {};
    return {
      ...entry,
      msgstr: old.msgstr,
      comments: { ...entry.comments, ...(translator ? { translator } : {}), ...(flag ? { flag } : {}) },
    };
  });
  const header = translation.translations['']?.[''] ?? { msgid: '', msgstr: [''] };
  return {
    charset: 'utf-8',
    headers: { ...translation.headers, 'Project-Id-Version': template.headers['Project-Id-Version'] ?? '' },
    translations: groupEntries(header, merged),
  };
}

/** Whether an entry can be used: every form translated and not marked fuzzy. */
export function isTranslated(entry: GetTextTranslation): boolean {
  return entry.msgstr.length > 0 && entry.msgstr.every((text) => text !== '') && !(entry.comments?.flag ?? '').includes('fuzzy');
}

/** The usable translations of a merged file, in its order. */
export function translatedEntries(table: GetTextTranslations): GetTextTranslation[] {
  return entries(table).filter(isTranslated);
}
