/** The plugin's text domain: every gettext call must name it as a literal. */
export const textDomain = 'support-provisioning-portal';

/** One translatable string as found in the sources, with every place it is used. */
export interface Message {
  context: string;
  id: string;
  plural: string | null;
  /** `path:line`, one per call, paths relative to the repository root. */
  references: string[];
  /** Translator comments (`translators:` stripped), in source order, without repeats. */
  comments: string[];
}

/** Which argument of a gettext function holds what (0-based). */
export interface GettextFunction {
  id: number;
  plural?: number;
  context?: number;
  domain: number;
}

/** Messages in the order they were first found, keyed by context and id as gettext does. */
export class Catalog {
  private readonly messages = new Map<string, Message>();
  /** Calls that cannot be extracted or translated well, as `path:line: what is wrong`. */
  readonly problems: string[] = [];

  /** Runs `find` for one call; a problem it throws is recorded, so every problem is reported at once. */
  collect(find: () => void): void {
    try {
      find();
    } catch (error) {
      this.problems.push(error instanceof Error ? error.message : String(error));
    }
  }

  add(found: Omit<Message, 'references' | 'comments'> & { reference: string; comment: string | null }): void {
    const key = messageKey(found.context, found.id);
    const existing = this.messages.get(key);
    if (existing && existing.plural !== found.plural) {
      throw new Error(`${found.reference}: "${found.id}" is used with two different plural forms`);
    }
    const message = existing ?? { context: found.context, id: found.id, plural: found.plural, references: [], comments: [] };
    message.references.push(found.reference);
    if (found.comment !== null && !message.comments.includes(found.comment)) message.comments.push(found.comment);
    this.messages.set(key, message);
  }

  list(): Message[] {
    return [...this.messages.values()];
  }
}

/** gettext's key for a message: the context, EOT, the id (the format of .mo and Jed JSON too). */
export function messageKey(context: string, id: string): string {
  return context === '' ? id : `${context}\u0004${id}`;
}

/** printf conversions (`%s`, `%2$d`, …) in a string; `%%` is a literal percent sign. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/%(?:\d+\$)?[-+ 0#']*\d*(?:\.\d+)?[bcdeEfFgiosuxX%]/g)]
    .map((match) => match[0])
    .filter((conversion) => conversion !== '%%');
}

/** The text after `translators:` in a comment, on one line; null when it is not a translator comment. */
export function translatorComment(comment: string): string | null {
  const match = /translators:\s*([\s\S]*?)\s*(?:\*\/)?$/i.exec(comment);
  if (!match?.[1]) return null;
  return match[1].split('\n').map((line) => line.replace(/^\s*\*?\s*/, '').trim()).filter(Boolean).join(' ');
}
