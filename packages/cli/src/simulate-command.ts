import { analysisToJson, analyzeFabric, formatAnalysisText, type AnalysisOptions } from '@fabric/simulator';
import { displayPath, formatDiagnostic, loadFiles } from './workspace.js';

const USAGE = `usage: fabric simulate <file> [--json] [--fabric NAME] [--single-failures switch,link,laser] [--threshold 1.10] [--skip-failure-domains] [--ideal]`;
const SWEEPS = ['switch', 'link', 'laser'] as const;

interface SimulateArgs {
    readonly file: string;
    readonly json: boolean;
    readonly fabric?: string;
    readonly options: AnalysisOptions;
}

/** `fabric simulate <file> [--json]`: the simulator's analysis of one file's fabric. */
export async function runSimulate(args: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
        err.write(`fabric simulate: ${parsed}\n${USAGE}\n`);
        return 2;
    }
    let loaded;
    try {
        loaded = await loadFiles([parsed.file]);
    } catch (error) {
        err.write(`fabric simulate: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
    }
    const [document] = loaded.documents;
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    if (errors.length > 0) {
        for (const diagnostic of errors) err.write(formatDiagnostic(document, diagnostic) + '\n');
        err.write(`fabric simulate: ${displayPath(document)} has ${errors.length} error${errors.length > 1 ? 's' : ''}; fix them first (see 'fabric check')\n`);
        return 1;
    }
    const models = loaded.services.elaboration.FabricElaboration.of(document).models;
    const model = parsed.fabric ? models.find(m => m.name === parsed.fabric) : models[0];
    if (!model) {
        err.write(parsed.fabric
            ? `fabric simulate: no fabric named '${parsed.fabric}' in ${displayPath(document)}; it has: ${models.map(m => m.name).join(', ') || 'none'}\n`
            : `fabric simulate: ${displayPath(document)} declares no fabric (part types only)\n`);
        return 1;
    }
    const analysis = analyzeFabric(model, parsed.options);
    out.write(parsed.json ? JSON.stringify(analysisToJson(analysis), null, 2) + '\n' : formatAnalysisText(analysis));
    return 0;
}

function parseArgs(args: readonly string[]): SimulateArgs | string {
    let file: string | undefined;
    let json = false;
    let fabric: string | undefined;
    let singleFailures: Array<typeof SWEEPS[number]> | undefined;
    let slowdownThreshold: number | undefined;
    let skipFailureDomains = false;
    let ideal = false;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--json') {
            json = true;
        } else if (arg === '--fabric') {
            fabric = args[++i];
            if (!fabric) return '--fabric needs a fabric name';
        } else if (arg === '--single-failures') {
            const kinds = (args[++i] ?? '').split(',').filter(Boolean);
            const bad = kinds.find(k => !(SWEEPS as readonly string[]).includes(k));
            if (kinds.length === 0 || bad) return `--single-failures takes a comma-separated list of ${SWEEPS.join(', ')}${bad ? `; '${bad}' is none of them` : ''}`;
            singleFailures = kinds as Array<typeof SWEEPS[number]>;
        } else if (arg === '--threshold') {
            slowdownThreshold = Number(args[++i]);
            if (!Number.isFinite(slowdownThreshold) || slowdownThreshold < 1) return '--threshold takes a slowdown factor ≥ 1, e.g. 1.10';
        } else if (arg === '--skip-failure-domains') {
            skipFailureDomains = true;
        } else if (arg === '--ideal') {
            ideal = true;
        } else if (arg.startsWith('--')) {
            return `unknown option '${arg}'`;
        } else if (file === undefined) {
            file = arg;
        } else {
            return `one file at a time; got '${file}' and '${arg}'`;
        }
    }
    if (!file) return 'give a .fabric file';
    return { file, json, fabric, options: { singleFailures, slowdownThreshold, skipFailureDomains, ideal } };
}
