// Lower bounds (collectives/lower-bounds.ts): on a large fabric a candidate algorithm whose bound
// exceeds an exactly priced one is reported with its bound instead of routed. A bound must never
// exceed what routing gives (or a faster algorithm could be dropped), and it must be tight enough to
// drop the hopeless ones: halving-doubling's far exchanges on a long ring of meshes took a second to
// route per phase estimate when only the volume bound priced them.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { evaluateCollective, participantQuotient } from '../src/collectives/collectives.js';
import { boundContext, patternBound, patternCutBound } from '../src/collectives/lower-bounds.js';
import { estimatePhase } from '../src/collectives/phase-estimates.js';
import { dgx1Fabric, fullyConnectedFabric } from '../src/generate/direct-fabrics.js';
import { leafSpineFabric, ocsPodFabric, ringFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { applyFailure } from '../src/failures/failures.js';
import { congestion, routePatterns, type TrafficPattern } from '../src/routing/routing.js';
import { buildQuotientGraph } from '../src/symmetry/quotient-graph.js';
import { refineTwinClasses } from '../src/symmetry/twin-classes.js';
import type { FabricModel } from '../src/model/fabric-model.js';

function accelerators(model: FabricModel): number[] {
    return model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
}

describe('the cut bound', () => {
    it('two racks of 4 under one spine, one uplink per leaf: the cross-rack exchange is 4 units over one uplink, as routed', () => {
        // gpu[i] of rack 0 sends one unit to gpu[i] of rack 1. Every path climbs rack 0's leaf, its one
        // uplink to the spine and down rack 1's uplink, so the spine → rack-1 leaf arc carries all 4
        // units: 4 / C_up seconds per byte (one lane up, two on each access link). The landmark (rack 0's gpu[0]) puts rack 0's accelerators,
        // its leaf and the spine within 2 hops and rack 1's leaf at 3: that cut is the one uplink.
        // The volume bound spreads the same 4 × 4 unit-hops over all 20 arcs (16 access arcs of C_acc,
        // 4 uplink arcs of C_up), well below; the busiest sender pushes 1 unit through its one access link.
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 1, spines: 1, uplinkLanes: 1, phases: [] });
        const net = prepareFabric(model).network(null);
        const ranks = accelerators(model);
        const pattern: TrafficPattern = { kind: 'flows', src: Int32Array.from(ranks.slice(0, 4)), dst: Int32Array.from(ranks.slice(4)) };
        const uplink = model.links.findIndex(l => model.nodes[l.a].kind === 'switch' && model.nodes[l.b].kind === 'switch');
        const access = model.links.findIndex(l => model.nodes[l.a].kind === 'accelerator' || model.nodes[l.b].kind === 'accelerator');
        const cUp = net.graph.memberCapacity[uplink], cAcc = net.graph.memberCapacity[access];
        expect(cUp).toBeLessThan(cAcc);
        const context = boundContext(net, ranks, false);
        const bound = patternCutBound(context, pattern);
        expect(bound / (4 / cUp)).toBeCloseTo(1, 12);
        // The cheap bounds: 1 unit through a sender's access link, 16 unit-hops over all arcs.
        expect(patternBound(context, pattern) / Math.max(1 / cAcc, 16 / (16 * cAcc + 4 * cUp))).toBeCloseTo(1, 12);
        expect(patternBound(context, pattern)).toBeLessThan(bound / 2);
        const q = participantQuotient(net, ranks);
        const routed = congestion(q, routePatterns(q, [pattern])[0]).secondsPerByte;
        expect(routed / bound).toBeCloseTo(1, 12);
    });

    it('all-to-all across the same uplink: 4 × 4 ordered pairs cross it each way, 16 / C_up', () => {
        const model = leafSpineFabric({ racks: 2, acceleratorsPerRack: 4, leavesPerRack: 1, spines: 1, uplinkLanes: 1, phases: [] });
        const net = prepareFabric(model).network(null);
        const ranks = accelerators(model);
        const uplink = model.links.findIndex(l => model.nodes[l.a].kind === 'switch' && model.nodes[l.b].kind === 'switch');
        const bound = patternCutBound(boundContext(net, ranks, false), { kind: 'uniform', participants: ranks });
        expect(bound / (16 / net.graph.memberCapacity[uplink])).toBeCloseTo(1, 12);
    });
});

