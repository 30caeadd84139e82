import { analyzeFabric, formatQuantity } from '@fabric/simulator';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FabricServices } from '../../src/index.js';
import { buildText, createTestServices, testPath } from './fabric-test-services.js';

/** Issue 10, item 1: hovers show where a figure comes from and mark the numbers that rest on an assumption. */
const TEXT = `accelerator Xpu {
    source "Acme XPU datasheet rev 3" vendor
    ports 2
    tdp 700 W
    fit 2000 source "Llama 3 report, Table 5" derivation "148 / 21.2 M GPU-h × 1e9"
    repair 2 h source "one tray swap" assumption
}
switch Leaf {
    source "Acme switch brief" vendor
    radix 8
    latency 250 ns
    power 200 W
    fit 500
    repair 30 min
}
link Sure {
    source "IEEE 802.3ck and the cable vendor's sheet" vendor
    kind dac
    lanes 2 x 200 Gbps per-direction
    energy 1.5 pJ/bit
    power-per-end 0 W
    reach 2 m
    latency 20 ns
    fit 5
    repair 30 min
}
link Guess extends Sure {
    energy 4 pJ/bit source "no published figure for 224G SerDes; 112G is ≈5 pJ/bit" assumption
}

fabric F {
    rack R {
        budget power 10 kW source "two 5 kW shelves, N+N" derivation "2 × 5 kW"
        tray node[0..3] { accelerator xpu[0..1] : Xpu }
        tray leaf { switch sw[0..1] : Leaf }
        connect node[0..1].xpu[*] to leaf.sw[*] all-to-all via Sure length 1 m
        connect node[2..3].xpu[*] to leaf.sw[*] all-to-all via Guess length 1 m
    }
    workload train {
        phase grads all-reduce 256 MiB over R.node[*].xpu[*]
    }
}
`;

let services: FabricServices;
beforeAll(async () => { services = await createTestServices(); });

async function hoverAt(marker: string, delta = 1): Promise<string> {
    const document = await buildText(services, testPath('lsp/provenance-hovers.fabric'), TEXT);
    const position = document.textDocument.positionAt(TEXT.indexOf(marker) + delta);
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.textDocument.uri }, position });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

describe('hovers show sources', () => {
    test("a figure: its own source, or its part's default; an assumption says so", async () => {
        expect(await hoverAt('700 W')).toContain("**source of Xpu.tdp:** vendor (part default) · Acme XPU datasheet rev 3");
        expect(await hoverAt('2000 source')).toContain('**source of Xpu.fit:** derivation · Llama 3 report, Table 5 · 148 / 21.2 M GPU-h × 1e9');
        const assumed = await hoverAt('4 pJ/bit', 0);
        expect(assumed).toContain('**source of Guess.energy:** **assumption** · no published figure');
        expect(assumed).toContain('**This figure is an assumption**');
        // the quantity's normalized forms are still there
        expect(assumed).toContain('energyPerBit (model)');
        // on the source clause itself
        expect(await hoverAt('"one tray swap"')).toContain('**source of Xpu.repair:** **assumption** · one tray swap');
    });

    test("a budget's source", async () => {
        expect(await hoverAt('10 kW source')).toContain('**source:** derivation · two 5 kW shelves, N+N · 2 × 5 kW');
    });

    test('a part type: a source column, assumed figures marked', async () => {
        const hover = await hoverAt('link Guess', 'link '.length + 1);
        expect(hover).toContain('| energy | 4 pJ/bit (assumed) | **assumption** · no published figure for 224G SerDes; 112G is ≈5 pJ/bit |  |');
        expect(hover).toContain('| reach | 2 m | vendor (part default) · IEEE 802.3ck and the cable vendor\'s sheet | from Sure |');
        expect(hover).toMatch(/one link at full load: [\d.]+ W \(assumed\)/);
    });
});

describe('numbers resting on an assumption are marked', () => {
    test("a connection over assumed optics: its power is marked and the note names the figure; the other connection's is not", async () => {
        const guess = await hoverAt('connect node[2..3]');
        expect(guess).toMatch(/\| \*\*power at full load\*\* \| \*\*[\d.]+ W\*\* \(assumed\) \|/);
        expect(guess).toContain('Guess.energy 4 pJ/bit (assumption: no published figure');
        const sure = await hoverAt('connect node[0..1]');
        expect(sure).toMatch(/\| \*\*power at full load\*\* \| \*\*[\d.]+ W\*\* \|/);
        expect(sure).not.toContain('(assumed)');
    });

    test('the fabric: total power rests on the assumed energy; bisection on sourced lane rates only', async () => {
        const document = await buildText(services, testPath('lsp/provenance-hovers.fabric'), TEXT);
        const analysis = analyzeFabric(services.elaboration.FabricElaboration.of(document).models[0]);
        const hover = await hoverAt('fabric F', 'fabric '.length);
        expect(hover).toContain(`| **power (all)** | **${formatQuantity(analysis.totals.powerWatts, 'power')}** (assumed) |`);
        expect(hover).toContain(`| bisection (per direction) | ${formatQuantity(analysis.totals.bisectionBytesPerSecond, 'byteRate')} |`);
        // the repair time is an assumption: failures per day rest on it
        expect(hover).toMatch(/\| failures per day \| [\d.e-]+ \(assumed\) \|/);
        expect(hover).toContain('figures of the parts in use: ');
    });

    test('an accelerator: its power rests on its links too', async () => {
        expect(await hoverAt('xpu[0..1] : Xpu')).toMatch(/\| \*\*power\*\* \| \*\*[\d.]+ W( – [\d.]+ W)?\*\* \(assumed\) \|/);
    });
});
