/** Exit code 3: the command ran, but the host declined or did not approve (scripts can tell). */
export const EXIT_NOT_APPROVED = 3;

/** Thrown after a command has written its result, to end with a non-zero exit code and no error text. */
export class ExitStatus extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitStatus';
  }
}
