/**
 * `fabric export <file> --format json|html|svg|astra-sim`: the model and analysis for other tools
 * (JSON against the published schema), a self-contained HTML report, the diagram as SVG (the
 * editor's diagram as it opens), or ASTRA-sim's network file.
 * With `-o`, the file is written and a summary printed; otherwise the export goes to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { analyzeFabric } from '@fabric/simulator';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { singleFabricPath } from '../input-files.js';
import { loadFabric, sourceLocation } from '../workspace.js';
import { analysisOptions, withSweeps, withThreshold, type SharedAnalysisFlags } from '../analysis-options.js';
import { sweepProgress } from '../progress-bar.js';
import { cliVersion } from '../version.js';
import { exportJson } from '../export/export-json.js';
import { htmlReport } from '../export/html-report.js';
import { diagramSvg } from '../export/diagram-svg.js';
import { astraSimNetwork } from '../export/astra-sim.js';
import { analysisSummary } from '../report/summary.js';

export const EXPORT_FORMATS = ['json', 'html', 'svg', 'astra-sim'] as const;

interface ExportOptions extends SharedAnalysisFlags {
    readonly format: typeof EXPORT_FORMATS[number];
    readonly output?: string;
    readonly fabric?: string;
}

export function exportCommand(io: CliIo, setExit: (code: number) => void): Command {
    const command = new Command('export')
        .description('export one fabric: JSON (model + analysis, see packages/cli/schema/fabric-export.schema.json), a self-contained HTML report, the topology diagram as SVG, or an ASTRA-sim 2.x network file')
        .argument('<file>', 'a .fabric file')
        .addOption(new Option('--format <format>', 'what to write').choices([...EXPORT_FORMATS]).makeOptionMandatory())
        .option('-o, --output <file>', 'write to this file and print a summary (default: the export to stdout)')
        .option('--fabric <name>', 'the fabric to export when the file declares several (default: the first)');
    withSweeps(withThreshold(command));
    return command.addHelpText('after', `
astra-sim maps a fabric that is one Ring, one Switch tier or FullyConnected; anything else is refused
with the part that does not map and why (exit 2).
Exit codes: 0 written, 2 usage or input error.

Examples:
  $ fabric export examples/pod576-cpo.fabric --format html -o pod576.html
  $ fabric export examples/nvl72-copper.fabric --format json > nvl72.json
  $ fabric export examples/pod576-cpo.fabric --format svg -o pod576.svg
  $ fabric export examples/nvl72-copper.fabric --format astra-sim -o nvl72.yml`)
        .action(async (file: string, options: ExportOptions) => {
            const loaded = await loadFabric(singleFabricPath(file), options.fabric);
            const progress = sweepProgress(io);
            const analysis = analyzeFabric(loaded.model, analysisOptions(options, { onFailureProgress: progress.update }));
            progress.done();
            const version = cliVersion();
            let text: string;
            if (options.format === 'json') {
                text = JSON.stringify(exportJson(loaded.file, loaded.model, analysis, version), null, 2) + '\n';
            } else if (options.format === 'html') {
                text = htmlReport({ file: loaded.file, model: loaded.model, analysis, version, diagramSvg: await diagramSvg(loaded.model, analysis) });
            } else if (options.format === 'svg') {
                text = await diagramSvg(loaded.model, analysis);
            } else {
                const astra = astraSimNetwork(loaded.model, analysis, loaded.file, version);
                if (!astra.ok) throw new UsageError(`${sourceLocation(astra.source)}: ${astra.part} does not map onto ASTRA-sim: ${astra.reason}`);
                text = astra.yaml;
            }
            if (options.output) {
                writeOutput(options.output, text);
                io.out.write(`wrote ${options.output} (${options.format}, ${Math.ceil(Buffer.byteLength(text) / 1024)} KiB)\n${analysisSummary(analysis)}`);
            } else {
                io.out.write(text);
            }
            setExit(ExitCode.Clean);
        });
}

const WRITE_ERRORS: Record<string, string> = {
    EEXIST: 'a part of the path is a file, not a folder', ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder', EACCES: 'permission denied', EROFS: 'the file system is read-only', ENOSPC: 'no space left on the device'
};

/** Writes the export, creating its folder; a path that cannot be written is an input error. */
function writeOutput(path: string, text: string): void {
    try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        const reason = WRITE_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
        throw new UsageError(`cannot write ${path}: ${reason}`);
    }
}
