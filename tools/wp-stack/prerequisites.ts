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

/** Runs `work`; a PrerequisiteError ends the command with its message alone and exit status 1. */
export async function orExit<T>(command: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    console.error(`\n${command} cannot run yet. ${error.message}`);
    process.exit(1);
  }
}

/** The first step of `npm start` and `npm test`, before any suite or step needs a prerequisite. */
export const prerequisitesOrExit = (command: string): Promise<void> => orExit(command, ensurePrerequisites);
