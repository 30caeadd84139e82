// A failed state keeps the fabric's all-to-all symmetries it does not break: each healthy generator is
// re-checked on the failed quotient. Where the failure kept the classes, only the classes whose arcs
// it changed (and their images) are checked arc by arc (uniform-symmetry's keepsChanges). That must
// keep exactly the generators the full check keeps: compared here with a failed network that does not
// say what the failure touched (so the full check runs), on a torus and an OCS pod, for failures that
// break some generators, none, or all.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { participantQuotientKeyed, type Network } from '../src/collectives/collectives.js';
import { ocsPodFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { applyFailure } from '../src/failures/failures.js';
import type { FailureSpec } from '../src/failures/failure-scenarios.js';
import { refineTwinClasses } from '../src/symmetry/twin-classes.js';
import { uniformSymmetry, type UniformSymmetry } from '../src/symmetry/uniform-symmetry.js';
import type { FabricModel } from '../src/model/fabric-model.js';

function spec(nodeIds: number[], derated: Array<[number, number]> = [], linkIds: number[] = []): FailureSpec {
    return { name: 'x', kind: 'domain', origin: null, nodeIds, linkIds, laserSourceIds: [], derated, absorbedBySpare: false, rates: [] };
}

function nodesOf(model: FabricModel, kind: string): number[] {
    return model.nodes.filter(n => n.kind === kind).map(n => n.id);
}

/** The failed network as the failure sweep builds it; without `affected` when `tell` is false. */
function failedNetwork(base: Network, failure: FailureSpec, tell: boolean): Network {
    const { state, affected } = applyFailure(base.graph, base.state, failure, new Map());
    return {
        graph: base.graph, state, classes: refineTwinClasses(base.graph, state, base.classes, affected), fixedWatts: base.fixedWatts, pricing: base.pricing,
        quotients: new Map(), bounds: new WeakMap(), watts: new WeakMap(), orbits: new WeakMap(), symmetries: new Map(), base, ...(tell ? { affected } : {})
    };
}

/** The failed state's symmetry both ways, and the healthy one's generator count. */
function bothWays(model: FabricModel, configuration: string | null, failure: FailureSpec): { fast: UniformSymmetry | null; full: UniformSymmetry | null; healthy: number } {
    const base = prepareFabric(model).network(configuration);
    const ranks = nodesOf(model, 'accelerator');
    const healthyQ = participantQuotientKeyed(base, ranks);
    const healthy = uniformSymmetry(base, healthyQ.q, ranks, healthyQ.key);
    const run = (tell: boolean) => {
        const net = failedNetwork(base, failure, tell);
        const { q, key } = participantQuotientKeyed(net, ranks);
        return uniformSymmetry(net, q, ranks, key);
    };
    return { fast: run(true), full: run(false), healthy: healthy?.generators.length ?? 0 };
}

function expectSame(r: ReturnType<typeof bothWays>): void {
    expect(r.healthy).toBeGreaterThan(0);
    expect(r.fast === null).toBe(r.full === null);
    if (!r.fast || !r.full) return;
    expect(r.fast.generators.map(g => Array.from(g))).toEqual(r.full.generators.map(g => Array.from(g)));
    expect(Array.from(r.fast.classOrbit)).toEqual(Array.from(r.full.classOrbit));
    expect(Array.from(r.fast.arcOrbit)).toEqual(Array.from(r.full.arcOrbit));
}

describe('a failed state keeps the generators the full check keeps', () => {
    it('an 8×8×8 torus: a dead chip, a derated link, a cut link', () => {
        const torus = torusFabric({ dims: [8, 8, 8], phases: [] });
        const chips = nodesOf(torus, 'accelerator');
        const dead = bothWays(torus, null, spec([chips[9]]));
        expectSame(dead);
        // A dead chip breaks translations, but not every symmetry.
        expect(dead.fast!.generators.length).toBeLessThan(dead.healthy);
        expectSame(bothWays(torus, null, spec([], [[5, 0.5]])));
        expectSame(bothWays(torus, null, spec([], [], [17])));
    });

    it('an OCS pod of 8 cubes of 4×4×4: each OCS down, on the ring configuration', () => {
        const pod = ocsPodFabric({ cubes: 8, side: 4, ocs: 16 });
        const ocs = nodesOf(pod, 'ocs');
        const kept: number[] = [];
        let healthy = 0;
        for (const o of ocs.slice(0, 6)) {
            const r = bothWays(pod, 'x_ring', spec([o]));
            expectSame(r);
            kept.push(r.fast?.generators.length ?? 0);
            healthy = r.healthy;
        }
        // Failures keep some symmetries and break others.
        expect(Math.max(...kept)).toBeGreaterThan(0);
        expect(Math.min(...kept)).toBeLessThan(healthy);
    });
});
