/**
 * `fabric check`: parse, link, elaborate and (unless `--fast`) run the simulator-backed rules; print
 * the diagnostics as text, JSON or SARIF. Exit 1 when a finding reaches the `--fail-on` severity.
 */
import { Command, Option } from 'commander';
import { ANALYSIS_CATEGORY, FabricCode, SOURCES_CATEGORY } from '@fabric/language';
import { ExitCode } from '../exit-codes.js';
import { colourAllowed, palette, type CliIo } from '../cli-io.js';
import { expandFabricPaths } from '../input-files.js';
import { displayPath, formatDiagnostic, loadFiles, type SeverityName } from '../workspace.js';
import { countSeverities, reportDiagnostic, summarizeFabric, summaryLine, type CheckReport, type CheckedFile } from '../report/check-report.js';
import { checkReportToSarif } from '../report/sarif.js';
import { cliVersion } from '../version.js';

export const CHECK_JSON_SCHEMA = 'fabric-check/1';

interface CheckOptions {
    readonly fast: boolean;
    readonly format: 'text' | 'json' | 'sarif';
    readonly failOn: 'error' | 'warning' | 'info';
    readonly strictSources: boolean;
}

/** The findings `--strict-sources` adds, each of which fails the check. */
const SOURCE_FINDINGS: ReadonlySet<string> = new Set([FabricCode.AssumedFigure, FabricCode.UnsourcedFigure]);

const FAIL_ON: Record<CheckOptions['failOn'], readonly SeverityName[]> = {
    error: ['error'], warning: ['error', 'warning'], info: ['error', 'warning', 'info', 'hint']
};

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
    return new Command('check')
        .description('parse, link, elaborate and simulate .fabric files; print diagnostics and a summary per file')
        .argument('<paths...>', '.fabric files, directories holding them, or quoted globs')
        .option('--fast', 'skip the simulator-backed rules (power budgets, failures, lasers, OCS, paths)', false)
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--strict-sources', 'list every figure the design rests on that is an assumption (written as one, or a default for an undeclared figure) or has no source; any makes the exit code 1', false)
        .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info']).default('error'))
        .addHelpText('after', `
Exit codes: 0 clean, 1 findings at the --fail-on severity, 2 usage or input error.

Examples:
  $ fabric check examples/                         every .fabric file below examples/
  $ fabric check 'examples/*.fabric' --fail-on warning
  $ fabric check examples/ --format sarif > fabric.sarif   for code-scanning tools
  $ fabric check --strict-sources examples/nvl72-copper.fabric   which figures are assumed`)
        .action(async (paths: string[], options: CheckOptions) => setExit(await runCheck(paths, options, io)));
}

async function runCheck(args: readonly string[], options: CheckOptions, io: CliIo): Promise<number> {
    const paths = expandFabricPaths(args);
    const loaded = await loadFiles(paths);
    const categories = [...(options.fast ? [] : [ANALYSIS_CATEGORY]), ...(options.strictSources ? [SOURCES_CATEGORY] : [])];
    if (categories.length > 0) {
        await loaded.services.shared.workspace.DocumentBuilder.build(loaded.documents, { validation: { categories } });
    }
    const files: CheckedFile[] = loaded.documents.map(document => ({
        file: displayPath(document),
        diagnostics: (document.diagnostics ?? []).map(d => reportDiagnostic(document, d)),
        fabrics: loaded.services.elaboration.FabricElaboration.of(document).models.map(summarizeFabric)
    }));
    const report: CheckReport = { files, counts: countSeverities(files) };
    if (options.format === 'json') {
        io.out.write(JSON.stringify({ schema: CHECK_JSON_SCHEMA, ...report }, null, 2) + '\n');
    } else if (options.format === 'sarif') {
        io.out.write(JSON.stringify(checkReportToSarif(report, cliVersion()), null, 2) + '\n');
    } else {
        const colours = palette(colourAllowed(io.out, io.env));
        loaded.documents.forEach((document, i) => {
            for (const diagnostic of document.diagnostics ?? []) io.out.write(formatDiagnostic(document, diagnostic, colours) + '\n');
            const errors = files[i].diagnostics.filter(d => d.severity === 'error').length;
            const summary = files[i].fabrics.length > 0 ? files[i].fabrics.map(summaryLine).join('; ') : 'no fabric (part types only)';
            io.out.write(`${files[i].file}: ${errors > 0 ? colours.red(`${errors} error${errors > 1 ? 's' : ''}`) + '; ' : ''}${summary}\n`);
        });
    }
    const failing = FAIL_ON[options.failOn].reduce((n, s) => n + report.counts[s], 0);
    const unsourced = files.reduce((n, f) => n + f.diagnostics.filter(d => SOURCE_FINDINGS.has(d.code)).length, 0);
    return failing > 0 || unsourced > 0 ? ExitCode.Findings : ExitCode.Clean;
}
