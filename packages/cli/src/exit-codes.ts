/**
 * The exit codes every `fabric` command uses (documented in the README):
 * 0 clean, 1 findings (errors in the checked files, or findings at the `--fail-on` severity),
 * 2 usage or input error (bad options, a path that is not a .fabric file, a file that cannot be read
 * or does not elaborate into a fabric the command can work on).
 */
export const ExitCode = { Clean: 0, Findings: 1, Usage: 2 } as const;
export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];

/** A usage or input error: the message is printed as `fabric <command>: <message>` and the exit code is 2. */
export class UsageError extends Error {
    /** Lines printed before the message (diagnostics as `file:line:col severity code message`). */
    readonly details: readonly string[];
    constructor(message: string, details: readonly string[] = []) {
        super(message);
        this.details = details;
    }
}
