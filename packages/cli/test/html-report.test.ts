// fabric export --format html: the report opened in Chromium (Debian's, driven by playwright-core),
// checked as a reader would see it — headline, power chart, tables with units — offline, with a
// screenshot kept in artifacts/screenshots/report/ (git-ignored).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { formatNumber, formatQuantity, sourcesCell, standingLine } from '@fabric/simulator';
import { fabric, fabricJson, root } from './run-fabric.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = join(root, 'artifacts/screenshots/report');

let context: BrowserContext;
let page: Page;
const requested: string[] = [];
let html: string;
let analysis: any;

beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fabric-report-')), 'pod576-cpo.html');
    const run = fabric(['export', 'examples/pod576-cpo.fabric', '--format', 'html', '-o', out]);
    expect(run.code).toBe(0);
    html = readFileSync(out, 'utf8');
    analysis = fabricJson(['simulate', 'examples/pod576-cpo.fabric', '--json']);
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fabric-chromium-')), {
        executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 }, offline: true
    });
    page = await context.newPage();
    page.on('request', r => requested.push(r.url()));
    await page.goto(pathToFileURL(out).href);
}, 120_000);

afterAll(async () => {
    await context?.close();
});

/** What a number rests on, as the report marks it: `assumed` when a figure it is made of is an assumption, else `unsourced`, else nothing. */
const mark = (headline: string) => {
    const d = analysis.provenance.headlines[headline];
    return d.assumptions.length > 0 ? ' assumed' : d.unsourced.length > 0 ? ' unsourced' : '';
};

const cells = (table: string, row: number) => page.locator(`table[data-table="${table}"] tbody tr`).nth(row).locator('th, td').allInnerTexts();

