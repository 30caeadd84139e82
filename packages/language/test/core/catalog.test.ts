import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CATALOG_DIR } from '../../src/index.js';
import { readCatalog, renderCatalogReadme } from '../../src/catalog/catalog-readme.js';
import { checkFiles, describe as show } from './fabric-test-files.js';

/** Issue 10, item 2: the catalog, versioned and documented; every figure with its source. */
describe('the parts catalog', () => {
    test('every catalog file parses and elaborates without a diagnostic', async () => {
        const files = await readCatalog();
        expect(files.map(f => f.name)).toEqual(['amd', 'ethernet', 'google', 'nvidia', 'ocs', 'optics', 'ualink']);
        for (const file of files) {
            const { diagnostics } = await checkFiles(`import "catalog/${file.name}"\n`);
            expect(diagnostics.map(show), file.name).toEqual([]);
        }
    });

    test('every figure of every part has a source; none rests on a default Fabric fills in', async () => {
        const files = await readCatalog();
        const figures = files.flatMap(f => f.parts.flatMap(p => p.figures.map(figure => ({ ...figure, file: f.name }))));
        expect(figures.length).toBeGreaterThan(200);
        expect(figures.filter(f => f.status === 'unsourced').map(f => `${f.file}: ${f.part}.${f.property}`)).toEqual([]);
        // a default is a figure nobody wrote down: the catalog declares every figure, except the propagation
        // delay, which follows from the medium (physics, cited by Fabric)
        expect(figures.filter(f => f.citation?.scope === 'default' && f.property !== 'medium').map(f => `${f.part}.${f.property}`)).toEqual([]);
        // every derivation shows its arithmetic
        expect(figures.filter(f => f.status === 'derivation' && !f.citation?.arithmetic).map(f => `${f.part}.${f.property}`)).toEqual([]);
    });

    test('the parts the issue names are there, with the figures their sources give', async () => {
        const parts = new Map((await readCatalog()).flatMap(f => f.parts.map(p => [p.name, p] as const)));
        const value = (part: string, property: string) => parts.get(part)?.figures.find(f => f.property === property)?.value;
        // NVLink 5: 18 links × 100 GB/s bidirectional = 1.8 TB/s per GPU, i.e. 400 Gb/s per direction per link (NVIDIA)
        expect([value('B200', 'ports'), value('B200', 'port-rate')]).toEqual([18, 400e9]);
        // UALink 1.0: x4 ports of 200 Gb/s lanes = 800 Gb/s; x1 = 200 Gb/s; pods of up to 1,024 (UALink Consortium)
        expect(value('UALinkXPU', 'port-rate')).toBe(800e9);
        expect(value('UALinkXPUx1', 'port-rate')).toBe(200e9);
        expect(value('UALinkCopper', 'lanes')).toBe(200e9);
        expect(value('UALinkPodSwitch', 'radix')).toBe(1024);
        expect(value('UALinkSwitch', 'latency')).toBe(250e-9);
        // TPU v4: 6 ICI links; Palomar 136 ports (Google)
        expect([value('TPUv4', 'ports'), value('Palomar', 'ports'), value('OCS300', 'ports')]).toEqual([6, 136, 300]);
        // 1.6T DSP ≈30 W per port (NVIDIA's comparison) vs CPO ≈9 W per 1.6T port
        expect(value('Pluggable1600G', 'energy')! * 1600e9).toBeCloseTo(30, 6);
        expect(value('CPO1600', 'energy')! * 1600e9).toBeCloseTo(9, 6);
        // VCSEL-CPO ≈0.75 pJ/bit (arXiv 2601.14342)
        expect(value('VcselUCIe', 'energy')).toBeCloseTo(0.75e-12, 18);
        // 800G DSP 17 W (NVIDIA MMS4X00-NM), 800G SR multimode 15 W (MMA4Z00-NS)
        expect(value('Pluggable800G', 'energy')! * 800e9).toBeCloseTo(17, 6);
        expect(value('VcselSR800G', 'energy')! * 800e9).toBeCloseTo(15, 6);
        // Llama 3, Table 5: 148 faulty-GPU interruptions and 268 over every GPU category, 16,384 GPUs, 54 days
        expect(value('B200', 'fit')).toBeCloseTo(148 / (16384 * 54 * 24) * 1e9, -2);
        expect(value('H100', 'fit')).toBeCloseTo(268 / (16384 * 54 * 24) * 1e9, -1);
        for (const name of ['CopperDAC', 'CopperAEC', 'Pluggable800G', 'Pluggable1600G', 'LPO800G', 'NPO1600', 'CPO1600', 'VcselUCIe', 'VcselSR800G',
            'OCSFiber400G', 'ELSFP', 'NVLinkSwitch', 'UALinkSwitch', 'Tomahawk5Class', 'Tomahawk6Class', 'TomahawkUltraClass', 'Palomar', 'OCS300',
            'B200', 'MI300X', 'TPUv4', 'UALinkXPU']) {
            expect(parts.has(name), name).toBe(true);
        }
    });

    test('the README lists every part with its figures and sources, as the catalog files have them', async () => {
        const path = join(CATALOG_DIR.fsPath, 'README.md');
        const readme = readFileSync(path, 'utf8');
        expect(renderCatalogReadme(readme, await readCatalog()), 'the catalog README is stale: run npm run catalog:readme').toBe(readme);
        expect(readme).toMatch(/^\*\*Version 2\*\*/m);
        for (const file of await readCatalog()) for (const part of file.parts) expect(readme).toContain(`#### ${part.name} · `);
    });
});
