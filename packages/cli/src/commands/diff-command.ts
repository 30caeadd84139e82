/**
 * `fabric diff a.fabric b.fabric` (or one file with `--fabric A --fabric B`): every headline figure
 * of two fabrics side by side with absolute and relative deltas.
 */
import { Command } from 'commander';
import { analyzeFabric, formatTable } from '@fabric/simulator';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { singleFabricPath } from '../input-files.js';
import { loadFabrics, pickFabric, type LoadedFabric } from '../workspace.js';
import { analysisOptions, withThreshold, type SharedAnalysisFlags } from '../analysis-options.js';
import { sweepProgress } from '../progress-bar.js';
import { diffFigures, formatFigure, formatRelative, headlineFigures } from '../report/fabric-diff.js';

export const DIFF_JSON_SCHEMA = 'fabric-diff/1';

interface DiffOptions extends SharedAnalysisFlags {
    readonly json: boolean;
    readonly fabric: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function diffCommand(io: CliIo, setExit: (code: number) => void): Command {
    const command = new Command('diff')
        .description('compare two fabrics: power, pJ/bit, bisection, latency, every phase, iteration, failures per day, worst blast radius')
        .argument('<files...>', 'two .fabric files, or one file with two --fabric names')
        .option('--fabric <name>', 'a fabric to compare (give it twice for two fabrics in one file; with two files, once per file in order)', collect, [])
        .option('--json', 'print the comparison as JSON in base units', false);
    withThreshold(command);
    return command.addHelpText('after', `
Deltas are B − A, relative to A. Exit codes: 0 done, 2 usage or input error.

Examples:
  $ fabric diff examples/pod576-cpo.fabric examples/pod576-pluggable.fabric
  $ fabric diff designs.fabric --fabric WithCPO --fabric WithPluggables --json`)
        .action(async (files: string[], options: DiffOptions) => {
            const [a, b] = await sides(files, options.fabric);
            const progress = sweepProgress(io, 'analysing both fabrics');
            const analyses = [a, b].map(side => analyzeFabric(side.model, analysisOptions(options, { onFailureProgress: progress.update })));
            progress.done();
            const rows = diffFigures(headlineFigures(analyses[0]), headlineFigures(analyses[1]));
            if (options.json) {
                const side = (s: LoadedFabric) => ({ file: s.file, fabric: s.model.name });
                io.out.write(JSON.stringify({ schema: DIFF_JSON_SCHEMA, a: side(a), b: side(b), figures: rows }, null, 2) + '\n');
            } else {
                const dims = new Map([...headlineFigures(analyses[0]), ...headlineFigures(analyses[1])].map(f => [f.key, f.dimension]));
                io.out.write(`A: ${a.model.name} (${a.file})\nB: ${b.model.name} (${b.file})\n\n`);
                io.out.write(formatTable(['figure', 'A', 'B', 'B − A', 'relative'], rows.map(r => {
                    const dim = dims.get(r.key)!;
                    return [r.figure, formatFigure(r.a, dim), formatFigure(r.b, dim), formatFigure(r.delta, dim, true), formatRelative(r.relative)];
                })) + '\n');
            }
            setExit(ExitCode.Clean);
        });
}

async function sides(files: readonly string[], names: readonly string[]): Promise<[LoadedFabric, LoadedFabric]> {
    if (files.length > 2) throw new UsageError(`compare two fabrics; got ${files.length} files`);
    if (files.length === 2) {
        if (names.length !== 0 && names.length !== 2) throw new UsageError('with two files, give --fabric twice (one name per file, in order) or not at all');
        const [a, b] = await Promise.all(files.map(f => loadFabrics(singleFabricPath(f))));
        return [pickFabric(a, names[0]), pickFabric(b, names[1])];
    }
    const fabrics = await loadFabrics(singleFabricPath(files[0]));
    if (names.length !== 2) {
        throw new UsageError(`one file: name the two fabrics to compare with --fabric A --fabric B (${fabrics[0].file} declares ${fabrics.map(f => f.model.name).join(', ')})`);
    }
    return [pickFabric(fabrics, names[0]), pickFabric(fabrics, names[1])];
}
