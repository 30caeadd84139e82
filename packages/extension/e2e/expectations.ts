import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What the scenarios expect to see, computed without the extension: the numbers from the CLI's
 * `fabric simulate --json` (run as a subprocess) and the part types read from the files.
 */
export interface Expectations {
    /** The connect line's links: count, watts in all, per direction bandwidth in all (from `optics`). */
    readonly link: {
        readonly optics: string; readonly links: number; readonly powerWatts: number; readonly bandwidthBytesPerSecond: number;
        /** Latency of one traversal: the link type's SerDes/DSP/FEC figure, propagation over its length, and their sum. */
        readonly latency: { readonly conversionSeconds: number; readonly propagationSeconds: number; readonly lengthMeters: number; readonly traversalSeconds: number };
    };
    /** The rack R: watts and budget (from `groups`). */
    readonly rack: { readonly path: string; readonly powerWatts: number; readonly budgetWatts: number };
    /** Link types the example can see (its own and its imports', transitively). */
    readonly linkTypesInScope: readonly string[];
    /** Every part type name the catalog and the example declare (to tell part types from other completions). */
    readonly partTypeNames: readonly string[];
    /** The 576-accelerator pod's diagram (from `fabric export --format json` and `fabric failures --fail … --json`). */
    readonly pod: PodExpectations;
}

export interface PodExpectations {
    readonly file: string;
    /** Groups and parts declared directly in the fabric (each is one top-level element of the diagram). */
    readonly topLevel: number;
    /** A spine switch (drawn at the default level of detail) and where it is declared (1-based, as the status bar counts). */
    readonly switch: { readonly path: string; readonly line: number; readonly column: number };
    /** A rack (drawn collapsed) failed as a whole: what the simulator says it takes down. */
    readonly failed: { readonly path: string; readonly line: number; readonly blastRadius: number; readonly cutOff: number };
}

const POD_FILE = 'pod576-cpo.fabric';
const POD_SWITCH = 'spine.spine_rack[0].tray[0].sw[0]';
const POD_FAILED = 'rack[0]';

function fabricCli(repoRoot: string, node: string, args: readonly string[]): unknown {
    const cli = spawnSync(node, [join(repoRoot, 'packages/cli/bin/fabric.js'), ...args], {
        encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 300_000
    });
    if (cli.status !== 0) throw new Error(`fabric ${args.join(' ')} failed (${cli.status ?? cli.signal}): ${cli.stderr}`);
    return JSON.parse(cli.stdout);
}

function podExpectations(repoRoot: string, node: string): PodExpectations {
    const file = join(repoRoot, 'examples', POD_FILE);
    const { model } = fabricCli(repoRoot, node, ['export', file, '--format', 'json']) as {
        model: {
            groups: Array<{ path: string; parentId: number | null; childGroupIds: number[]; nodeIds: number[]; source: { range: { start: { line: number } } } }>;
            nodes: Array<{ path: string; source: { range: { start: { line: number; character: number } } } }>;
        };
    };
    const root = model.groups.find(g => g.parentId === null)!;
    const sw = model.nodes.find(n => n.path === POD_SWITCH);
    if (!sw) throw new Error(`${POD_FILE} has no ${POD_SWITCH}`);
    const rack = model.groups.find(g => g.path === POD_FAILED);
    if (!rack) throw new Error(`${POD_FILE} has no ${POD_FAILED}`);
    const { failure } = fabricCli(repoRoot, node, ['failures', file, '--fail', POD_FAILED, '--json']) as { failure: { blastRadius: number; cutOff: number } };
    return {
        file: POD_FILE,
        topLevel: root.childGroupIds.length + root.nodeIds.length,
        switch: { path: POD_SWITCH, line: sw.source.range.start.line + 1, column: sw.source.range.start.character + 1 },
        failed: { path: POD_FAILED, line: rack.source.range.start.line + 1, blastRadius: failure.blastRadius, cutOff: failure.cutOff }
    };
}

export function computeExpectations(repoRoot: string, example = 'examples/nvl72-copper.fabric', node = process.execPath): Expectations {
    const json = fabricCli(repoRoot, node, ['simulate', join(repoRoot, example), '--json']) as {
        optics: Array<{ optics: string; links: number; powerWatts: number; bandwidthBytesPerSecond: number }>;
        groups: Array<{ path: string; powerWatts: number; budgetWatts: number | null }>;
        totals: { latency: { minSeconds: number; maxSeconds: number } };
    };
    const { model } = fabricCli(repoRoot, node, ['export', join(repoRoot, example), '--format', 'json']) as {
        model: {
            types: { switches: Record<string, { latencySeconds: number }>; optics: Record<string, { latencySeconds: number; propagationSecondsPerMeter: number }> };
            links: Array<{ optics: string; lengthMeters: number }>;
        };
    };
    const rack = json.groups.find(g => g.path === 'R');
    if (!rack || rack.budgetWatts === null) throw new Error(`${example} has no budgeted rack R`);
    const catalog = join(repoRoot, 'packages/language/catalog');
    const declared = (file: string, kind = '\\w+') => [...readFileSync(file, 'utf8').matchAll(new RegExp(`^\\s*(?:${kind})\\s+(\\w+)\\s*(?:extends\\s+\\w+\\s*)?\\{`, 'gm'))].map(m => m[1]);
    const inScope = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        declared(file, 'link').forEach(n => inScope.add(n));
        for (const [, path] of readFileSync(file, 'utf8').matchAll(/^\s*import\s+"([^"]+)"/gm)) {
            const target = path.startsWith('catalog/') ? join(catalog, `${path.slice('catalog/'.length)}.fabric`) : join(dirname(file), `${path}.fabric`);
            visit(target.replace(/\.fabric\.fabric$/, '.fabric'));
        }
    };
    visit(join(repoRoot, example));
    const catalogFiles = readdirSync(catalog).filter(f => f.endsWith('.fabric')).map(f => join(catalog, f));
    const partTypeNames = [...new Set([...catalogFiles, join(repoRoot, example)].flatMap(f => declared(f, 'accelerator|switch|ocs|link|laser')))];
    const optics = json.optics.find(o => o.optics === 'NVLinkCopper');
    if (!optics) throw new Error(`${example} has no NVLinkCopper links`);
    // Every accelerator-to-accelerator path of the rack is GPU → switch → GPU: two traversals of this
    // link and one switch, so simulate's path latency gives the traversal independently of the hover.
    const switchTypes = Object.values(model.types.switches);
    const { latency } = json.totals;
    if (switchTypes.length !== 1 || latency.minSeconds !== latency.maxSeconds) throw new Error(`${example}: expected one switch type and one path latency`);
    const link = model.links.find(l => l.optics === optics.optics)!;
    const type = model.types.optics[optics.optics];
    return {
        link: {
            ...optics,
            latency: {
                conversionSeconds: type.latencySeconds, propagationSeconds: type.propagationSecondsPerMeter * link.lengthMeters, lengthMeters: link.lengthMeters,
                traversalSeconds: (latency.minSeconds - switchTypes[0].latencySeconds) / 2
            }
        },
        rack: { path: rack.path, powerWatts: rack.powerWatts, budgetWatts: rack.budgetWatts },
        linkTypesInScope: [...inScope].sort(),
        partTypeNames: partTypeNames.sort(),
        pod: podExpectations(repoRoot, node)
    };
}
