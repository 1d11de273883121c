import mysql from 'mysql2/promise';
import { PrerequisiteError } from './prerequisite-error.ts';

export interface DatabaseServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export const localMariaDb: DatabaseServer = {
  host: process.env.SPP_DB_HOST ?? '127.0.0.1',
  port: Number(process.env.SPP_DB_PORT ?? 3306),
  user: process.env.SPP_DB_USER ?? 'root',
  password: process.env.SPP_DB_PASSWORD ?? '',
};

/** Every database the stack creates carries this prefix; it never touches any other. */
export const databasePrefix = 'spp_wp_';

/** Errors of a server that is there but dropped this connection (a busy machine): worth another try. */
const droppedConnection = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST']);
const connectAttempts = 5;

export async function connect(server: DatabaseServer, database?: string): Promise<mysql.Connection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mysql.createConnection({ ...server, ...(database ? { database } : {}), multipleStatements: false });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt === connectAttempts || typeof code !== 'string' || !droppedConnection.has(code)) throw unreachable(server, error);
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

function unreachable(server: DatabaseServer, error: unknown): PrerequisiteError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PrerequisiteError(
    `Cannot reach MariaDB at ${server.host}:${server.port} as ${server.user} (${reason}).\n` +
      'Start it (for example: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd) ' +
      'or point SPP_DB_HOST, SPP_DB_PORT, SPP_DB_USER and SPP_DB_PASSWORD at one.',
  );
}

function assertOurs(name: string): void {
  if (!/^spp_wp_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to touch database ${name}`);
}

export async function databaseExists(server: DatabaseServer, name: string): Promise<boolean> {
  assertOurs(name);
  const connection = await connect(server);
  try {
    const [rows] = await connection.query('SHOW DATABASES LIKE ?', [name]);
    return Array.isArray(rows) && rows.length > 0;
  } finally {
    await connection.end();
  }
}

export async function createDatabase(server: DatabaseServer, name: string): Promise<void> {
  assertOurs(name);
  const connection = await connect(server);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(server: DatabaseServer, name: string): Promise<void> {
  assertOurs(name);
  const connection = await connect(server);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}
