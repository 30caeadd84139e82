import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What the scenarios expect to see, computed without the extension: the numbers from the CLI's
 * `fabric simulate --json` (run as a subprocess) and the part types read from the files.
 */
export interface Expectations {
    /** The connect line's links: count, watts in all, per direction bandwidth in all (from `optics`). */
    readonly link: { readonly optics: string; readonly links: number; readonly powerWatts: number; readonly bandwidthBytesPerSecond: number };
    /** The rack R: watts and budget (from `groups`). */
    readonly rack: { readonly path: string; readonly powerWatts: number; readonly budgetWatts: number };
    /** Link types the example can see (its own and its imports', transitively). */
    readonly linkTypesInScope: readonly string[];
    /** Every part type name the catalog and the example declare (to tell part types from other completions). */
    readonly partTypeNames: readonly string[];
}

export function computeExpectations(repoRoot: string, example = 'examples/nvl72-copper.fabric', node = process.execPath): Expectations {
    const cli = spawnSync(node, [join(repoRoot, 'packages/cli/bin/fabric.js'), 'simulate', join(repoRoot, example), '--json'], {
        encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
    });
    if (cli.status !== 0) throw new Error(`fabric simulate --json failed: ${cli.stderr}`);
    const json = JSON.parse(cli.stdout) as {
        optics: Array<{ optics: string; links: number; powerWatts: number; bandwidthBytesPerSecond: number }>;
        groups: Array<{ path: string; powerWatts: number; budgetWatts: number | null }>;
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
    return {
        link: optics,
        rack: { path: rack.path, powerWatts: rack.powerWatts, budgetWatts: rack.budgetWatts },
        linkTypesInScope: [...inScope].sort(),
        partTypeNames: partTypeNames.sort()
    };
}