describe('the HTML report in Chromium', () => {
    test('is one self-contained file: nothing but the page itself is loaded', () => {
        expect(requested).toHaveLength(1);
        expect(requested[0]).toMatch(/^file:.*pod576-cpo\.html$/);
        expect(html).not.toMatch(/<script|<link |src="http|href="http/);
    });

    test('headline cards carry the analysis figures with their units', async () => {
        await expect(page.title()).resolves.toBe('Fabric report: Pod576');
        const cards = await page.locator('#headline .card').allInnerTexts();
        const card = (name: string) => cards.find(c => c.startsWith(name + '\n'))?.split('\n')[1];
        expect(card('power (all)')).toBe(formatQuantity(analysis.totals.powerWatts, 'power') + mark('totals.powerWatts'));
        expect(card('bisection (per direction)')).toBe(formatQuantity(analysis.totals.bisectionBytesPerSecond, 'byteRate') + mark('totals.bisectionBytesPerSecond'));
        expect(card('worst blast radius')).toBe('576 accelerators' + mark('failureDomains.blastRadius'));
        expect(card('train iteration (with OCS reconfiguration)')).toBe(formatQuantity(analysis.ocs.iterations[0].iterationSeconds, 'time') + mark('ocs.iterationSeconds'));
    });

    test('the power breakdown charts: every consumer, then the network alone with its links by optics type', async () => {
        const all = page.locator('#power svg[data-chart="all"] g.bar');
        await expect(all.count()).resolves.toBe(5);
        const labels = await page.locator('#power svg[data-chart="all"] g.bar text:last-child').allTextContents();
        const share = (w: number) => `${formatQuantity(w, 'power')} (${formatNumber(w / analysis.totals.powerWatts * 100)} %)`;
        expect(labels[0]).toBe(share(analysis.totals.breakdown.acceleratorsWatts));
        expect(labels[4]).toBe(share(analysis.totals.breakdown.lasersWatts));
        const widths = await page.locator('#power svg[data-chart="all"] g.bar rect').evaluateAll(rects => rects.map(r => (r as SVGRectElement).getBBox().width));
        expect(widths[0]).toBeCloseTo(420, 0);
        // bars scale with watts: links (10,368 CPO links × 4.5 W) against switches (216 × 400 W)
        const b = analysis.totals.breakdown;
        expect(widths[3] / widths[1]).toBeCloseTo(b.linksWatts / b.switchesWatts, 2);
        const network = await page.locator('#power svg[data-chart="network"] g.bar').evaluateAll(gs => gs.map(g => g.getAttribute('data-part')));
        // passive NVLink copper adds no watts beyond the chips (catalog 2), so it has no bar
        expect(network).toEqual(['links: CPO1600 (cpo, 10368)', 'switches', 'laser sources']);
        // the network bars add up to the network total
        const watts = await page.locator('#power svg[data-chart="network"] g.bar text:last-child').allTextContents();
        const kw = watts.map(w => Number(/^([\d.]+) kW/.exec(w)![1]));
        expect(kw.reduce((a, b) => a + b, 0)).toBeCloseTo(analysis.totals.networkPowerWatts / 1000, 0);
        expect(kw[1]).toBe(Number((analysis.totals.breakdown.switchesWatts / 1000).toPrecision(3)));
    });

    test('the phase table shows every phase with its time, bandwidths and energy in units', async () => {
        await expect(page.locator('table[data-table="phases"] tbody tr').count()).resolves.toBe(2);
        const grads = await cells('phases', 0);
        const p = analysis.phases[0];
        expect(grads.slice(0, 6)).toEqual(['train.grads', 'all-reduce', '576', '4 GiB', p.algorithm, formatQuantity(p.timeSeconds, 'time')]);
        expect(grads[7]).toBe(formatQuantity(p.busbwBytesPerSecond, 'byteRate'));
        expect(grads[8]).toBe(formatQuantity(p.energyJoules, 'energy'));
    });

    test('every figure of the totals table has a unit, and says what it rests on', async () => {
        const values = await page.locator('table[data-table="totals"] tbody td:nth-child(2)').allInnerTexts();
        expect(values.length).toBeGreaterThan(10);
        for (const v of values) expect(v).toMatch(/^-?[\d.e+-]+ (W|kW|MW|pJ\/bit|B\/s|GB\/s|TB\/s|PB\/s|ns|µs|ms|s|hops)$/);
        const power = await cells('totals', 0);
        expect(power).toEqual(['power (all, full load)', formatQuantity(analysis.totals.powerWatts, 'power'), sourcesCell(analysis.provenance.headlines['totals.powerWatts'])]);
    });

    test('the sources table lists every figure of the parts in use with its standing and citation; assumed ones stand out', async () => {
        const figures = analysis.provenance.figures;
        await expect(page.locator('table[data-table="sources"] tbody tr').count()).resolves.toBe(figures.length);
        expect(await page.locator('#sources p').first().innerText()).toBe(standingLine(analysis.provenance));
        const i = figures.findIndex((f: any) => f.status === 'assumption');
        expect(i).toBeGreaterThanOrEqual(0);
        const row = await cells('sources', i);
        expect(row[0]).toBe(`${figures[i].part}.${figures[i].property}`);
        expect(row[3]).toBe('assumption');
        expect(row[4]).toContain(figures[i].citation.text);
        await expect(page.locator('table[data-table="sources"] tbody tr').nth(i).getAttribute('class')).resolves.toBe('status-assumption');
    });

    test('the failure table lists the domains, largest blast radius first, alike rows folded', async () => {
        const header = await page.locator('table[data-table="failures"] thead th').allInnerTexts();
        expect(header.slice(0, 8)).toEqual(['failure', 'kind', 'blast radius', 'cut off', 'partitions', 'bandwidth lost', 'failures/day', 'repair']);
        const first = await cells('failures', 0);
        expect(first[0]).toBe('rack_power[0] + 7 alike');
        expect(first[2]).toBe('576');
        const rows = await page.locator('table[data-table="failures"] tbody tr').count();
        const radii = await Promise.all(Array.from({ length: rows }, async (_, i) => Number((await cells('failures', i))[2])));
        expect(radii).toEqual([...radii].sort((a, b) => b - a));
        expect(await page.locator('#failures .note').innerText()).toContain(`Whole fabric: ${formatNumber(analysis.reliability.failuresPerDay)} failures per day`);
    });

    test('the diagram is the diagram package\'s SVG of the editor\'s first picture, every rack named and readable', async () => {
        const svg = fabric(['export', 'examples/pod576-cpo.fabric', '--format', 'svg']);
        expect(svg.code).toBe(0);
        // the very drawing `export --format svg` writes, inline
        expect(html).toContain(svg.stdout.trim());
        const drawing = page.locator('#diagram svg');
        await expect(drawing.locator('title').textContent()).resolves.toBe('Pod576');
        const box = (await drawing.boundingBox())!;
        expect(box.width).toBeGreaterThan(600);
        for (const name of ['spine', ...Array.from({ length: 8 }, (_, r) => `rack[${r}]`)]) {
            const label = drawing.locator('text', { hasText: new RegExp(`^${name.replace(/[[\]]/g, '\\$&')}$`) });
            await expect(label.count()).resolves.toBe(1);
            const at = (await label.boundingBox())!;
            // on screen inside the drawing, at least 8 px tall
            expect(at.height).toBeGreaterThanOrEqual(8);
            expect(at.x).toBeGreaterThanOrEqual(box.x);
            expect(at.x + at.width).toBeLessThanOrEqual(box.x + box.width + 1);
        }
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.locator('#diagram').screenshot({ path: join(SCREENSHOTS, 'pod576-cpo-diagram.png') });
    });

    test('screenshot of the whole report', async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const shot = await page.screenshot({ path: join(SCREENSHOTS, 'pod576-cpo.png'), fullPage: true });
        expect(shot.length).toBeGreaterThan(50_000);
        // the first screen, as the README shows it (docs/images/report-pod576-cpo.png is a copy)
        await page.screenshot({ path: join(SCREENSHOTS, 'pod576-cpo-first-screen.png') });
    });
});
