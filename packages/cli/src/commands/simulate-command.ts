/**
 * `fabric simulate <file>`: the simulator's analysis of one fabric, as tables or as the analysis JSON
 * (`fabric-analysis/2`, documented in packages/simulator/ANALYSIS-JSON.md).
 */
import { Command } from 'commander';
import { analysisToJson, analyzeFabric, formatAnalysisText } from '@fabric/simulator';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { singleFabricPath } from '../input-files.js';
import { loadFabric } from '../workspace.js';
import { analysisOptions, withSweeps, withThreshold, type SharedAnalysisFlags } from '../analysis-options.js';
import { sweepProgress } from '../progress-bar.js';

interface SimulateOptions extends SharedAnalysisFlags {
    readonly json: boolean;
    readonly fabric?: string;
    readonly ideal: boolean;
}

export function simulateCommand(io: CliIo, setExit: (code: number) => void): Command {
    const command = new Command('simulate')
        .description('print the analysis of one fabric: power, pJ/bit, bisection, latency, every phase, the workload iteration with OCS reconfiguration, failure domains, reliability')
        .argument('<file>', 'a .fabric file')
        .option('--json', 'print the analysis as JSON in base units (schema fabric-analysis/2)', false)
        .option('--fabric <name>', 'the fabric to analyse when the file declares several (default: the first)')
        .option('--ideal', 'the textbook α-β model: no launch or per-step latency, links at wire rate, free reductions, no pipelining', false);
    withSweeps(withThreshold(command));
    return command.addHelpText('after', `
Exit codes: 0 done, 2 usage or input error (the file's errors are printed as file:line:col).

Examples:
  $ fabric simulate examples/nvl72-copper.fabric
  $ fabric simulate examples/pod576-cpo.fabric --single-failures switch,laser --threshold 1.05
  $ fabric simulate examples/tpu-ocs-pod.fabric --json --skip-failure-domains > analysis.json`)
        .action(async (file: string, options: SimulateOptions) => {
            const { model } = await loadFabric(singleFabricPath(file), options.fabric);
            const progress = sweepProgress(io);
            const analysis = analyzeFabric(model, analysisOptions(options, { onFailureProgress: progress.update, ideal: options.ideal }));
            progress.done();
            io.out.write(options.json ? JSON.stringify(analysisToJson(analysis), null, 2) + '\n' : formatAnalysisText(analysis));
            setExit(ExitCode.Clean);
        });
}
