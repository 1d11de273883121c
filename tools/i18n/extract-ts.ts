import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { Catalog, placeholders, textDomain, translatorComment, type GettextFunction } from './catalog.ts';

/** @wordpress/i18n's gettext functions. */
export const tsGettextFunctions: Record<string, GettextFunction> = {
  __: { id: 0, domain: 1 },
  _x: { id: 0, context: 1, domain: 2 },
  _n: { id: 0, plural: 1, domain: 3 },
  _nx: { id: 0, plural: 1, context: 3, domain: 4 },
};

/** Adds the gettext calls of the TypeScript files to the catalog; `root` is what references are relative to. */
export function extractTs(files: string[], root: string, catalog: Catalog): void {
  for (const file of files) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(relative, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const spec = tsGettextFunctions[node.expression.text];
        if (spec) catalog.collect(() => addCall(node, spec, source, relative, catalog));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}

function lineOf(source: ts.SourceFile, position: number): number {
  return source.getLineAndCharacterOfPosition(position).line + 1;
}

function addCall(call: ts.CallExpression, spec: GettextFunction, source: ts.SourceFile, relative: string, catalog: Catalog): void {
  const line = lineOf(source, call.getStart(source));
  const reference = `${relative}:${line}`;
  const literal = (index: number | undefined, what: string): string | null => {
    if (index === undefined) return null;
    const arg = call.arguments[index];
    if (!arg || !ts.isStringLiteralLike(arg)) {
      throw new Error(`${reference}: the ${what} must be one string literal (no variables, no concatenation)`);
    }
    return arg.text;
  };
  if (literal(spec.domain, 'text domain') !== textDomain) {
    throw new Error(`${reference}: the text domain must be the literal '${textDomain}'`);
  }
  const id = literal(spec.id, 'text')!;
  const plural = literal(spec.plural, 'plural text');
  const comment = commentBefore(call, source, line);
  if (comment === null && placeholders(id + (plural ?? '')).length > 0) {
    throw new Error(`${reference}: "${id}" has placeholders but no /* translators: */ comment before it`);
  }
  catalog.add({ context: literal(spec.context, 'context') ?? '', id, plural, reference, comment });
}

/**
 * A translator comment in front of the call, or in front of an enclosing expression or statement
 * that starts on the call's line or the line above (as @wordpress/babel-plugin-makepot reads them).
 */
function commentBefore(call: ts.CallExpression, source: ts.SourceFile, line: number): string | null {
  for (let node: ts.Node | undefined = call; node && !ts.isSourceFile(node); node = node.parent) {
    if (lineOf(source, node.getStart(source)) < line - 1) break;
    for (const range of triviaComments(source.text, node.getFullStart())) {
      const end = lineOf(source, range.end);
      const text = end >= line - 1 ? translatorComment(source.text.slice(range.pos, range.end)) : null;
      if (text !== null) return text;
    }
  }
  return null;
}

/** The comments between the previous token and a node: TypeScript calls those on the previous token's line trailing. */
function triviaComments(text: string, position: number): ts.CommentRange[] {
  return [...ts.getTrailingCommentRanges(text, position) ?? [], ...ts.getLeadingCommentRanges(text, position) ?? []];
}
