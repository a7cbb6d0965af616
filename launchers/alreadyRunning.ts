/** A start refused because the run with that deterministic id is still open; the API answers 409 naming it. */
export class AlreadyRunning extends Error {
  constructor(
    message: string,
    readonly workflowId: string,
  ) {
    super(message);
    this.name = 'AlreadyRunning';
  }
}
