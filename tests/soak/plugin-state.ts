import type mysql from 'mysql2/promise';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { testSite } from '../support/test-site.ts';

/**
 * A fingerprint of everything the plugin stores: its tables, its options and its user meta. The
 * audit log is append-only, so it is fingerprinted up to a row id and its new rows are listed.
 */
export interface PluginState {
  tables: Record<string, string>;
  options: string;
  userMeta: string;
  auditUpTo: number;
  auditPrefix: string;
}

export interface AuditRow {
  id: number;
  actor_id: number;
  action: string;
  result: string;
  details: string;
}

const auditTable = 'wp_spp_audit_logs';

export class PluginStateProbe {
  private constructor(
    private readonly db: mysql.Connection,
    private readonly tables: string[],
    private readonly auditColumns: string[],
  ) {}

  static async open(): Promise<PluginStateProbe> {
    const db = await connect(localMariaDb, testSite().databaseName);
    const [rows] = await db.query("SHOW TABLES LIKE 'wp\\_spp\\_%'");
    const tables = (rows as Record<string, string>[]).map((row) => Object.values(row)[0] ?? '')
      .filter((name) => name !== auditTable);
    const [columns] = await db.query(
      'SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position',
      [auditTable],
    );
    return new PluginStateProbe(db, tables, (columns as { c: string }[]).map((column) => column.c));
  }

  async close(): Promise<void> {
    await this.db.end();
  }

  async snapshot(): Promise<PluginState> {
    const [sums] = await this.db.query(`CHECKSUM TABLE ${this.tables.join(', ')} EXTENDED`);
    const tables = Object.fromEntries((sums as { Table: string; Checksum: string | null }[])
      .map((row) => [row.Table.replace(/^.*\./, ''), String(row.Checksum)]));
    const auditUpTo = Number((await this.value(`SELECT COALESCE(MAX(id), 0) AS v FROM ${auditTable}`)) ?? 0);
    return {
      tables,
      options: await this.rowHash('wp_options', ['option_name', 'option_value', 'autoload'], "option_name LIKE 'spp\\_%'"),
      userMeta: await this.rowHash('wp_usermeta', ['user_id', 'meta_key', 'meta_value'], "meta_key LIKE '%spp\\_%'"),
      auditUpTo,
      auditPrefix: await this.auditHash(auditUpTo),
    };
  }

  /** What changed between two snapshots, besides rows appended to the audit log. */
  async changes(before: PluginState, after: PluginState): Promise<string[]> {
    const changed = Object.keys(before.tables).filter((table) => before.tables[table] !== after.tables[table]);
    if (before.options !== after.options) changed.push('wp_options (spp_*)');
    if (before.userMeta !== after.userMeta) changed.push('wp_usermeta (spp rights)');
    if ((await this.auditHash(before.auditUpTo)) !== before.auditPrefix) changed.push(`${auditTable} (existing rows edited or deleted)`);
    return changed;
  }

  async auditRowsAfter(id: number): Promise<AuditRow[]> {
    const [rows] = await this.db.query(`SELECT id, actor_id, action, result, details FROM ${auditTable} WHERE id > ? ORDER BY id`, [id]);
    return rows as AuditRow[];
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const [rows] = await this.db.query(sql, params);
    return rows as Row[];
  }

  private async value(sql: string): Promise<unknown> {
    const [rows] = await this.db.query(sql);
    return Object.values((rows as Record<string, unknown>[])[0] ?? {})[0];
  }

  private auditHash(upTo: number): Promise<string> {
    return this.rowHash(auditTable, this.auditColumns, `id <= ${Number(upTo)}`);
  }

  /** An order-independent hash of rows: their count and the XOR of per-row CRC32s. */
  private async rowHash(table: string, columns: string[], where: string): Promise<string> {
    const row = columns.map((column) => `COALESCE(\`${column}\`, '\\0')`).join(', ');
    const [rows] = await this.db.query(
      `SELECT COUNT(*) AS n, COALESCE(BIT_XOR(CRC32(CONCAT_WS(0x1f, ${row}))), 0) AS h FROM ${table} WHERE ${where}`,
    );
    const found = (rows as { n: number; h: string }[])[0];
    return `${found?.n}:${found?.h}`;
  }
}
