import { ANALYSIS_CATEGORY } from '@fabric/language';
import type { FabricModel } from '@fabric/simulator';
import { displayPath, formatDiagnostic, loadFiles } from './workspace.js';

/**
 * `fabric check [--fast] <files…>`: diagnostics, then one summary line per file; exit 1 on any error.
 * By default the simulator-backed rules (power budgets, partitions, lasers, OCS, paths) run too;
 * `--fast` keeps to syntax, linking, units and the model's own rules, as the editor does on a keystroke.
 */
export async function runCheck(args: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const fast = args.includes('--fast');
    const paths = args.filter(a => a !== '--fast');
    const unknown = paths.find(p => p.startsWith('--'));
    if (unknown) {
        err.write(`fabric check: unknown option '${unknown}'\n`);
        return 2;
    }
    if (paths.length === 0) {
        err.write('fabric check: give one or more .fabric files\n');
        return 2;
    }
    let loaded;
    try {
        loaded = await loadFiles(paths);
        if (!fast) {
            await loaded.services.shared.workspace.DocumentBuilder.build(loaded.documents, { validation: { categories: [ANALYSIS_CATEGORY] } });
        }
    } catch (error) {
        err.write(`fabric check: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
    }
    let errors = 0;
    for (const document of loaded.documents) {
        const diagnostics = document.diagnostics ?? [];
        for (const diagnostic of diagnostics) {
            out.write(formatDiagnostic(document, diagnostic) + '\n');
        }
        const fileErrors = diagnostics.filter(d => d.severity === 1).length;
        errors += fileErrors;
        const models = loaded.services.elaboration.FabricElaboration.of(document).models;
        const summary = models.length > 0 ? models.map(summarize).join('; ') : 'no fabric (part types only)';
        out.write(`${displayPath(document)}: ${fileErrors > 0 ? `${fileErrors} error${fileErrors > 1 ? 's' : ''}; ` : ''}${summary}\n`);
    }
    return errors > 0 ? 1 : 0;
}

/** `NVL72: 90 nodes, 1296 links (dac 1296), 9 failure domains, 2 phases` */
export function summarize(model: FabricModel): string {
    const byKind = new Map<string, number>();
    for (const link of model.links) {
        const kind = model.types.optics[link.optics]?.kind ?? link.optics;
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    const circuits = model.ocsConfigurations.reduce((n, c) => n + c.circuits.length, 0);
    const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
    const phases = model.workloads.reduce((n, w) => n + w.phases.length, 0);
    return [
        `${model.name}: ${model.nodes.length} nodes`,
        `${model.links.length} links${kinds ? ` (${kinds})` : ''}`,
        ...(model.ocsConfigurations.length > 0 ? [`${model.ocsConfigurations.length} OCS configurations (${circuits} circuits)`] : []),
        `${model.failureDomains.length} failure domains`,
        `${phases} phases`
    ].join(', ');
}
