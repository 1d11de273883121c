/**
 * Something the machine lacks before anything can run. Entry points print its message alone
 * (it names what to install or start) and exit non-zero, without a stack trace.
 */
export class PrerequisiteError extends Error {
  override readonly name = 'PrerequisiteError';
}
