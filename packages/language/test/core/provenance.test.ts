import { analysisToJson, analyzeFabric } from '@fabric/simulator';
import { describe as group, expect, test } from 'vitest';
import { checkFiles, describe } from './fabric-test-files.js';

/** Issue 10, item 1: the `source` of every figure is data in the model, and the analysis says what rests on assumptions. */
const PARTS = `accelerator Xpu {
    source "Acme XPU datasheet rev 3" vendor
    ports 4
    tdp 700 W
    fit 7000 source "Llama 3 report, Table 5" derivation "148 / (16,384 × 1,296 h) × 1e9 = 6,970 FIT"
}
switch Leaf {
    radix 8
    latency 250 ns source "Acme switch brief" secondary
    power 200 W source "no published figure; an ASIC of this class" assumption
}
link Copper {
    kind dac
    lanes 2 x 200 Gbps per-direction source "IEEE 802.3dj" vendor
    energy 1.5 pJ/bit
    reach 2 m
}
`;

const FABRIC = `import "./parts"
fabric F {
    switch Big extends Leaf {
        source "Acme Big brief" vendor
        radix 16
    }
    rack R {
        budget power 10 kW source "two 5 kW shelves, N+N" derivation "2 × 5 kW"
        accelerator x[0..3] : Xpu
        switch s : Big
        connect x[*] to s all-to-all via Copper length 1 m
    }
}
`;

async function model() {
    const { errors, elaboration } = await checkFiles(FABRIC, { 'parts.fabric': PARTS });
    expect(errors.map(describe)).toEqual([]);
    return elaboration.models[0];
}

group('provenance in the model', () => {
    test("a figure's own source wins; else the part's default; a base type's figures keep their own", async () => {
        const m = await model();
        const xpu = m.types.accelerators.Xpu.provenance!;
        expect(xpu.tdpWatts).toMatchObject({ property: 'tdp', written: '700 W', declaredIn: 'Xpu', citation: { kind: 'vendor', text: 'Acme XPU datasheet rev 3', scope: 'part' } });
        expect(xpu.fit.citation).toMatchObject({ kind: 'derivation', scope: 'figure', arithmetic: '148 / (16,384 × 1,296 h) × 1e9 = 6,970 FIT' });
        expect(xpu.fit.citation!.source!.uri).toMatch(/parts\.fabric$/);
        const big = m.types.switches.Big.provenance!;
        // radix is Big's own (Big's default applies); latency and power are Leaf's (Leaf's sources, not Big's default)
        expect(big.radix).toMatchObject({ declaredIn: 'Big', citation: { kind: 'vendor', text: 'Acme Big brief', scope: 'part' } });
        expect(big.latencySeconds).toMatchObject({ declaredIn: 'Leaf', citation: { kind: 'secondary' } });
        expect(big.powerWatts.citation).toMatchObject({ kind: 'assumption', scope: 'figure' });
        // declared without a source
        expect(m.types.optics.Copper.provenance!.energyPerBitJoules).toMatchObject({ written: '1.5 pJ/bit', citation: null });
    });

    test("a figure not declared is Fabric's default, recorded as an assumption; propagation follows from the medium", async () => {
        const m = await model();
        const big = m.types.switches.Big.provenance!;
        expect(big.fit).toEqual({ property: 'fit', citation: { kind: 'assumption', scope: 'default', text: 'not declared; Fabric assumes 0 FIT' } });
        expect(big.repairSeconds.citation!.text).toMatch(/^not declared; Fabric assumes 2 h to repair a switch/);
        expect(m.types.optics.Copper.provenance!.repairSeconds.citation!.text).toMatch(/^not declared; Fabric assumes 30 min to repair a dac link/);
        expect(m.types.optics.Copper.provenance!.propagationSecondsPerMeter.citation).toMatchObject({ kind: 'vendor', text: expect.stringContaining('4.5 ns/m') });
        // an optional figure not declared is no figure at all
        expect(m.types.accelerators.Xpu.provenance!.portRateBps).toBeUndefined();
    });

    test("a budget's source is on its group", async () => {
        const m = await model();
        const rack = m.groups.find(g => g.path === 'R')!;
        expect(rack.powerBudgetWatts).toBe(10_000);
        expect(rack.powerBudgetCitation).toMatchObject({ kind: 'derivation', text: 'two 5 kW shelves, N+N', arithmetic: '2 × 5 kW' });
    });
});

group('provenance in the analysis', () => {
    test('every figure of the parts in use, with its standing, and what each headline rests on', async () => {
        const m = await model();
        const { provenance } = analyzeFabric(m);
        const names = provenance.figures.map(f => `${f.part}.${f.property}:${f.status}`);
        expect(names).toContain('Xpu.tdp:vendor');
        expect(names).toContain('Xpu.fit:derivation');
        expect(names).toContain('Big.power:assumption');
        expect(names).toContain('Copper.energy:unsourced');
        expect(names).toContain('Copper.power-per-end:assumption'); // not declared: 0 W
        expect(names.some(n => n.startsWith('Leaf.'))).toBe(false); // Leaf itself is not used, Big is
        const power = provenance.headlines['totals.powerWatts'];
        const named = (ids: readonly number[]) => ids.map(i => `${provenance.figures[i].part}.${provenance.figures[i].property}`);
        expect(named(power.assumptions)).toEqual(expect.arrayContaining(['Big.power', 'Copper.power-per-end']));
        expect(named(power.unsourced)).toContain('Copper.energy');
        // bisection rests on lane rates only: Copper's is sourced
        expect(provenance.headlines['totals.bisectionBytesPerSecond']).toEqual({ assumptions: [], unsourced: [] });
        // failures per day rest on every part's fit and repair: Big's fit is a default (assumed)
        expect(named(provenance.headlines['reliability.failuresPerDay'].assumptions)).toContain('Big.fit');
        expect(provenance.counts.vendor + provenance.counts.secondary + provenance.counts.derivation + provenance.counts.assumption + provenance.counts.unsourced)
            .toBe(provenance.figures.length);
        // the JSON carries the same report
        expect(analysisToJson(analyzeFabric(m)).provenance).toEqual(JSON.parse(JSON.stringify(provenance)));
    });
});
