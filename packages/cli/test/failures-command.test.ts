// fabric failures: the sweep sorted by blast radius, --all-single, --fail equal to the simulator's own
// failureImpact for the same set, and the progress bar only on a terminal.
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { createFabricServices, loadFabricDocuments } from '@fabric/language';
import { failureImpact, failureToJson, prepareFabric, resolveFailureSelection, type FabricModel } from '@fabric/simulator';
import { NodeFileSystem } from 'langium/node';
import { fabric, fabricInTerminal, fabricJson, root } from './run-fabric.js';

async function model(example: string): Promise<FabricModel> {
    const { Fabric } = createFabricServices(NodeFileSystem);
    const [document] = await loadFabricDocuments(Fabric, [join(root, 'examples', example)]);
    return Fabric.elaboration.FabricElaboration.of(document).models[0];
}

describe('fabric failures: the sweep', () => {
    test('every failure domain, largest blast radius first, with failures per day, repair time and slowdowns', () => {
        const simulated = fabricJson(['simulate', 'examples/pod576-cpo.fabric', '--json']);
        const report = fabricJson(['failures', 'examples/pod576-cpo.fabric', '--json']);
        expect(report.schema).toBe('fabric-failures/1');
        expect(report.failures).toHaveLength(simulated.failureDomains.length);
        const radii = report.failures.map((f: { blastRadius: number }) => f.blastRadius);
        expect(radii).toEqual([...radii].sort((a, b) => b - a));
        // the same results as simulate, only ordered
        const byName = new Map(simulated.failureDomains.map((f: { name: string }) => [f.name, f]));
        for (const f of report.failures) expect(f).toEqual(byName.get(f.name));
    });

    test('the text table folds alike rows and gives every column its unit', () => {
        const run = fabric(['failures', 'examples/nvl72-copper.fabric']);
        expect(run.code).toBe(0);
        const lines = run.stdout.split('\n');
        expect(lines[0]).toBe('fabric NVL72: 27 failure domains, largest blast radius first (a phase slowed past ×1.1 counts)');
        expect(lines[2]).toMatch(/^failure +kind +blast radius +cut off +partitions +bandwidth lost +failures\/day +repair +grads slowdown +experts slowdown$/);
        // 18 compute trays (each takes 4 GPUs: the phases stop), then 9 switch trays (×18/16 on the
        // all-reduce; ×1.123 on the all-to-all, whose launch time does not slow). A compute tray's FIT:
        // 4 GPUs × 7000 + 4 HBM × 3400 + 2 CPUs × 750 + 4 NICs × 330 + 2 DPUs × 330 + board 15,800
        // = 60,880 per 10^9 h → × 24 h / 10^9 = 1.46e-3 per day; a switch tray: 2 × 1000 + board 2000
        // = 4000 → 9.60e-5 per day.
        expect(lines[4]).toMatch(/^compute_tray\[0\] \+ 17 alike +domain +72 +4 +no +5\.56 % +0\.00146 +4 h +stops +stops$/);
        expect(lines[5]).toMatch(/^switch_tray\[0\] \+ 8 alike +domain +72 +0 +no +11\.1 % +9\.60e-5 +2 h +×1\.125 +×1\.123$/);
        expect(run.stdout).toMatch(/whole fabric: 0\.0274 failures per day/);
    });

    test('--all-single adds every switch, link and laser', () => {
        const report = fabricJson(['failures', 'examples/nvl72-copper.fabric', '--all-single', '--json']);
        const kinds = new Map<string, number>();
        for (const f of report.failures) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
        expect(Object.fromEntries(kinds)).toEqual({ domain: 27, switch: 18, link: 1296 });
    });
});

describe('fabric failures --fail', () => {
    const names = ['rack[0].nvswitch[3]', 'spine.spine_rack[1]', 'laser rack[2].nvswitch[0].els[1]'];

    test('equals the simulator\'s failureImpact for the same set, resolved by resolveFailureSelection', async () => {
        const cli = fabricJson(['failures', 'examples/pod576-cpo.fabric', '--fail', ...names, '--json']);
        const m = await model('pod576-cpo.fabric');
        const { selection, unknown } = resolveFailureSelection(m, names);
        expect(unknown).toEqual([]);
        const expected = failureToJson(failureImpact(prepareFabric(m, { skipFailureDomains: true }), selection));
        expect(cli.failure).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(cli.failure.nodeIds).toHaveLength(2 + 18);
        // the leaf tray's 5 laser modules, the spine rack's 9 trays × 9, and the one named
        expect(cli.failure.laserSourceIds).toHaveLength(5 + 9 * 9 + 1);
    });

    test('prints what the parts take down', () => {
        const run = fabric(['failures', 'examples/nvl72-copper.fabric', '--fail', 'switch_tray[0]']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^fail together in NVL72: switch_tray\[0\]$/m);
        expect(run.stdout).toMatch(/^ {2}parts down +2 switches$/m);
        expect(run.stdout).toMatch(/^ {2}nodes +R\.nvswitch\[0\]\.sw\[0\], R\.nvswitch\[0\]\.sw\[1\]$/m);
        expect(run.stdout).toMatch(/^ {2}bandwidth lost +7\.2 TB\/s per direction \(11\.1 %\)$/m);
        expect(run.stdout).toMatch(/^train\.grads +\S+ ms +×1\.125$/m);
    });

    test('a name that matches nothing is a usage error that says what names look like', () => {
        const run = fabric(['failures', 'examples/nvl72-copper.fabric', '--fail', 'R.nvswitch[0]', 'nope[1]']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^fabric failures: 'nope\[1\]' names nothing in NVL72: give a node, group or laser-source path, a failure domain \(switch_tray\[0\], .*\), 'link#<id>' or 'a <-> b'\n$/);
    });
});

describe('fabric failures: progress bar', () => {
    test('none when stderr is not a terminal', () => {
        const run = fabric(['failures', 'examples/pod576-cpo.fabric', '--all-single', '--limit', '1']);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
    });

    test('on a terminal, a sweep longer than a second draws a bar and erases it at the end', () => {
        const run = fabricInTerminal(['failures', 'examples/pod576-cpo.fabric', '--all-single', '--limit', '1']);
        expect(run.code).toBe(0);
        // 768 domains (72 switch trays, 8 racks, 4 spine racks, 684 laser modules) + 216 switches,
        // 20,736 links and 684 laser modules one at a time
        expect(run.stdout).toMatch(/\rfailure sweep \[[#.]{30}\] \d+\/22404 \d+ s\u001b\[K/);
        expect(run.stdout).toMatch(/\r\u001b\[Kfabric Pod576: 768 failure domains and 21636 single parts/);
    });
});
