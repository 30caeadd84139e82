/**
 * Simulator benchmarks for `npm run bench`: full analyses (every phase, every failure domain, every
 * single-switch failure) of generated fabrics, single-phase estimates as a hover would run them, and
 * a size series of one fabric family to show how time grows.
 */
import { analyzeFabric } from '../analysis/analyze.js';
import { prepareFabric, type FabricContext } from '../analysis/fabric-context.js';
import { estimatePhase } from '../collectives/phase-estimates.js';
import { fabric8192, ocsPodFabric, pod576Fabric, scaledFabric } from '../generate/fabric-generators.js';
import { fullyConnectedFabric } from '../generate/direct-fabrics.js';
import type { FabricModel } from '../model/fabric-model.js';
import type { BenchCase } from './bench-case.js';

function fullAnalysis(name: string, build: () => FabricModel, runs = 3, target?: number): BenchCase {
    return {
        name: `simulator: full analysis, ${name}`,
        runs,
        ...(target === undefined ? {} : { target }),
        prepare: build,
        run(model) {
            const analysis = analyzeFabric(model as FabricModel, { singleFailures: ['switch'] });
            return { note: `${analysis.totals.accelerators} accelerators, ${analysis.failureDomains.length} domains + ${analysis.singleFailures.length} switch failures` };
        }
    };
}

/** One phase priced on a prepared fabric (graph and twin classes built), as a hover asks for it. */
function phaseEstimate(name: string, build: () => FabricModel, phase: string): BenchCase {
    return {
        name: `simulator: phase estimate, ${name} ${phase}`,
        runs: 20,
        collect: 'minor',
        prepare() {
            const context = prepareFabric(build());
            for (const entry of context.phases) context.network(entry.configuration);
            return context;
        },
        run(prepared) {
            const context = prepared as FabricContext;
            const entry = context.phases.find(e => e.phase.name === phase)!;
            context.network(entry.configuration).quotients?.clear(); // price from the twin classes, not a cached quotient
            const estimate = estimatePhase(context, phase)!;
            return { note: `${estimate.result.algorithm} ${estimate.result.timeSeconds?.toExponential(3)} s` };
        }
    };
}

const tpuPod = () => ocsPodFabric({ cubes: 64, side: 4, ocs: 48 });

export const benchCases: BenchCase[] = [
    fullAnalysis('576-accelerator pod (generated, 8 racks × 72, CPO spine)', () => pod576Fabric(), 5),
    fullAnalysis('TPU-style OCS pod (generated, 64 cubes × 64 chips, 48 OCS)', tpuPod, 1),
    fullAnalysis('8,192 accelerators (generated, 128 racks × 64, 8 spine planes)', () => fabric8192(), 1, 10_000), // issue 3's target
    fullAnalysis('fully connected 512 accelerators (generated, a direct link between every pair)', () => fullyConnectedFabric({ accelerators: 512 }), 1),
    phaseEstimate('576 pod', () => pod576Fabric(), 'grads'),
    phaseEstimate('576 pod', () => pod576Fabric(), 'experts'),
    phaseEstimate('TPU pod', tpuPod, 'grads'),
    phaseEstimate('TPU pod', tpuPod, 'experts'),
    phaseEstimate('8,192', () => fabric8192(), 'grads'),
    phaseEstimate('8,192', () => fabric8192(), 'experts'),
    ...[8, 32].map(racks => fullAnalysis(`size series ${racks * 64} accelerators (the 8,192 row is the third point)`, () => scaledFabric(racks), 3))
];
