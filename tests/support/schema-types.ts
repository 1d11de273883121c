import ts from 'typescript';

/** The part of JSON Schema (draft 4) the plugin's response schemas use (support-provisioning-portal/src/Rest/Schema.php). */
export interface JsonSchema {
  type?: string | string[];
  enum?: (string | number)[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  format?: string;
}

/**
 * The exported types of one TypeScript file (ui/api/types.ts), resolved by the compiler itself,
 * so aliases, unions, intersections, Pick, Omit and Extract are seen as the UI's code sees them.
 */
export class TypeFile {
  private readonly checker: ts.TypeChecker;
  private readonly exports = new Map<string, ts.Symbol>();

  constructor(file: string) {
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, skipLibCheck: true });
    this.checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const module = source && this.checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file}: no module`);
    for (const symbol of this.checker.getExportsOfModule(module)) this.exports.set(symbol.name, symbol);
  }

  /** Every difference between a schema and an exported type, one line each ("Deployment.vmid: …"). */
  compare(schema: JsonSchema, typeName: string): string[] {
    const symbol = this.exports.get(typeName);
    if (!symbol) return [`${typeName}: not exported by the type file`];
    return this.differences(schema, this.checker.getDeclaredTypeOfSymbol(symbol), typeName);
  }

  private differences(schema: JsonSchema, type: ts.Type, at: string): string[] {
    const kinds = [schema.type ?? []].flat();
    const members = type.isUnion() ? type.types : [type];
    const tsNull = members.some((m) => m.flags & ts.TypeFlags.Null);
    if (kinds.includes('null') !== tsNull) return [`${at}: ${kinds.includes('null') ? 'nullable in the schema only' : 'nullable in TypeScript only'}`];
    const rest = members.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const kind = kinds.find((k) => k !== 'null');
    if (schema.oneOf) return this.oneOf(schema.oneOf, rest, at);
    if (schema.enum) return this.literals(schema.enum, rest, at);
    if (rest.length > 1 && !rest.every((m) => m.flags & ts.TypeFlags.BooleanLiteral)) return [`${at}: a union in TypeScript, ${kind} in the schema`];
    const single = rest[0];
    if (!single) return [`${at}: no type in TypeScript`];
    switch (kind) {
      case 'string': return this.flag(single, ts.TypeFlags.String, at, kind);
      case 'integer':
      case 'number': return this.flag(single, ts.TypeFlags.Number, at, kind);
      case 'boolean': return rest.every((m) => m.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Boolean)) ? [] : [`${at}: boolean in the schema, ${this.name(single)} in TypeScript`];
      case 'array': return this.array(schema, single, at);
      case 'object': return schema.properties ? this.object(schema, single, at) : this.map(single, at);
      default: return [`${at}: the schema's type ${String(kind)} has no TypeScript counterpart`];
    }
  }

  private name(type: ts.Type): string {
    return this.checker.typeToString(type);
  }

  private flag(type: ts.Type, flag: ts.TypeFlags, at: string, kind: string): string[] {
    return type.flags & flag ? [] : [`${at}: ${kind} in the schema, ${this.name(type)} in TypeScript`];
  }

  private literals(values: (string | number)[], members: ts.Type[], at: string): string[] {
    const literal = members.map((m) => (m.isStringLiteral() || m.isNumberLiteral() ? m.value : undefined));
    if (literal.includes(undefined)) return [`${at}: an enum in the schema, ${members.map((m) => this.name(m)).join(' | ')} in TypeScript`];
    const schemaSet = JSON.stringify([...values].map(String).sort());
    const tsSet = JSON.stringify(literal.map(String).sort());
    return schemaSet === tsSet ? [] : [`${at}: enum ${schemaSet} in the schema, ${tsSet} in TypeScript`];
  }

  private array(schema: JsonSchema, type: ts.Type, at: string): string[] {
    if (!this.checker.isArrayType(type)) return [`${at}: an array in the schema, ${this.name(type)} in TypeScript`];
    const [element] = this.checker.getTypeArguments(type as ts.TypeReference);
    if (!schema.items || !element) return [`${at}: an array without item type`];
    return this.differences(schema.items, element, `${at}[]`);
  }

  private object(schema: JsonSchema, type: ts.Type, at: string): string[] {
    if (this.checker.isArrayType(type) || !(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return [`${at}: an object in the schema, ${this.name(type)} in TypeScript`];
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const tsProperties = new Map(this.checker.getPropertiesOfType(type).map((p) => [p.name, p]));
    const found: string[] = [];
    for (const name of Object.keys(properties)) if (!tsProperties.has(name)) found.push(`${at}.${name}: in the schema only`);
    for (const [name, symbol] of tsProperties) {
      const property = properties[name];
      if (!property) {
        found.push(`${at}.${name}: in TypeScript only`);
        continue;
      }
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional === required.has(name)) found.push(`${at}.${name}: ${optional ? 'optional in TypeScript, always present in the schema' : 'required in TypeScript, optional in the schema'}`);
      found.push(...this.differences(property, this.checker.getTypeOfSymbol(symbol), `${at}.${name}`));
    }
    return found;
  }

  /** A free-form object: a string index signature in TypeScript (Record<string, …>). */
  private map(type: ts.Type, at: string): string[] {
    return this.checker.getIndexInfoOfType(type, ts.IndexKind.String) ? [] : [`${at}: any keys in the schema, ${this.name(type)} in TypeScript`];
  }

  /** Each alternative of the schema matches exactly one member of the TypeScript union, and the other way round. */
  private oneOf(alternatives: JsonSchema[], members: ts.Type[], at: string): string[] {
    const unmatched = [...members];
    const found: string[] = [];
    for (const [index, alternative] of alternatives.entries()) {
      const match = unmatched.findIndex((member) => this.differences(alternative, member, at).length === 0);
      if (match < 0) found.push(`${at}: the schema's alternative ${index + 1} matches no member of ${members.map((m) => this.name(m)).join(' | ')}`);
      else unmatched.splice(match, 1);
    }
    for (const member of unmatched) found.push(`${at}: ${this.name(member)} matches no alternative of the schema`);
    return found;
  }
}

/** Every way a JSON value breaks a schema, one line each ("$.entries[0].port: …"). */
export function violations(schema: JsonSchema, value: unknown, at = '$'): string[] {
  const kinds = [schema.type ?? []].flat();
  if (value === null) return kinds.includes('null') ? [] : [`${at}: null`];
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((alternative) => violations(alternative, value, at).length === 0).length;
    return matching === 1 ? [] : [`${at}: matches ${matching} alternatives of oneOf`];
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (!kinds.some((kind) => kind === actual || (kind === 'number' && actual === 'integer'))) return [`${at}: ${actual}, the schema says ${kinds.join('|')}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => (schema.items ? violations(schema.items, item, `${at}[${i}]`) : []));
  if (actual !== 'object' || !schema.properties) return [];
  const object = value as Record<string, unknown>;
  const found = (schema.required ?? []).filter((name) => !(name in object)).map((name) => `${at}.${name}: missing`);
  for (const [name, item] of Object.entries(object)) {
    const property = schema.properties[name];
    if (property) found.push(...violations(property, item, `${at}.${name}`));
    else if (schema.additionalProperties === false) found.push(`${at}.${name}: not in the schema`);
  }
  return found;
}
