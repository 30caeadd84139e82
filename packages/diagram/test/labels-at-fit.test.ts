import { readdirSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { buildDisplayList, fitCamera, labelAt, layoutWithEngine, LIGHT_PALETTE, viewScene, type ElkEngine } from '../src/index.js';
import { example, exampleModels, ROOT } from './example-models.js';
import { namedAtFit } from './named-at-fit.js';

/**
 * Labels by level of detail: a label is drawn once its element is large enough on screen to hold it
 * legibly (7 px of font or more; a frame's name grows, zoomed out, over its frame). At the zoom that fits the whole default view into the webview's
 * canvas (the browser harness's: 1280 × 800 less the side panel), every example names its top-level
 * elements and every collapsed box; the 576-accelerator pod also its 72 spine switches.
 */
const { modelOf } = exampleModels('scratch-labels-test');
const elk = new (ELK as unknown as new () => ElkEngine)();
const CANVAS = { width: 880, height: 768 };
const EXAMPLES = readdirSync(`${ROOT}examples`).filter(f => f.endsWith('.fabric')).map(f => f.replace(/\.fabric$/, '')).sort();

describe('labels at the fit zoom', () => {
    test.each(EXAMPLES)('%s: the top-level elements and every collapsed box are labelled at fit', async name => {
        const model = await modelOf(example(name));
        const scene = viewScene(model, null, { collapseThreshold: 64 });
        const layout = await layoutWithEngine(scene, elk);
        const { zoom } = fitCamera(layout, CANVAS.width, CANVAS.height);
        const list = buildDisplayList(scene, layout, LIGHT_PALETTE, { colourBy: 'kind' });
        const shown = new Set(list.labels.filter(l => labelAt(l, zoom)).map(l => l.text));
        const named = namedAtFit(scene, shown);
        expect(named.length).toBeGreaterThan(0);
        for (const b of named) expect(shown, `${b.key} at zoom ${zoom.toFixed(3)}`).toContain(b.label);
        // Readable on screen: 7 px or more of font.
        for (const l of list.labels) { const at = labelAt(l, zoom); if (at) expect(at.size * zoom).toBeGreaterThanOrEqual(7 - 1e-6); }
    }, 120_000);

    test('the 576-accelerator pod at fit (≈0.75) names its spine switches: a short name fits its box at a larger size', async () => {
        const model = await modelOf(example('pod576-cpo'));
        const scene = viewScene(model, null, { collapseThreshold: 64 });
        const layout = await layoutWithEngine(scene, elk);
        const { zoom } = fitCamera(layout, CANVAS.width, CANVAS.height);
        expect(zoom).toBeLessThan(0.78); // where a 9-unit label would start
        const list = buildDisplayList(scene, layout, LIGHT_PALETTE, { colourBy: 'kind' });
        const nodes = scene.boxes.filter(b => !b.group);
        expect(nodes.length).toBe(72);
        const drawn = list.labels.filter(l => labelAt(l, zoom));
        for (const b of nodes) expect(drawn.some(l => l.text === b.label), b.key).toBe(true);
        // Each fits its box: the estimated text width within the box's.
        const i = scene.boxes.indexOf(nodes[0]);
        const label = list.labels.find(l => l.text === nodes[0].label && Math.abs(l.x - (layout.x[i] + layout.w[i] / 2)) < 1e-9)!;
        expect(label.text.length * label.size * 0.56).toBeLessThanOrEqual(layout.w[i]);
        expect(label.size).toBeLessThanOrEqual(layout.h[i]);
    });
});
