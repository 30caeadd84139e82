/**
 * `fabric failures <file>`: every failure domain sorted by blast radius (`--all-single`: every single
 * switch, link and laser too), or, with `--fail`, what the named parts take down together: the CLI
 * twin of the diagram's click-to-fail, through the same `resolveFailureSelection` + `failureImpact`.
 */
import { Command, InvalidArgumentError } from 'commander';
import {
    analyzeFabric, DEFAULT_SLOWDOWN_THRESHOLD, failureImpact, failureToJson, formatNumber, formatQuantity, formatTable, prepareFabric, resolveFailureSelection,
    type Analysis, type FabricModel, type FailureResult
} from '@fabric/simulator';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { singleFabricPath } from '../input-files.js';
import { loadFabric } from '../workspace.js';
import { analysisOptions, SWEEP_KINDS, withThreshold, type SharedAnalysisFlags } from '../analysis-options.js';
import { sweepProgress } from '../progress-bar.js';
import { byBlastRadius, failureHeader, failureRows, slowdownText } from '../report/failure-table.js';

export const FAILURES_JSON_SCHEMA = 'fabric-failures/1';

interface FailuresOptions extends SharedAnalysisFlags {
    readonly json: boolean;
    readonly fabric?: string;
    readonly allSingle: boolean;
    readonly fail?: string[];
    readonly limit: number;
}

function parseLimit(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number of rows (0: all)');
    return n;
}

export function failuresCommand(io: CliIo, setExit: (code: number) => void): Command {
    const command = new Command('failures')
        .description('failure domains sorted by blast radius, with failures per day, repair time and per-phase slowdown; or what a set of parts takes down')
        .argument('<file>', 'a .fabric file')
        .option('--all-single', `also fail every single part (${SWEEP_KINDS.join(', ')}), one at a time`, false)
        .option('--fail <parts...>', "fail these parts together: node or group paths, failure-domain names, 'link#17', 'a <-> b' (quote them: brackets are shell globs)")
        .option('--fabric <name>', 'the fabric to analyse when the file declares several (default: the first)')
        .option('--limit <rows>', 'rows in the text table (0: all)', parseLimit, 40)
        .option('--json', 'print the results as JSON in base units', false);
    withThreshold(command);
    return command.addHelpText('after', `
A progress bar appears on stderr when a sweep takes more than a second and stderr is a terminal.
Exit codes: 0 done, 2 usage or input error (unknown part names included).

Examples:
  $ fabric failures examples/nvl72-copper.fabric
  $ fabric failures examples/pod576-cpo.fabric --all-single --limit 10
  $ fabric failures examples/pod576-cpo.fabric --fail 'rack[0].nvswitch[3]' 'spine.spine_rack[1]'
  $ fabric failures examples/nvl72-copper.fabric --fail 'switch_tray[0]' --json`)
        .action(async (file: string, options: FailuresOptions) => {
            const { model } = await loadFabric(singleFabricPath(file), options.fabric);
            if (options.fail) failSet(model, options.fail, options, io);
            else sweep(model, options, io);
            setExit(ExitCode.Clean);
        });
}

function sweep(model: FabricModel, options: FailuresOptions, io: CliIo): void {
    const progress = sweepProgress(io);
    const analysis = analyzeFabric(model, analysisOptions(options, options.allSingle ? { singleFailures: SWEEP_KINDS, onFailureProgress: progress.update } : { onFailureProgress: progress.update }));
    progress.done();
    const failures = [...analysis.failureDomains, ...analysis.singleFailures].sort(byBlastRadius);
    if (options.json) {
        io.out.write(JSON.stringify({ schema: FAILURES_JSON_SCHEMA, fabric: model.name, slowdownThreshold: analysis.slowdownThreshold, failures: failures.map(failureToJson) }, null, 2) + '\n');
        return;
    }
    const what = `${analysis.failureDomains.length} failure domains${options.allSingle ? ` and ${analysis.singleFailures.length} single parts` : ''}`;
    io.out.write(`fabric ${model.name}: ${what}, largest blast radius first (a phase slowed past ×${formatNumber(analysis.slowdownThreshold)} counts)\n\n`);
    const spare = failures.some(f => f.absorbedBySpare);
    const rows = failureRows(failures, analysis.phases, spare);
    const shown = options.limit === 0 ? rows : rows.slice(0, options.limit);
    io.out.write(formatTable(failureHeader(analysis.phases, spare), shown) + '\n');
    if (shown.length < rows.length) io.out.write(`… ${rows.length - shown.length} more rows (--limit 0 shows all; --json lists every failure)\n`);
    io.out.write(reliabilityLine(analysis));
}

