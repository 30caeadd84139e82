// Provenance at the CLI's doors (issue 10, item 1): `fabric check --strict-sources` lists every figure a
// design rests on that is an assumption or has no source; `fabric simulate` marks the numbers and
// lists those figures.
import { describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fabric, fabricJson, tempFile } from './run-fabric.js';

const SOURCED = `accelerator Xpu {
    source "Acme XPU datasheet rev 3, table 2" vendor
    ports 2
    tdp 700 W
    fit 2000
    repair 2 h
}
switch Leaf {
    source "Acme switch brief" vendor
    radix 8
    latency 250 ns
    power 200 W
    fit 500
    repair 30 min
}
link Copper {
    source "IEEE 802.3ck; the cable vendor's sheet" vendor
    kind dac
    lanes 2 x 200 Gbps per-direction
    energy 0 pJ/bit
    power-per-end 0 W
    reach 2 m
    latency 20 ns
    fit 5
    repair 30 min
}
`;

const FABRIC = `
fabric F {
    rack R {
        tray node[0..3] { accelerator xpu[0..1] : Xpu }
        tray leaf { switch sw[0..1] : Leaf }
        connect node[*].xpu[*] to leaf.sw[*] all-to-all via Copper length 1 m
    }
    workload train { phase grads all-reduce 256 MiB over R.node[*].xpu[*] }
}
`;

describe('fabric check --strict-sources', () => {
    test('a design whose every figure is sourced passes', () => {
        const file = tempFile('sourced.fabric', SOURCED + FABRIC);
        const run = fabric(['check', '--strict-sources', file]);
        expect(run.stdout).not.toMatch(/source\//);
        expect(run.code).toBe(0);
    });

    test('lists each assumed and each unsourced figure at the text that declares it, and exits 1', () => {
        const text = SOURCED.replace('    power 200 W\n', '    power 200 W source "no published figure; ASICs of this class" assumption\n')
            .replace('    fit 500\n', '') // not declared: Fabric assumes 0 FIT
            .replace('    latency 250 ns\n', '    latency 250 ns source "" vendor\n')
            + 'link Bare { kind dac lanes 2 x 200 Gbps reach 2 m }\n' + FABRIC.replace('via Copper', 'via Bare');
        const file = tempFile('assumed.fabric', text);
        const run = fabric(['check', '--strict-sources', '--fast', file]);
        expect(run.code).toBe(1);
        const lines = run.stdout.trim().split('\n');
        const line = (needle: string) => lines.find(l => l.includes(needle)) ?? `no line with ${needle}:\n${run.stdout}`;
        const powerLine = text.split('\n').findIndex(l => l.includes('power 200 W')) + 1;
        expect(line('Leaf.power')).toMatch(new RegExp(`assumed\\.fabric:${powerLine}:5 warning source/assumption Leaf\\.power 200 W rests on an assumption: "no published figure; ASICs of this class" \\(2 switches of F use it\\)$`));
        expect(line('Leaf.fit')).toMatch(/warning source\/assumption Leaf\.fit is not declared; Fabric assumes 0 FIT \(2 switches of F use it\)$/);
        expect(line('Bare.energy')).toMatch(/warning source\/assumption Bare\.energy is not declared; Fabric assumes 0 pJ\/bit \(16 links of F use it\)$/);
        expect(line('Bare.reach')).toMatch(/warning source\/unsourced Bare\.reach 2 m has no source; say where it comes from/);
        // the vendor-sourced figures are not listed
        expect(lines.filter(l => / Xpu\./.test(l))).toEqual([]);
        // the empty citation is a finding of its own, without --strict-sources too
        expect(line('source/empty-citation')).toMatch(/warning source\/empty-citation/);
        expect(fabric(['check', '--fast', file]).stdout).not.toMatch(/source\/(assumption|unsourced)/);
    });

    test('a figure of an imported part is reported where the design uses it, with the figure as related information', () => {
        const dir = tempFile('parts.fabric', SOURCED.replace('    tdp 700 W\n', '    tdp 700 W source "TDP class of its peers" assumption\n'));
        const main = dir.replace(/parts\.fabric$/, 'main.fabric');
        writeFileSync(main, 'import "./parts"\n' + FABRIC);
        const run = fabric(['check', '--strict-sources', '--fast', main, '--format', 'json']);
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout);
        const [finding] = report.files[0].diagnostics.filter((d: { code: string }) => d.code === 'source/assumption');
        expect(finding).toMatchObject({ file: main, line: 5, message: expect.stringMatching(/^Xpu\.tdp 700 W rests on an assumption: "TDP class of its peers" \(8 accelerators of F use it\)$/) });
        expect(finding.related[0]).toMatchObject({ file: dir, line: 4, message: 'Xpu.tdp is declared here' });
    });

    test('a catalog file (part types only) has every figure it declares checked', () => {
        const run = fabric(['check', '--strict-sources', '--fast', tempFile('parts.fabric', SOURCED + 'switch Quiet { radix 4 }\n')]);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/warning source\/unsourced Quiet\.radix 4 has no source.*\(declared in this catalog\)/);
        expect(run.stdout).not.toMatch(/ Leaf\./);
    });
});

describe('fabric simulate shows sources', () => {
    test('the totals say what each number rests on, and the assumed figures are listed with their reasoning', () => {
        const text = SOURCED.replace('    power 200 W\n', '    power 200 W source "no published figure; ASICs of this class" assumption\n') + FABRIC;
        const run = fabric(['simulate', tempFile('assumed.fabric', text)]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^power \(all\)\s+[\d.]+ kW\s+1 assumed$/m);
        expect(run.stdout).toMatch(/^bisection \(per direction\)\s+[\d.]+ [GT]B\/s\s+sourced$/m);
        expect(run.stdout).toMatch(/^figures of the parts in use: \d+ vendor, 0 secondary, 0 derived, 1 assumed, 0 without a source$/m);
        expect(run.stdout).toMatch(/^Leaf\.power\s+200 W\s+2\s+assumption: no published figure; ASICs of this class$/m);
        const json = fabricJson(['simulate', tempFile('assumed.fabric', text), '--json']);
        expect(json.provenance.counts.assumption).toBe(1);
        expect(json.provenance.headlines['totals.powerWatts'].assumptions.map((i: number) => json.provenance.figures[i].property)).toEqual(['power']);
    });
});
