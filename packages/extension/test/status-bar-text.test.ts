import { describe, expect, test } from 'vitest';
import type { DocumentSummary, FabricSummary } from '@fabric/language/lsp/status-summary-protocol';
import { statusBarView } from '../src/status-bar-text.js';

const rack: FabricSummary = {
    name: 'NVL72', powerWatts: 89_907.84,
    budget: { path: 'R', powerWatts: 89_907.84, budgetWatts: 132_000, overBudget: false, of: 1 },
    slowestPhase: { phase: 'train.grads', timeSeconds: 0.0047724 }
};
const summary = (...fabrics: FabricSummary[]): DocumentSummary => ({ uri: 'file:///x.fabric', version: 1, fabrics });

describe('status-bar text', () => {
    test("a rack's power against its budget and the slowest phase", () => {
        const view = statusBarView(summary(rack))!;
        expect(view.text).toBe('$(pulse) NVL72: R 89.9 kW / 132 kW · slowest train.grads 4.77 ms');
        expect(view.warning).toBe(false);
        expect(view.tooltip).toContain('R: 89.9 kW of its 132 kW budget');
        expect(view.tooltip).toContain('Click to open the diagram');
    });

    test('over budget is a warning and says so', () => {
        const view = statusBarView(summary({ ...rack, budget: { ...rack.budget!, budgetWatts: 50_000, overBudget: true } }))!;
        expect(view.text).toBe('$(warning) NVL72: R 89.9 kW / 50 kW over · slowest train.grads 4.77 ms');
        expect(view.warning).toBe(true);
        expect(view.tooltip).toContain('over budget');
    });

    test("the fabric's own budget has no path; of several budgeted racks the tooltip names the count", () => {
        expect(statusBarView(summary({ ...rack, budget: { ...rack.budget!, path: '' } }))!.text).toBe('$(pulse) NVL72: 89.9 kW / 132 kW · slowest train.grads 4.77 ms');
        expect(statusBarView(summary({ ...rack, budget: { ...rack.budget!, path: 'rack[3]', of: 8 } }))!.tooltip).toContain('rack[3] (the fullest of 8 budgeted groups)');
    });

    test('no budget shows the power alone; no phase shows no phase; a phase that cannot run is a warning', () => {
        expect(statusBarView(summary({ ...rack, budget: null, slowestPhase: null }))!.text).toBe('$(pulse) NVL72: 89.9 kW');
        const stuck = statusBarView(summary({ ...rack, slowestPhase: { phase: 'train.kv', timeSeconds: null } }))!;
        expect(stuck.text).toBe('$(warning) NVL72: R 89.9 kW / 132 kW · train.kv cannot run');
        expect(stuck.warning).toBe(true);
    });

    test('several fabrics: the first, with a count of the others; none hides the item', () => {
        expect(statusBarView(summary(rack, { ...rack, name: 'B' }))!.text).toMatch(/\(\+1 more\)$/);
        expect(statusBarView(summary())).toBeUndefined();
    });
});
