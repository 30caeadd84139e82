// Impossible models come back as typed problems that name the element, never as exceptions, NaN or
// Infinity.
import { describe, expect, it } from 'vitest';
import { analyzeFabric } from '../src/analysis/analyze.js';
import type { Analysis } from '../src/analysis/analysis.js';
import { analysisToJson } from '../src/report/analysis-json.js';
import { formatAnalysisText } from '../src/report/analysis-text.js';
import { GiB, leafSpineFabric, singleTierFabric } from '../src/generate/fabric-generators.js';
import type { FabricModel } from '../src/model/fabric-model.js';

/** Every number anywhere in the value is finite. */
function nonFinite(value: unknown, path = '$'): string[] {
    if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
    if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
    return [];
}

function analyzeAll(model: FabricModel): Analysis {
    const analysis = analyzeFabric(model, { singleFailures: ['switch', 'link', 'laser'] });
    expect(nonFinite(analysis)).toEqual([]);
    expect(() => JSON.stringify(analysisToJson(analysis))).not.toThrow();
    expect(formatAnalysisText(analysis)).not.toMatch(/NaN|Infinity/);
    return analysis;
}

const base = () => singleTierFabric({ accelerators: 4, switches: 2, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB }] });

describe('bad links', () => {
    it('a zero-bandwidth link is a problem naming it, and carries nothing', () => {
        const model = base();
        const broken = { ...model, links: model.links.map(l => (l.id === 0 ? { ...l, lanes: 0 } : l)) };
        const analysis = analyzeAll(broken);
        const p = analysis.problems.find(x => x.code === 'link/zero-bandwidth')!;
        expect(p.element).toEqual({ kind: 'link', id: 0, path: 'rack.gpu[0] ↔ rack.sw[0]' });
        expect(p.severity).toBe('error');
        expect(p.source).toEqual(model.links[0].source);
        expect(analysis.phases[0].timeSeconds).toBeGreaterThan(0);
    });

    it('a negative or NaN length is a problem and counts as 0 m', () => {
        const model = base();
        const broken = { ...model, links: model.links.map(l => (l.id === 1 ? { ...l, lengthMeters: -3 } : l.id === 2 ? { ...l, lengthMeters: Number.NaN } : l)) };
        const analysis = analyzeAll(broken);
        expect(analysis.problems.filter(x => x.code === 'link/negative-length').map(x => x.element.id)).toEqual([1, 2]);
        expect(analysis.links[1].lengthMeters).toBe(0);
    });

    it('a link to a node that does not exist, or to unknown optics, is named', () => {
        const model = base();
        const broken = {
            ...model, links: [...model.links,
                { ...model.links[0], id: model.links.length, b: 999 },
                { ...model.links[1], id: model.links.length + 1, optics: 'nonesuch' }]
        };
        const analysis = analyzeAll(broken);
        expect(analysis.problems.some(x => x.code === 'model/dangling-endpoint' && x.element.id === model.links.length)).toBe(true);
        expect(analysis.problems.some(x => x.code === 'model/unknown-type' && x.message.includes("'nonesuch'"))).toBe(true);
    });

    it('a link longer than its optics reach is flagged with both lengths', () => {
        const model = base();
        const long = { ...model, links: model.links.map(l => (l.id === 0 ? { ...l, lengthMeters: 7 } : l)) };
        const p = analyzeAll(long).problems.find(x => x.code === 'reach/exceeded')!;
        expect(p.message).toContain('7 m');
        expect(p.message).toContain('2 m');
    });
});

describe('bad phases', () => {
    it('participants with no path between them: workload/no-path names the phase and both ends', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 2, leavesPerRack: 1, spines: 1 });
        const cut = { ...model, links: model.links.filter(l => model.nodes[l.b].path !== 'spine.sw[0]' || model.nodes[l.a].path.startsWith('rack[0]')) };
        const analysis = analyzeAll(cut);
        const p = analysis.problems.find(x => x.code === 'workload/no-path')!;
        expect(p.element.kind).toBe('phase');
        expect(p.element.path).toBe('train.grads');
        expect(p.message).toMatch(/rack\[\d\]\.gpu\[\d\] to rack\[\d\]\.gpu\[\d\]/);
        expect(analysis.phases[0].timeSeconds).toBeNull();
        expect(analysis.phases[0].failure).toContain('no path');
    });

    it('zero bytes, too few participants, a switch as participant and an unknown configuration are problems', () => {
        const model = base();
        const [gpu0, gpu1] = model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
        const sw = model.nodes.find(n => n.kind === 'switch')!.id;
        const phase = model.workloads[0].phases[0];
        const broken: FabricModel = {
            ...model, workloads: [{
                ...model.workloads[0], phases: [
                    { ...phase, name: 'zero', bytes: 0 },
                    { ...phase, name: 'alone', participants: [gpu0] },
                    { ...phase, name: 'switchy', participants: [gpu0, gpu1, sw] },
                    { ...phase, name: 'nowhere', configuration: 'nonesuch' },
                    { ...phase, name: 'inf', bytes: Number.POSITIVE_INFINITY }
                ]
            }]
        };
        const analysis = analyzeAll(broken);
        const codes = (name: string) => analysis.problems.filter(p => p.element.path === `train.${name}`).map(p => p.code);
        expect(codes('zero')).toEqual(['model/invalid-number']);
        expect(codes('alone')).toEqual(['workload/empty-phase']);
        expect(codes('switchy')).toEqual(['workload/not-an-accelerator']);
        expect(codes('nowhere')).toEqual(['workload/unknown-configuration']);
        expect(codes('inf')).toEqual(['model/invalid-number']);
        expect(analysis.phases.find(p => p.name === 'switchy')!.participants).toBe(2);
        expect(analysis.phases.find(p => p.name === 'nowhere')!.timeSeconds).toBeGreaterThan(0);
    });

    it('a fixed algorithm that does not apply falls back and says why', () => {
        const model = singleTierFabric({ accelerators: 6, switches: 2, phases: [{ name: 'ar', collective: 'all-reduce', bytes: GiB, algorithm: 'multi-dimensional' }] });
        const analysis = analyzeAll(model);
        const p = analysis.problems.find(x => x.code === 'workload/algorithm-not-applicable')!;
        expect(p.message).toContain('not joined by torus or mesh links');
        expect(analysis.phases[0].algorithm).toBe(analysis.phases[0].alternatives[0].algorithm);
    });
});

describe('bad parts', () => {
    it('unknown node types and an empty model analyse without throwing', () => {
        const model = base();
        const unknown = { ...model, nodes: model.nodes.map(n => (n.kind === 'switch' ? { ...n, type: 'ghost' } : n)) };
        const analysis = analyzeAll(unknown);
        expect(analysis.problems.filter(p => p.code === 'model/unknown-type' && p.element.kind === 'node')).toHaveLength(2);
        const empty: FabricModel = { ...model, nodes: [], links: [], groups: [model.groups[0]], workloads: [], failureDomains: [] };
        const nothing = analyzeAll(empty);
        expect(nothing.totals.accelerators).toBe(0);
        expect(nothing.totals.bisectionBytesPerSecond).toBe(0);
    });

    it('failure domains naming parts that do not exist are ignored, not fatal', () => {
        const model = base();
        const odd = { ...model, failureDomains: [{ ...model.failureDomains[0], nodeIds: [12345], linkIds: [-1], laserSourceIds: [7] }] };
        const analysis = analyzeAll(odd);
        expect(analysis.failureDomains[0].cutOffAccelerators).toEqual([]);
        expect(analysis.failureDomains[0].phases[0].slowdown).toBe(1);
    });
});
