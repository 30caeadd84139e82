import { describe as group, expect, test } from 'vitest';
import { URI } from 'langium';
import { analyzeFabric } from '@fabric/simulator';
import { checkFiles, describe } from './fabric-test-files.js';

const PARTS = `accelerator A { ports 4 port-rate 100 Gbps tdp 700 W fit 100 }
switch S { radix 16 latency 100 ns power 50 W }
link L { kind dac lanes 2 x 100 Gbps reach 3 m latency 10 ns }
link C { kind cpo lanes 8 x 200 Gbps reach 100 m energy 5 pJ/bit laser external }
laser E { lasers 8 spares 1 power 10 W fit 50 }
ocs O { ports 32 reconfiguration 20 ms }
`;

group('names resolve across imports, nested groups and indices', () => {
    test('part types come from imports, transitively, and a local type overrides by extension', async () => {
        const { errors, elaboration } = await checkFiles(
            'import "./mid"\nfabric F {\n    switch Big extends S { radix 64 }\n    switch s[0..1] : Big\n    accelerator a[0..1] : A\n    connect a[*] to s[*] all-to-all via L length 1 m\n}\n',
            { 'mid.fabric': 'import "./parts/all"\n', 'parts/all.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        expect(model.types.switches.Big).toMatchObject({ radix: 64, latencySeconds: 1e-7, powerWatts: 50 });
        expect(model.types.accelerators.A).toMatchObject({ ports: 4, portRateBps: 100e9, tdpWatts: 700, fit: 100 });
        expect(model.links).toHaveLength(4);
    });

    test('a type that is not imported is not visible', async () => {
        const { errors } = await checkFiles('fabric F {\n    switch s : S\n}\n', { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual(["linking-error 2:16-2:17 cannot resolve 'S': no part type named 'S' is declared in this file or its imports"]);
    });

    test('the shipped catalog resolves by name', async () => {
        const { errors, elaboration } = await checkFiles('import "catalog/nvidia"\nfabric F {\n    accelerator g[0..1] : B200\n    switch s : NVLinkSwitch\n    connect g[*] to s all-to-all via NVLinkCopper length 1 m\n}\n');
        expect(errors.map(describe)).toEqual([]);
        // 100 GB/s bidirectional per port is 400 Gbps per direction
        expect(elaboration.models[0].types.accelerators.B200.portRateBps).toBe(400e9);
        expect(elaboration.models[0].types.switches.NVLinkSwitch.inNetworkReduction).toBe(true);
    });

    test('nested groups, index ranges and paths', async () => {
        const { errors, elaboration } = await checkFiles(`import "./parts"
fabric F {
    pod P {
        rack rack[2..3] {
            tray t[0..1] { accelerator gpu[0..3] : A }
            switch sw : S
            connect t[*].gpu[*] to sw all-to-all via L length 1 m
        }
    }
    connect P.rack[2].sw to P.rack[3].sw via L length 2 m
    failure domain first_gpus = P.rack[3].t[1].gpu[0..1]
}
`, { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        expect(model.nodes.map(n => n.path)).toEqual([
            ...[2, 3].flatMap(r => [...[0, 1].flatMap(t => [0, 1, 2, 3].map(g => `P.rack[${r}].t[${t}].gpu[${g}]`)), `P.rack[${r}].sw`])
        ]);
        expect(model.groups.map(g => `${g.kind}:${g.path}`)).toEqual([
            'fabric:', 'pod:P', 'rack:P.rack[2]', 'tray:P.rack[2].t[0]', 'tray:P.rack[2].t[1]', 'rack:P.rack[3]', 'tray:P.rack[3].t[0]', 'tray:P.rack[3].t[1]'
        ]);
        expect(model.links).toHaveLength(2 * 8 + 1);
        const last = model.links[model.links.length - 1];
        expect([model.nodes[last.a].path, model.nodes[last.b].path, last.lengthMeters]).toEqual(['P.rack[2].sw', 'P.rack[3].sw', 2]);
        expect(model.failureDomains[0].nodeIds.map(id => model.nodes[id].path)).toEqual(['P.rack[3].t[1].gpu[0]', 'P.rack[3].t[1].gpu[1]']);
        expect(model.nodes.find(n => n.path === 'P.rack[3].t[1].gpu[2]')?.index).toBe(2);
    });

    test('failure domain index variables with offsets', async () => {
        const { errors, elaboration } = await checkFiles(`import "./parts"
fabric F {
    switch s[0..3] : S
    failure domain pair[k in 0..2] = s[k], s[k + 1]
}
`, { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        expect(elaboration.models[0].failureDomains.map(f => `${f.name}=${f.nodeIds.join(',')}`)).toEqual(['pair[0]=0,1', 'pair[1]=1,2', 'pair[2]=2,3']);
    });

    test('external lasers: links spread over the sources in blocks, one implicit failure domain each', async () => {
        const { errors, diagnostics, elaboration } = await checkFiles(`import "./parts"
fabric F {
    switch a[0..3] : S
    switch b[0..1] : S
    laser els[0..1] : E
    connect a[*] to b[*] all-to-all via C length 10 m laser els[*]
    connect a[0] to a[1] via C length 10 m
}
`, { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        expect(diagnostics.map(describe)).toEqual([
            "elaborate/missing-laser 7:30-7:31 'C' needs an external laser source: add 'laser <sources>' so its power and failures are counted"
        ]);
        const model = elaboration.models[0];
        expect(model.links.slice(0, 8).map(l => l.laserSourceId)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
        expect(model.failureDomains).toMatchObject([
            { name: 'laser els[0]', origin: 'laser-source', linkIds: [0, 1, 2, 3], laserSourceIds: [0] },
            { name: 'laser els[1]', origin: 'laser-source', linkIds: [4, 5, 6, 7], laserSourceIds: [1] }
        ]);
    });

    test('OCS configurations become circuits through the named switches', async () => {
        const { errors, elaboration } = await checkFiles(`import "./parts"
fabric F {
    accelerator x[0..7] : A
    layer optical ocs {
        ocs o[0..1] : O
        configuration ring8 { connect x[*] ring via L length 2 m through o[*] }
        configuration pairs { connect x[0..3] to x[4..7] one-to-one via L length 2 m through o[0] }
    }
    workload w {
        phase a all-reduce 1 GiB over x[*] on ring8 algorithm ring
        phase b point-to-point 1 MiB over x[0..3] to x[4..7] on pairs
    }
}
`, { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        expect(model.ocsConfigurations.map(c => [c.name, c.layer, c.circuits.length])).toEqual([['ring8', 'optical', 8], ['pairs', 'optical', 4]]);
        expect(model.ocsConfigurations[0].circuits.map(c => model.nodes[c.ocs].path)).toEqual(Array.from({ length: 8 }, (_, k) => `optical.o[${k % 2}]`));
        expect(model.links).toHaveLength(0);
        expect(model.workloads[0].phases.map(p => [p.configuration, p.algorithm ?? null])).toEqual([['ring8', 'ring'], ['pairs', null]]);
        expect(model.workloads[0].phases[1].peers).toEqual([4, 5, 6, 7]);
    });

    test('go-to-definition follows a segment to its declaration', async () => {
        const text = 'import "./parts"\nfabric F {\n    rack R { switch sw[0..3] : S }\n    failure domain d = R.sw[1]\n}\n';
        const { services, document } = await checkFiles(text, { 'parts.fabric': PARTS });
        const offset = text.indexOf('sw[1]');
        const position = document.textDocument.positionAt(offset + 1);
        const links = await services.lsp.DefinitionProvider!.getDefinition(document, { textDocument: { uri: document.uri.toString() }, position });
        expect(links).toHaveLength(1);
        expect(URI.parse(links![0].targetUri).toString()).toBe(document.uri.toString());
        expect(document.textDocument.getText(links![0].targetSelectionRange)).toBe('sw');
        expect(links![0].targetSelectionRange.start.line).toBe(2);

        const typeOffset = text.indexOf(': S') + 2;
        const typeLinks = await services.lsp.DefinitionProvider!.getDefinition(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(typeOffset) });
        expect(typeLinks![0].targetUri.endsWith('/parts.fabric')).toBe(true);
    });

    test('rates and sizes keep SI and binary prefixes and direction apart', async () => {
        const { errors, elaboration } = await checkFiles(`accelerator Bi { ports 1 port-rate 1.8 TB/s bidirectional }
accelerator Si { ports 1 port-rate 900 GB/s }
link K { kind aec lanes 4 x 25 GB/s per-direction reach 5 m }
fabric F {
    accelerator x[0..1] : Bi
    connect x[0] to x[1] via K length 1 m
    workload w { phase g all-gather 1 GB over x[*]  phase h all-gather 1 GiB over x[*] }
}
`);
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        expect(model.types.accelerators.Bi.portRateBps).toBe(0.9e12 * 8);
        expect(model.types.optics.K.laneRateBps).toBe(25e9 * 8);
        expect(model.workloads[0].phases.map(p => p.bytes)).toEqual([1e9, 2 ** 30]);
    });

    test('source refs: the range of what declared an element, one object shared by the elements of an array', async () => {
        const { errors, elaboration } = await checkFiles(`import "./parts"
fabric F {
    rack r { accelerator a[0..1] : A
        switch s : S }
    rack q[0..1] { accelerator a[0..1] : A
        switch s : S
        connect a[*] to s all-to-all via L length 1 m }
    connect r.a[*] to r.s all-to-all via L length 1 m
}
`, { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        const at = (ref: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
            `${ref.range.start.line}:${ref.range.start.character}-${ref.range.end.line}:${ref.range.end.character}`;
        const node = (path: string) => model.nodes.find(n => n.path === path)!;
        // Outside any array (each declared and stated once) and inside one, the same ranges.
        expect(['r.a[0]', 'r.s', 'q[0].a[0]', 'q[1].s'].map(p => at(node(p).source))).toEqual(['2:25-2:26', '3:15-3:16', '4:31-4:32', '5:15-5:16']);
        expect(model.groups.filter(g => g.path).map(g => `${g.path} ${at(g.source)}`)).toEqual(['r 2:9-2:10', 'q[0] 4:9-4:10', 'q[1] 4:9-4:10']);
        expect(model.links.map(l => at(l.source))).toEqual(['6:8-6:53', '6:8-6:53', '6:8-6:53', '6:8-6:53', '7:4-7:53', '7:4-7:53']);
        // Inside an array, every element's ref is the one object.
        expect(node('q[0].a[0]').source).toBe(node('q[1].a[1]').source);
        expect(model.groups.find(g => g.path === 'q[0]')!.source).toBe(model.groups.find(g => g.path === 'q[1]')!.source);
        expect(model.links[0].source).toBe(model.links[3].source);
    });
});

group('the language of issue 9: parallel links, parts without traffic, forwarding, overheads, grids, spares, link bundles, light at both ends', () => {
    test('`count 36` makes 36 links between each pair, each with its own ends', async () => {
        const { errors, elaboration } = await checkFiles('import "./parts"\nfabric F {\n    switch Wide extends S { radix 72 power 100 W }\n    switch a : Wide\n    switch b : Wide\n    connect a to b via L length 1 m count 36\n}\n', { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        expect(model.links).toHaveLength(36);
        expect(new Set(model.links.map(l => `${l.a}-${l.b}`)).size).toBe(1);
        // Every cable has its own two ends: 36 × (energy × rate × 2 + 2 × watts per end).
        const withEnds = { ...model, types: { ...model.types, optics: { L: { ...model.types.optics.L, energyPerBitJoules: 1e-12, wattsPerEnd: 3 } } } };
        const linksWatts = analyzeFabric(withEnds, { skipFailureDomains: true }).totals.breakdown.linksWatts;
        expect(linksWatts).toBeCloseTo(36 * (1e-12 * 200e9 * 2 + 2 * 3), 9);
    });

    test('components are placed in groups, selected by failure domains, and fail with them', async () => {
        const { errors, elaboration } = await checkFiles(`import "./parts"
component CPU { power 300 W fit 750 }
fabric F {
    tray t[0..1] { accelerator a[0..1] : A  component cpu : CPU }
    failure domain tray_power[k in 0..1] = t[k] spares 1
}
`, { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        expect(model.components!.map(c => c.path)).toEqual(['t[0].cpu', 't[1].cpu']);
        expect(model.types.components!.CPU).toMatchObject({ powerWatts: 300, fit: 750 });
        expect(model.groups.find(g => g.path === 't[1]')!.componentIds).toEqual([1]);
        expect(model.failureDomains[1]).toMatchObject({ name: 'tray_power[1]', componentIds: [1], family: 'tray_power', familySpares: 1 });
    });

    test('forwarding, reduction rate, efficiency, traffic share and lanes per laser read into the parts', async () => {
        const { errors, elaboration } = await checkFiles(`accelerator R { ports 6 forwarding yes reduction-rate 400 GB/s }
link W { kind cpo lanes 8 x 200 Gbps reach 100 m laser external efficiency 0.9 traffic-share 0.25 }
laser E { lasers 8 spares 1 lanes-per-laser 8 }
fabric F { accelerator r[0..1] : R  laser e : E  connect r[0] to r[1] via W length 1 m laser e }
`);
        expect(errors.map(describe)).toEqual([]);
        const types = elaboration.models[0].types;
        expect(types.accelerators.R).toMatchObject({ forwards: true, reductionRateBps: 400e9 * 8 });
        expect(types.optics.W).toMatchObject({ efficiency: 0.9, trafficShare: 0.25, externalLaser: true });
        expect(types.lasers.E.lanesPerLaser).toBe(8);
    });

    test('a share outside [0, 1] is refused at the value', async () => {
        const { errors } = await checkFiles('link W { kind dac lanes 2 x 100 Gbps reach 3 m traffic-share 1.5 }\n');
        expect(errors.map(describe)).toEqual(["part/bad-value 1:62-1:65 'traffic-share' of link 'W' is a share between 0 and 1; found 1.5"]);
    });

    test('a fabric\'s collectives block sets launch, per-step and efficiency', async () => {
        const { errors, elaboration } = await checkFiles('import "./parts"\nfabric F {\n    collectives { launch 8 us  per-step 2 us  efficiency 0.9 }\n    accelerator a[0..1] : A\n}\n', { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        expect(elaboration.models[0].collectives).toMatchObject({ launchSeconds: 8e-6, stepSeconds: 2e-6, efficiency: 0.9 });
    });

    test('a torus writes each link\'s dimension, a → b one step up', async () => {
        const { errors, elaboration } = await checkFiles('import "./parts"\nfabric F {\n    accelerator a[0..11] : A\n    connect a[*] torus 3x4 via L length 1 m\n}\n', { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const links = elaboration.models[0].links;
        expect(countAxes(links)).toEqual({ 0: 12, 1: 12 });
        // Row-major: a[0] → a[4] is one step along dimension 0 (extent 3), a[0] → a[1] along dimension 1.
        expect(links.find(l => l.a === 0 && l.b === 4)?.axis).toBe(0);
        expect(links.find(l => l.a === 0 && l.b === 1)?.axis).toBe(1);
    });

    test('`links A to B` members: a cable cartridge fails with its links', async () => {
        const { errors, elaboration } = await checkFiles('import "./parts"\nfabric F {\n    accelerator a[0..3] : A\n    switch s[0..1] : S\n    connect a[*] to s[*] all-to-all via L length 1 m\n    failure domain cartridge[k in 0..1] = links s[k] to a[*]\n}\n', { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        const [first] = model.failureDomains;
        expect(first.nodeIds).toEqual([]);
        expect(first.linkIds.map(id => model.nodes[model.links[id].b].path)).toEqual(['s[0]', 's[0]', 's[0]', 's[0]']);
    });

    test('each end of a CPO link takes its light from its own tray', async () => {
        const { errors, elaboration } = await checkFiles('import "./parts"\nfabric F {\n    tray x { switch s : S  laser e : E }\n    tray y { switch s : S  laser e : E }\n    connect x.s to y.s via C length 10 m laser x.e, y.e\n}\n', { 'parts.fabric': PARTS });
        expect(errors.map(describe)).toEqual([]);
        const model = elaboration.models[0];
        const [link] = model.links;
        expect(model.laserSources[link.laserSourceId!].path).toBe('x.e');
        expect(model.laserSources[link.laserSourceIdB!].path).toBe('y.e');
        expect(model.failureDomains.filter(d => d.origin === 'laser-source').map(d => [d.name, d.linkIds])).toEqual([['laser x.e', [0]], ['laser y.e', [0]]]);
    });
});

function countAxes(links: ReadonlyArray<{ axis?: number }>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const l of links) counts[String(l.axis)] = (counts[String(l.axis)] ?? 0) + 1;
    return counts;
}
