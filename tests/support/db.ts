import type mysql from 'mysql2/promise';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { testSite } from './test-site.ts';

/** Runs one query against the test site's database (for assertions on stored rows). */
export async function query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const connection: mysql.Connection = await connect(localMariaDb, testSite().databaseName);
  try {
    const [rows] = await connection.query(sql, params);
    return rows as Row[];
  } finally {
    await connection.end();
  }
}
