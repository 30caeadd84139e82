// A failed state's quotient copies, from the healthy quotient, the arcs of every class whose
// representative the failure did not touch (buildQuotientGraph's `from`): a failure sweep builds one
// quotient per failure and phase. That is exact: every array must equal, to the bit, what building
// the quotient from scratch gives. Checked where classes stay as they were (a torus, an OCS pod: the
// copy is taken), where the failure splits or merges classes (a leaf-spine: it must not be), with a
// derated link (capacities change, arcs stay), and for the quotient split by participation.
import { describe, expect, it } from 'vitest';
import { prepareFabric } from '../src/analysis/fabric-context.js';
import { leafSpineFabric, ocsPodFabric, torusFabric } from '../src/generate/fabric-generators.js';
import { applyFailure } from '../src/failures/failures.js';
import type { FailureSpec } from '../src/failures/failure-scenarios.js';
import { refineTwinClasses, splitClasses, type TwinClasses } from '../src/symmetry/twin-classes.js';
import { buildQuotientGraph, type QuotientGraph } from '../src/symmetry/quotient-graph.js';
import type { FabricModel } from '../src/model/fabric-model.js';

function spec(nodeIds: number[], derated: Array<[number, number]> = [], linkIds: number[] = []): FailureSpec {
    return { name: 'x', kind: 'domain', origin: null, nodeIds, linkIds, laserSourceIds: [], derated, absorbedBySpare: false, rates: [] };
}

function nodesOf(model: FabricModel, kind: string): number[] {
    return model.nodes.filter(n => n.kind === kind).map(n => n.id);
}

/** Every array of the two quotients, element by element (Object.is: −0 and NaN count). */
function expectSameQuotient(derived: QuotientGraph, fresh: QuotientGraph): void {
    expect(derived.count).toBe(fresh.count);
    const keys = Object.keys(fresh) as Array<keyof QuotientGraph>;
    for (const key of keys) {
        const a = fresh[key], b = derived[key];
        if (!ArrayBuffer.isView(a)) continue;
        expect(Array.from(b as Int32Array), key).toEqual(Array.from(a as Int32Array));
    }
}

/**
 * The failed quotient built both ways, over the healthy quotient (its classes split by participation
 * when `participants` are given, as a phase's quotient is); returns how many classes' runs the derived
 * build may copy (representative the same and untouched), so a case shows the copy is taken.
 */
function compare(model: FabricModel, failure: FailureSpec, participants: readonly number[] | null = null, configuration: string | null = null): number {
    const net = prepareFabric(model).network(configuration);
    const flag = new Uint8Array(net.graph.nodeCount);
    for (const r of participants ?? []) flag[r] = 1;
    const split = (classes: TwinClasses) => (participants ? splitClasses(classes, flag) : classes);
    const before = buildQuotientGraph(net.graph, net.state, split(net.classes));
    const { state, affected } = applyFailure(net.graph, net.state, failure, new Map());
    const classes = split(refineTwinClasses(net.graph, state, net.classes, affected));
    const fresh = buildQuotientGraph(net.graph, state, classes);
    const derived = buildQuotientGraph(net.graph, state, classes, { q: before, affected });
    expectSameQuotient(derived, fresh);
    expect(affected.size).toBeGreaterThan(0);
    let untouched = 0;
    for (let c = 0; c < fresh.count && c < before.count; c++) if (before.rep[c] === fresh.rep[c] && !affected.has(fresh.rep[c])) untouched++;
    return untouched;
}

describe('a failed quotient derived from the healthy one equals one built from scratch', () => {
    it('an OCS pod with one OCS down: its circuits go, every other class keeps its arcs', () => {
        const pod = ocsPodFabric({ cubes: 8, side: 2, ocs: 12, phases: [] });
        const ocs = nodesOf(pod, 'ocs');
        for (const o of [ocs[0], ocs[3]]) {
            expect(compare(pod, spec([o]), null, 'x_ring')).toBeGreaterThan(0);
            expect(compare(pod, spec([o]), nodesOf(pod, 'accelerator'), 'y_ring')).toBeGreaterThan(0);
        }
    });

    it('a torus with an accelerator dead and a link derated, on the participants’ quotient', () => {
        const torus = torusFabric({ dims: [6, 5, 4], phases: [] });
        const chips = nodesOf(torus, 'accelerator');
        expect(compare(torus, spec([chips[7]]), chips)).toBeGreaterThan(0);
        expect(compare(torus, spec([], [[3, 0.5]]), chips)).toBeGreaterThan(0);
        expect(compare(torus, spec([], [], [0, 11]), chips.slice(0, 40))).toBeGreaterThan(0);
    });

    it('a leaf-spine with a switch down (its twins regroup) and a dead accelerator', () => {
        const spine = leafSpineFabric({ racks: 4, acceleratorsPerRack: 4, leavesPerRack: 2, spines: 4, planes: 2 });
        compare(spine, spec([nodesOf(spine, 'switch')[0]]));
        compare(spine, spec([nodesOf(spine, 'accelerator')[3]]));
        compare(spine, spec([nodesOf(spine, 'switch')[5]]), nodesOf(spine, 'accelerator').slice(0, 8));
    });
});