function reliabilityLine(analysis: Analysis): string {
    const r = analysis.reliability;
    return `\nwhole fabric: ${formatNumber(r.failuresPerDay)} failures per day, one every `
        + `${r.meanTimeBetweenInterruptionsSeconds === null ? '—' : formatQuantity(r.meanTimeBetweenInterruptionsSeconds, 'time')}, `
        + `downtime fraction ${formatNumber(r.downtimeFraction)}\n`;
}

function failSet(model: FabricModel, names: readonly string[], options: FailuresOptions, io: CliIo): void {
    const { selection, unknown } = resolveFailureSelection(model, names);
    if (unknown.length > 0) {
        const domains = model.failureDomains.slice(0, 6).map(d => d.name).join(', ');
        throw new UsageError(`${unknown.map(n => `'${n}'`).join(', ')} name${unknown.length === 1 ? 's' : ''} nothing in ${model.name}: give a node, group or laser-source path, `
            + `a failure domain (${domains}${model.failureDomains.length > 6 ? ', …' : ''}), 'link#<id>' or 'a <-> b'`);
    }
    const context = prepareFabric(model, analysisOptions(options, { skipFailureDomains: true }));
    const result = failureImpact(context, selection);
    if (options.json) {
        io.out.write(JSON.stringify({ schema: FAILURES_JSON_SCHEMA, fabric: model.name, slowdownThreshold: options.threshold ?? DEFAULT_SLOWDOWN_THRESHOLD, names, failure: failureToJson(result) }, null, 2) + '\n');
        return;
    }
    io.out.write(describeFailure(model, result));
}

const MAX_LISTED = 8;

/** `2 switches, 2 laser sources`: the non-zero counts, or `nothing`. */
function partsDown(counts: ReadonlyArray<[number, string]>): string {
    const plural = (n: number, one: string) => `${n} ${n === 1 || one === 'OCS' ? one : one === 'switch' ? 'switches' : `${one}s`}`;
    const shown = counts.filter(([n]) => n > 0).map(([n, one]) => plural(n, one));
    return shown.length > 0 ? shown.join(', ') : 'nothing';
}

function listed(paths: readonly string[]): string {
    return paths.length <= MAX_LISTED ? paths.join(', ') : `${paths.slice(0, MAX_LISTED).join(', ')}, … (${paths.length - MAX_LISTED} more)`;
}

function describeFailure(model: FabricModel, f: FailureResult): string {
    const nodes = f.nodeIds.map(id => model.nodes[id]);
    const count = (kind: string) => nodes.filter(n => n?.kind === kind).length;
    const rows: string[][] = [
        ['parts down', partsDown([[count('accelerator'), 'accelerator'], [count('switch'), 'switch'], [count('ocs'), 'OCS'], [f.linkIds.length, 'link'], [f.laserSourceIds.length, 'laser source']])],
        ...(nodes.length > 0 ? [['nodes', listed(nodes.map(n => n?.path ?? '?'))]] : []),
        ...(f.laserSourceIds.length > 0 ? [['laser sources', listed(f.laserSourceIds.map(id => model.laserSources[id]?.path ?? '?'))]] : []),
        ['cut off', `${f.cutOffAccelerators.length} accelerators${f.cutOffAccelerators.length > 0 ? ` (${listed(f.cutOffAccelerators.map(id => model.nodes[id]?.path ?? '?'))})` : ''}`],
        ['partitions', f.partitions ? 'yes: surviving accelerators can no longer all reach each other' : 'no'],
        ['bandwidth lost', `${formatQuantity(f.bandwidthLostBytesPerSecond, 'byteRate')} per direction (${formatNumber(f.bandwidthLostFraction * 100)} %)`],
        ...(f.deratedLinkIds.length > 0 ? [['derated links', `${f.deratedLinkIds.length} keep running on fewer lanes`]] : []),
        ['absorbed by a spare', f.absorbedBySpare ? 'yes' : 'no'],
        ['blast radius', `${f.blastRadius} accelerators`],
        ['failures per day', formatNumber(f.failuresPerDay)],
        ['repair', formatQuantity(f.repairSeconds, 'time')]
    ];
    const phases = f.phases.map(p => [`${p.workload}.${p.phase}`, p.timeSeconds === null ? 'cannot run' : formatQuantity(p.timeSeconds, 'time'), slowdownText(p)]);
    const width = Math.max(...rows.map(r => r[0].length));
    return `fail together in ${model.name}: ${f.name}\n\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n\n`
        + (phases.length > 0 ? formatTable(['phase', 'time after', 'slowdown'], phases) + '\n' : '');
}
