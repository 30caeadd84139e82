// Loads that no node adds a particular share to (every flow's ends alone in their classes, as on a
// torus) share their quotient's all-zero out/in arrays instead of allocating six per pattern. A
// pattern that does add per-node shares (twins: the GPUs of a leaf-spine rack) must get its own
// arrays: the shared ones stay zero, and routing the same patterns again gives the same loads.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { participantQuotient } from '../src/collectives/collectives.js';
import { leafSpineFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { routePatterns, type TrafficPattern } from '../src/routing/routing.js';
import type { FabricModel } from '../src/model/fabric-model.js';

function accelerators(model: FabricModel): number[] {
    return model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
}

function flows(pairs: Array<[number, number]>, weighted = false): TrafficPattern {
    return {
        kind: 'flows', src: Int32Array.from(pairs.map(p => p[0])), dst: Int32Array.from(pairs.map(p => p[1])),
        ...(weighted ? { weight: Float64Array.from(pairs.map((_, i) => 1 + i)) } : {})
    };
}

describe('loads share the quotient’s zeros only where nothing is written', () => {
    it('a leaf-spine: permutation, many-to-one and weighted flows write their own out and in loads', () => {
        const model = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 });
        const gpus = accelerators(model);
        const patterns: TrafficPattern[] = [
            flows(gpus.map((g, i) => [g, gpus[(i + 4) % gpus.length]] as [number, number])),
            flows([[gpus[0], gpus[5]], [gpus[1], gpus[5]], [gpus[2], gpus[9]]]),
            flows([[gpus[3], gpus[12]], [gpus[3], gpus[13]]], true),
            { kind: 'uniform', participants: gpus }
        ];
        const route = () => {
            const q = participantQuotient(prepareFabric(model).network(null), gpus);
            return { q, loads: routePatterns(q, patterns) };
        };
        const { q, loads } = route();
        // Every pattern but the all-to-all loads particular nodes' shares.
        for (const load of loads.slice(0, 3)) expect(Array.from(load.outNodes).some(x => x > 0) || Array.from(load.inNodes).some(x => x > 0)).toBe(true);
        expect(Array.from(q.noUnits).every(x => x === 0)).toBe(true);
        expect(Array.from(q.noNode).every(x => x === -1)).toBe(true);
        expect(loads).toEqual(route().loads);
    });

    it('a torus: every class is one node, so the loads read the shared zeros', () => {
        const model = torusFabric({ dims: [4, 4], phases: [] });
        const chips = accelerators(model);
        const q = participantQuotient(prepareFabric(model).network(null), chips);
        const [shift, all] = routePatterns(q, [flows(chips.map((c, i) => [c, chips[(i + 5) % chips.length]] as [number, number])), { kind: 'uniform', participants: chips }]);
        for (const load of [shift, all]) {
            expect(load.outMax).toBe(q.noUnits);
            expect(load.inArgmax).toBe(q.noNode);
            expect(Array.from(load.uniform).some(x => x > 0)).toBe(true);
        }
        expect(Array.from(q.noUnits).every(x => x === 0)).toBe(true);
    });
});
