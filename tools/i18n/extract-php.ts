import fs from 'node:fs';
import path from 'node:path';
import { Engine } from 'php-parser';
import { Catalog, placeholders, textDomain, translatorComment, type GettextFunction } from './catalog.ts';

/** WordPress's gettext functions as Plugin Check and WP-CLI's make-pot know them. */
export const phpGettextFunctions: Record<string, GettextFunction> = {
  __: { id: 0, domain: 1 },
  _e: { id: 0, domain: 1 },
  esc_html__: { id: 0, domain: 1 },
  esc_html_e: { id: 0, domain: 1 },
  esc_attr__: { id: 0, domain: 1 },
  esc_attr_e: { id: 0, domain: 1 },
  _x: { id: 0, context: 1, domain: 2 },
  _ex: { id: 0, context: 1, domain: 2 },
  esc_html_x: { id: 0, context: 1, domain: 2 },
  esc_attr_x: { id: 0, context: 1, domain: 2 },
  _n: { id: 0, plural: 1, domain: 3 },
  _nx: { id: 0, plural: 1, context: 3, domain: 4 },
  _n_noop: { id: 0, plural: 1, domain: 2 },
  _nx_noop: { id: 0, plural: 1, context: 2, domain: 3 },
};

interface PhpNode {
  kind: string;
  loc?: { start: { line: number; offset: number }; end: { line: number } };
  [property: string]: unknown;
}

const engine = new Engine({
  parser: { php8: true, extractDoc: true, suppressErrors: false },
  ast: { withPositions: true },
});

function isNode(value: unknown): value is PhpNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Every node of the tree, depth first: php-parser has no visitor, so walk all properties. */
function* walk(node: PhpNode): Generator<PhpNode> {
  yield node;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (isNode(child)) yield* walk(child);
    }
  }
}

function functionName(call: PhpNode): string | null {
  const what = call['what'];
  return isNode(what) && what.kind === 'name' && typeof what['name'] === 'string' ? what['name'].replace(/^\\/, '') : null;
}

/** Adds the gettext calls of the PHP files to the catalog; `root` is what references are relative to. */
export function extractPhp(files: string[], root: string, catalog: Catalog): void {
  for (const file of files) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const ast = engine.parseCode(fs.readFileSync(file, 'utf8'), relative) as unknown as PhpNode;
    const comments = (ast['comments'] as PhpNode[] | undefined) ?? [];
    for (const node of walk(ast)) {
      const name = node.kind === 'call' ? functionName(node) : null;
      const spec = name === null ? undefined : phpGettextFunctions[name];
      if (spec && node.loc) catalog.collect(() => addCall(node, spec, `${relative}:${node.loc!.start.line}`, comments, catalog));
    }
  }
}

function addCall(call: PhpNode, spec: GettextFunction, reference: string, comments: PhpNode[], catalog: Catalog): void {
  const args = call['arguments'] as PhpNode[];
  const literal = (index: number | undefined, what: string): string | null => {
    if (index === undefined) return null;
    const arg = args[index];
    if (!arg || arg.kind !== 'string' || typeof arg['value'] !== 'string') {
      throw new Error(`${reference}: the ${what} must be one string literal (no variables, no concatenation)`);
    }
    return arg['value'];
  };
  if (literal(spec.domain, 'text domain') !== textDomain) {
    throw new Error(`${reference}: the text domain must be the literal '${textDomain}'`);
  }
  const id = literal(spec.id, 'text')!;
  const plural = literal(spec.plural, 'plural text');
  const comment = commentBefore(call, comments);
  if (comment === null && placeholders(id + (plural ?? '')).length > 0) {
    throw new Error(`${reference}: "${id}" has placeholders but no /* translators: */ comment on the line before`);
  }
  catalog.add({ context: literal(spec.context, 'context') ?? '', id, plural, reference, comment });
}

/** A translator comment ending on the call's line (before it) or on the line directly above. */
function commentBefore(call: PhpNode, comments: PhpNode[]): string | null {
  const start = call.loc!.start;
  for (const comment of comments) {
    const loc = comment.loc!;
    const above = loc.end.line === start.line - 1 || (loc.end.line === start.line && loc.start.offset < start.offset);
    const text = above ? translatorComment(String(comment['value'])) : null;
    if (text !== null) return text;
  }
  return null;
}
