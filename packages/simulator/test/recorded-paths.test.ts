// Recorded shortest paths (routing.ts, Bfs.runAll): an all-to-all source's search records, for each
// class, the arcs from its predecessors that it counted paths over, and the loads are walked back over
// those arcs alone instead of scanning every arc of every class. The sums are the same, in the same
// order, so every load, latency and hop count must equal, to the bit, what the scan gives. Checked on a
// torus (whole, with a dead chip, with symmetry), a leaf-spine fabric (twin classes, accelerators that
// do not forward, a derated link that splits by capacity), an OCS-composed pod after an OCS failure,
// and all-to-all among some ranks mixed with point-to-point flows from the same sources.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { participantQuotient, participantQuotientKeyed, type Network } from '../src/collectives/collectives.js';
import { leafSpineFabric, ocsPodFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { applyFailure } from '../src/failures/failures.js';
import type { FailureSpec } from '../src/failures/failure-scenarios.js';
import { refineTwinClasses } from '../src/symmetry/twin-classes.js';
import { buildQuotientGraph, type QuotientGraph } from '../src/symmetry/quotient-graph.js';
import { uniformSymmetry } from '../src/symmetry/uniform-symmetry.js';
import { routePatterns, type TrafficPattern } from '../src/routing/routing.js';
import type { FabricModel } from '../src/model/fabric-model.js';

function accelerators(model: FabricModel): number[] {
    return model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
}

function failure(parts: Partial<FailureSpec>): FailureSpec {
    return { name: 'x', kind: 'domain', origin: null, nodeIds: [], linkIds: [], laserSourceIds: [], derated: [], absorbedBySpare: false, rates: [], ...parts };
}

function failedQuotient(net: Network, spec: FailureSpec, ranks: readonly number[]): QuotientGraph {
    const { state, affected } = applyFailure(net.graph, net.state, spec, new Map());
    const failed: Network = { ...net, state, classes: refineTwinClasses(net.graph, state, net.classes, affected) };
    return participantQuotient({ ...failed, quotients: new Map() }, ranks);
}

function expectSameLoads(q: QuotientGraph, patterns: TrafficPattern[], symmetry: Parameters<typeof routePatterns>[2] = null): void {
    const walked = routePatterns(q, patterns, symmetry, new Set(), false, true, true);
    const scanned = routePatterns(q, patterns, symmetry, new Set(), false, true, false);
    expect(walked.length).toBe(scanned.length);
    walked.forEach((load, i) => {
        expect(load.flows).toBeGreaterThan(0);
        expect(Array.from(load.uniform).some(x => x > 0)).toBe(true);
        expect(load).toEqual(scanned[i]);
    });
}

describe('walking the recorded shortest paths back equals scanning every arc', () => {
    it('an 8×8×4 torus: whole, with a dead chip, and with its symmetry (one source per orbit)', () => {
        const model = torusFabric({ dims: [8, 8, 4], phases: [] });
        const ranks = accelerators(model);
        const net = prepareFabric(model).network(null);
        const all: TrafficPattern = { kind: 'uniform', participants: ranks };
        expectSameLoads(participantQuotient(net, ranks), [all]);
        expectSameLoads(failedQuotient(net, failure({ nodeIds: [ranks[17]] }), ranks), [{ kind: 'uniform', participants: ranks.filter(r => r !== ranks[17]) }]);
        const { q, key } = participantQuotientKeyed(net, ranks);
        const symmetry = uniformSymmetry(net, q, ranks, key);
        expect(symmetry).not.toBeNull();
        expectSameLoads(q, [all], symmetry);
    });

    it('a leaf-spine fabric: twin classes, accelerators that do not forward, a derated link that splits by capacity', () => {
        const model = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 });
        const ranks = accelerators(model);
        const net = prepareFabric(model).network(null);
        expectSameLoads(participantQuotient(net, ranks), [{ kind: 'uniform', participants: ranks }]);
        const uplink = model.links.findIndex(l => model.nodes[l.a].kind === 'switch' && model.nodes[l.b].kind === 'switch');
        expect(uplink).toBeGreaterThanOrEqual(0);
        const q = failedQuotient(net, failure({ derated: [[uplink, 0.5]] }), ranks);
        expect(Array.from(q.qWeight).some(w => w !== 1)).toBe(true);
        expectSameLoads(q, [{ kind: 'uniform', participants: ranks }]);
    });

    it('an OCS-composed pod after one OCS fails, and all-to-all among some ranks mixed with flows from the same sources', () => {
        const pod = ocsPodFabric({ cubes: 8, side: 2, ocs: 12, phases: [] });
        const ranks = accelerators(pod);
        const context = prepareFabric(pod);
        const net = context.network(pod.ocsConfigurations[0]?.name ?? null);
        const ocs = pod.nodes.find(n => n.kind === 'ocs')!.id;
        const q = failedQuotient(net, failure({ nodeIds: [ocs] }), ranks);
        expectSameLoads(q, [{ kind: 'uniform', participants: ranks }]);
        const some = ranks.filter((_, i) => i % 3 !== 1);
        const shift: TrafficPattern = { kind: 'flows', src: Int32Array.from(some), dst: Int32Array.from(some.map((_, i) => some[(i + 7) % some.length])) };
        const qs = failedQuotient(net, failure({ nodeIds: [ocs] }), some);
        expectSameLoads(qs, [{ kind: 'uniform', participants: some }, shift, { kind: 'uniform', participants: some.slice(0, 20) }]);
    });
});
