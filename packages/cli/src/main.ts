import { runCheck } from './check-command.js';
import { runSimulate } from './simulate-command.js';

const USAGE = `usage: fabric <command> [options]

commands:
  check [--fast] <files…>     parse, link, elaborate and simulate; print diagnostics and a summary per file
                              (--fast: skip the simulator-backed rules)
  simulate <file> [--json]    print the simulator's analysis (power, latency, collectives, failures)
`;

/** Runs the CLI; returns the process exit code (0 ok, 1 errors in the input, 2 usage). */
export async function main(args: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
    const [command, ...rest] = args;
    switch (command) {
        case 'check':
            return runCheck(rest, out, err);
        case 'simulate':
            return runSimulate(rest, out, err);
        case undefined:
        case '-h':
        case '--help':
        case 'help':
            out.write(USAGE);
            return command === undefined ? 2 : 0;
        default:
            err.write(`fabric: unknown command '${command}'\n${USAGE}`);
            return 2;
    }
}
