import { connect, localMariaDb } from './database.ts';
import { ensureDebianWordPress } from './debian-wordpress.ts';
import { PrerequisiteError } from './prerequisite-error.ts';
import { ensureSystemPackages } from './system.ts';

/** Everything outside npm that the site and the test suites need, installed where we may. */
export async function ensurePrerequisites(): Promise<void> {
  ensureSystemPackages();
  ensureDebianWordPress();
  const connection = await connect(localMariaDb);
  await connection.end();
}

/**
 * The first step of `npm start` and `npm test`: a missing prerequisite ends the command with
 * one clear message and exit status 1, before any suite or step needs it.
 */
export async function prerequisitesOrExit(command: string): Promise<void> {
  try {
    await ensurePrerequisites();
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    console.error(`\n${command} cannot run yet. ${error.message}`);
    process.exit(1);
  }
}
