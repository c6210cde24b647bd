/** An error caused by input the user can change; printed as one or two lines, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to change, printed on a second line. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
