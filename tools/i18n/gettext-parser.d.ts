// The part of gettext-parser's API (v10, untyped) that tools/i18n uses.
declare module 'gettext-parser' {
  export interface GetTextComment {
    translator?: string;
    reference?: string;
    extracted?: string;
    flag?: string;
    previous?: string;
  }

  export interface GetTextTranslation {
    msgctxt?: string;
    msgid: string;
    msgid_plural?: string;
    msgstr: string[];
    comments?: GetTextComment;
  }

  export interface GetTextTranslations {
    charset: string;
    headers: Record<string, string>;
    /** Context ('' for none) → msgid → entry; the header is the entry '' → ''. */
    translations: Record<string, Record<string, GetTextTranslation>>;
  }

  export const po: {
    parse(input: string | Buffer): GetTextTranslations;
    compile(table: GetTextTranslations, options?: { foldLength?: number }): Buffer;
  };

  export const mo: {
    parse(input: Buffer): GetTextTranslations;
    compile(table: GetTextTranslations): Buffer;
  };
}
