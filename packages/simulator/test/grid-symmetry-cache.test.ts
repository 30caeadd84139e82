// A grid's automorphisms are read once per network, participant quotient and rank order
// (networkGridGenerators): an all-to-all phase's symmetry (uniformSymmetry) and its failures' orbits
// (phaseSymmetry) both ask. Whichever asks second must get exactly what it computes on a network
// that has not been asked before; and a different rank order (another grid) must not be served the
// first order's answer. On a torus, an OCS-composed pod and a fabric whose ranks form no grid.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { participantQuotientKeyed } from '../src/collectives/collectives.js';
import { leafSpineFabric, ocsPodFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { phaseSymmetry } from '../src/failures/failure-orbits.js';
import { uniformSymmetry } from '../src/symmetry/uniform-symmetry.js';
import type { FabricModel } from '../src/model/fabric-model.js';

/** The all-to-all phase's request and network, on a fresh prepared fabric. */
function fresh(model: FabricModel, phase: string) {
    const context = prepareFabric(model);
    const entry = context.phases.find(e => e.phase.name === phase)!;
    const request = context.request(entry)!;
    return { net: context.network(entry.configuration), request };
}

function allToAllSymmetry(model: FabricModel, phase: string, ranks?: readonly number[]) {
    const { net, request } = fresh(model, phase);
    const r = ranks ?? request.ranks;
    const { q, key } = participantQuotientKeyed(net, r);
    return { net, request, q, key, ranks: r };
}

function expectSameEitherOrder(model: FabricModel, phase: string, algorithm: 'direct'): void {
    // Alone on fresh networks.
    const a = allToAllSymmetry(model, phase);
    const uniformAlone = uniformSymmetry(a.net, a.q, a.ranks, a.key);
    const b = fresh(model, phase);
    const phaseAlone = phaseSymmetry(b.net, b.request, algorithm);
    // One after the other on one network, in both orders.
    const c = allToAllSymmetry(model, phase);
    const uniformFirst = uniformSymmetry(c.net, c.q, c.ranks, c.key);
    const phaseSecond = phaseSymmetry(c.net, c.request, algorithm);
    const d = allToAllSymmetry(model, phase);
    const phaseFirst = phaseSymmetry(d.net, d.request, algorithm);
    const uniformSecond = uniformSymmetry(d.net, d.q, d.ranks, d.key);
    expect(uniformAlone?.generators.length).toBeGreaterThan(0);
    expect(phaseAlone.length).toBeGreaterThan(0);
    expect(uniformFirst).toEqual(uniformAlone);
    expect(uniformSecond).toEqual(uniformAlone);
    expect(phaseSecond).toEqual(phaseAlone);
    expect(phaseFirst).toEqual(phaseAlone);
    expect(d.net.gridSymmetries?.size).toBe(1);
}

describe('the grid symmetries a network keeps are what asking afresh gives', () => {
    it('a 16×4×4 torus and an OCS pod: the all-to-all symmetry and the failure orbits agree whichever asks first', () => {
        const torus = torusFabric({ dims: [16, 4, 4], phases: [{ name: 'a2a', collective: 'all-to-all', bytes: 1 << 20 }] });
        expectSameEitherOrder(torus, 'a2a', 'direct');
        const fresh0 = allToAllSymmetry(torus, 'a2a');
        expect(uniformSymmetry(fresh0.net, fresh0.q, fresh0.ranks, fresh0.key)?.generators.length).toBeGreaterThan(0);
        expect(fresh0.net.gridSymmetries?.size).toBe(1);
        const pod = ocsPodFabric({ cubes: 64, side: 2, ocs: 12, phases: [{ name: 'a2a', collective: 'all-to-all', bytes: 1 << 20 }] });
        expectSameEitherOrder(pod, 'a2a', 'direct');
    });

    it('the same ranks in another order read their own grid, and ranks that form no grid get none', () => {
        const torus = torusFabric({ dims: [16, 4, 4], phases: [{ name: 'a2a', collective: 'all-to-all', bytes: 1 << 20 }] });
        const a = allToAllSymmetry(torus, 'a2a');
        uniformSymmetry(a.net, a.q, a.ranks, a.key);
        const reversed = [...a.ranks].reverse();
        const { q, key } = participantQuotientKeyed(a.net, reversed);
        expect(key).toBe(a.key);
        const second = uniformSymmetry({ ...a.net, orbits: new WeakMap(), symmetries: new Map() }, q, reversed, key);
        const b = allToAllSymmetry(torus, 'a2a', reversed);
        expect(second).toEqual(uniformSymmetry(b.net, b.q, b.ranks, b.key));
        expect(a.net.gridSymmetries?.size).toBe(2);
        const spine = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2, phases: [{ name: 'a2a', collective: 'all-to-all', bytes: 1 << 20 }] });
        const s = fresh(spine, 'a2a');
        expect(phaseSymmetry(s.net, s.request, 'direct')).toEqual([]);
        expect(s.net.gridSymmetries?.size).toBe(0);
    });
});
