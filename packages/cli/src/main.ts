/**
 * The `fabric` command: one commander program, one file per command. Every command returns its exit
 * code (0 clean, 1 findings, 2 usage or input error); nothing here calls process.exit, so tests and
 * the bundled launcher run it the same way.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, UsageError } from './exit-codes.js';
import { processIo, type CliIo } from './cli-io.js';
import { cliVersion } from './version.js';
import { checkCommand } from './commands/check-command.js';
import { simulateCommand } from './commands/simulate-command.js';
import { failuresCommand } from './commands/failures-command.js';
import { diffCommand } from './commands/diff-command.js';
import { exportCommand } from './commands/export-command.js';

function program(io: CliIo, setExit: (code: number) => void): Command {
    const root = new Command('fabric')
        .description('Check, simulate, compare and export scale-up fabrics described in .fabric files.')
        .version(cliVersion(), '-V, --version', 'print the version')
        .helpOption('-h, --help', 'show help')
        .addHelpCommand('help [command]', 'show help for a command')
        .showSuggestionAfterError()
        .addHelpText('after', `
Exit codes: 0 clean, 1 findings (fabric check), 2 usage or input error.
Colour is used only on a terminal; set NO_COLOR to turn it off.

Examples:
  $ fabric check examples/
  $ fabric simulate examples/nvl72-copper.fabric
  $ fabric failures examples/pod576-cpo.fabric --fail 'rack[0].nvswitch[3]'
  $ fabric diff examples/pod576-cpo.fabric examples/pod576-pluggable.fabric
  $ fabric export examples/pod576-cpo.fabric --format html -o pod576.html`);
    for (const make of [checkCommand, simulateCommand, failuresCommand, diffCommand, exportCommand]) {
        root.addCommand(make(io, setExit));
    }
    const configure = (command: Command) => {
        command.exitOverride().configureOutput({ writeOut: s => io.out.write(s), writeErr: s => io.err.write(s) });
        command.commands.forEach(configure);
    };
    configure(root);
    return root;
}

/** Runs the CLI on the arguments after `fabric`; resolves to the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
    let exit: number = ExitCode.Clean;
    const cli = program(io, code => { exit = code; });
    if (args.length === 0) {
        io.err.write(cli.helpInformation());
        return ExitCode.Usage;
    }
    try {
        await cli.parseAsync([...args], { from: 'user' });
        return exit;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? ExitCode.Clean : ExitCode.Usage;
        }
        if (error instanceof UsageError) {
            for (const line of error.details) io.err.write(line + '\n');
            const command = args.find(a => !a.startsWith('-')) ?? '';
            io.err.write(`fabric${command && cli.commands.some(c => c.name() === command) ? ` ${command}` : ''}: ${error.message}\n`);
            return ExitCode.Usage;
        }
        // A bug of ours, not the user's: say so plainly instead of a stack trace (FABRIC_DEBUG=1 shows it).
        io.err.write(`fabric: internal error: ${error instanceof Error ? error.message : String(error)}; please report it with the command and the file\n`);
        if (io.env.FABRIC_DEBUG && error instanceof Error && error.stack) io.err.write(error.stack + '\n');
        return ExitCode.Usage;
    }
}
