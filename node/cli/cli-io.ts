// What every command of the CLI shares: where it writes, its exit codes, and the error a
// command throws for a bad option that only shows once the command runs.

/** Exit codes of `pvchain`. */
export const ExitCode = {
  OK: 0,
  /** The command ran and failed (a node error, a timeout). */
  FAILURE: 1,
  /** Bad usage: an unknown command or option, a bad option value. */
  USAGE: 2,
  /** The node config is invalid (sysexits' EX_CONFIG); the message names each field. */
  CONFIG: 78,
  /** Stopped by Ctrl-C (SIGINT) after a clean shutdown: 128 + SIGINT's number. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type CliIo = {
  /** Writes to standard output (the text carries its own newlines). */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Aborts when the user asks the command to stop (SIGINT in the real CLI). */
  interrupt: AbortSignal;
  /** Standard error is a terminal: progress bars are drawn. */
  errIsTTY?: boolean;
  /** Standard output is a terminal (someone is watching: `npm start` may open a browser). */
  outIsTTY?: boolean;
  /** The environment (PVCHAIN_NODE, config overrides); default process.env. */
  env?: Record<string, string | undefined>;
};

/** A bad option value found by a command's action; exits with ExitCode.USAGE. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE' as const;
  /** The option as the user wrote it, e.g. `--date <YYYY-MM-DD>`. */
  readonly option: string;
  constructor(option: string, message: string) {
    super(`option '${option}': ${message}`);
    this.name = 'CliUsageError';
    this.option = option;
  }
}

/** The process's own io: stdout, stderr, and an interrupt on the first SIGINT. */
export function processIo(): CliIo & { dispose(): void } {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  // Only the first Ctrl-C is ours: a second one finds no listener and ends the process at once.
  process.once('SIGINT', onSigint);
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    interrupt: controller.signal,
    errIsTTY: process.stderr.isTTY === true,
    outIsTTY: process.stdout.isTTY === true,
    env: process.env,
    dispose: () => process.removeListener('SIGINT', onSigint),
  };
}
