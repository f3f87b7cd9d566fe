/** A user error: main prints its one-line message and exits 2, with no stack trace. */
export class CliError extends Error {}
