import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
export function exportCommand(_io: CliIo, _setExit: (code: number) => void): Command {
    return new Command('export');
}