/** Every pattern of every candidate of every phase, bounded and routed on the phase's network (failed too). */
function expectBoundsHold(model: FabricModel, deadLink?: number): number {
    const context = prepareFabric(model);
    let checked = 0;
    for (const entry of context.phases) {
        const request = context.request(entry);
        if (!request?.schedules) continue;
        let net = context.network(entry.configuration);
        let q = participantQuotient(net, request.ranks);
        if (deadLink !== undefined) {
            const { state, affected } = applyFailure(net.graph, net.state, { name: 'x', kind: 'link', origin: null, nodeIds: [], linkIds: [deadLink], laserSourceIds: [], derated: [], absorbedBySpare: false, rates: [] }, new Map());
            q = buildQuotientGraph(net.graph, state, refineTwinClasses(net.graph, state, net.classes, affected));
            net = { ...net, state };
        }
        for (const payload of [false, true]) {
            const bounds = boundContext(net, request.ranks, payload);
            for (const pattern of request.schedules.patterns) {
                const load = routePatterns(q, [pattern])[0];
                if (load.unreachable > 0) continue;
                const routed = congestion(q, load, payload).secondsPerByte;
                expect(patternBound(bounds, pattern)).toBeLessThanOrEqual(routed * (1 + 1e-9));
                expect(patternCutBound(bounds, pattern)).toBeLessThanOrEqual(routed * (1 + 1e-9));
                checked++;
            }
        }
    }
    return checked;
}

describe('bounds never exceed the routed cost', () => {
    it.each([
        ['a ring of 12', () => ringFabric({ accelerators: 12 })],
        ['a 6×4×4 torus', () => torusFabric({ dims: [6, 4, 4] })],
        ['a leaf-spine fabric, 2 planes', () => leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 })],
        ['an oversubscribed leaf-spine fabric', () => leafSpineFabric({ racks: 3, acceleratorsPerRack: 6, leavesPerRack: 1, spines: 2, uplinkLanes: 1 })],
        ['an OCS pod of 8 cubes of 8 chips', () => ocsPodFabric({ cubes: 8, side: 2, ocs: 4 })],
        ['16 fully connected accelerators', () => fullyConnectedFabric({ accelerators: 16 })],
        ['a DGX-1-style hybrid cube-mesh', () => dgx1Fabric()]
    ])('%s: every pattern of every candidate, ideal and with payload efficiency', (_, build) => {
        expect(expectBoundsHold(build())).toBeGreaterThan(4);
    });

    it('with a link down (a torus that is no longer symmetric)', () => {
        expect(expectBoundsHold(torusFabric({ dims: [5, 4] }), 3)).toBeGreaterThan(4);
    });
});

describe('pruning with the cut bound', () => {
    it('a ring of 64 cubes (256×4×4, x closed): halving-doubling is bounded above multi-dimensional and not routed; routed, it is no faster than its bound', () => {
        const model = ocsPodFabric({ cubes: 64, side: 4, ocs: 48 });
        const context = prepareFabric(model);
        const estimate = estimatePhase(context, 'grads')!;
        expect(estimate.result.algorithm).toBe('multi-dimensional');
        const chosen = estimate.result.timeSeconds!;
        const halving = estimate.result.boundedAlternatives.find(b => b.algorithm === 'halving-doubling');
        expect(halving).toBeDefined();
        expect(halving!.atLeastSeconds).toBeGreaterThan(chosen);
        expect(estimate.result.alternatives.map(a => a.algorithm)).not.toContain('halving-doubling');
        const entry = context.phases.find(e => e.phase.name === 'grads')!;
        const exact = evaluateCollective(context.network(entry.configuration), { ...context.request(entry)!, only: 'halving-doubling' });
        expect(exact.chosen?.algorithm).toBe('halving-doubling');
        expect(exact.chosen!.timeSeconds).toBeGreaterThanOrEqual(halving!.atLeastSeconds * (1 - 1e-9));
    });
});
