/** An error whose message is meant for staff (Chinese); the CLI prints it without a stack. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
