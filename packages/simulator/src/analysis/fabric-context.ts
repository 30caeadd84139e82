/**
 * A prepared fabric: what every analysis of one model shares, built once and lazily (graphs per OCS
 * configuration, twin classes, link metrics, power), so an editor hover can price one phase without
 * waiting for the rest.
 */
import type { FabricModel } from '../model/fabric-model.js';
import type { CircuitMetrics, LinkMetrics } from './analysis.js';
import { collectiveSchedules } from '../collectives/collective-schedules.js';
import type { CollectiveRequest, Network } from '../collectives/collectives.js';
import { baseState, buildFabricGraph, type FabricGraph } from '../graph/fabric-graph.js';
import { circuitMetrics, linkMetrics, linkProblems, linksPerLaserSource } from '../links/link-metrics.js';
import { phaseEntries, type PhaseEntry } from '../collectives/phase-requests.js';
import { powerAndPorts, type PowerAndPorts } from '../power/power.js';
import { problem, type SimProblem } from './problems.js';
import { computeTwinClasses } from '../symmetry/twin-classes.js';
import { pricingModel } from '../collectives/overheads.js';

export interface AnalysisOptions {
    /** Single-part failure sweeps to run besides the failure domains (default none). */
    readonly singleFailures?: ReadonlyArray<'switch' | 'link' | 'laser'>;
    /** A phase slowed by more than this factor counts in a failure's blast radius (default 1.10). */
    readonly slowdownThreshold?: number;
    /** Only these phases (by name, or `workload.phase`); default all. */
    readonly phases?: readonly string[];
    /** Skip failure domains (default false). */
    readonly skipFailureDomains?: boolean;
    /** Latency max/min within one step of a phase above which it is flagged (default 1.5). */
    readonly latencyAsymmetryThreshold?: number;
    /** A laser source without spares feeding more links than this is flagged (default 4). */
    readonly laserLinksWithoutSpares?: number;
    /** Use automorphisms to route one all-to-all source per orbit (default true; false prices every source). */
    readonly exploitSymmetry?: boolean;
    /**
     * The textbook α-β model: no launch or step overheads, links at wire rate, free reductions, no
     * pipelining overlap (default false: the overheads of overheads.ts apply).
     */
    readonly ideal?: boolean;
    /** Called after each failure of the sweep (domains, then single parts) is evaluated: for progress bars. */
    readonly onFailureProgress?: (done: number, total: number) => void;
}

export interface FabricContext {
    readonly model: FabricModel;
    readonly options: AnalysisOptions;
    /** Problems of the model itself (types, links, circuits). */
    readonly problems: readonly SimProblem[];
    readonly phases: readonly PhaseEntry[];
    /** The configuration whose circuits count in totals: the first a phase uses, else the first declared. */
    readonly totalsConfiguration: string | null;
    links(): readonly LinkMetrics[];
    /** The circuits of the configuration the totals count. */
    circuits(): readonly CircuitMetrics[];
    power(): PowerAndPorts;
    graph(configuration: string | null): FabricGraph;
    /** The graph with every part up, its twin classes and the network's fixed watts. */
    network(configuration: string | null): Network;
    /**
     * The phase's collective request with its schedules built (once per configuration), or null if it
     * cannot run; by default on the configuration the phase runs on.
     */
    request(entry: PhaseEntry, configuration?: string | null): CollectiveRequest | null;
}

function modelProblems(model: FabricModel): SimProblem[] {
    const problems: SimProblem[] = [];
    for (const node of model.nodes) {
        const types = node.kind === 'accelerator' ? model.types.accelerators : node.kind === 'switch' ? model.types.switches : model.types.ocs;
        if (!types[node.type]) {
            problems.push(problem('model/unknown-type', 'error', `${node.path} is of ${node.kind} type '${node.type}', which the model does not define`,
                { kind: 'node', id: node.id, path: node.path }, node.source));
        }
    }
    for (const link of model.links) problems.push(...linkProblems(model, link, { kind: 'link', id: link.id }));
    for (const config of model.ocsConfigurations) {
        config.circuits.forEach((c, i) => {
            problems.push(...linkProblems(model, c, { kind: 'circuit', id: i }));
            if (model.nodes[c.ocs]?.kind !== 'ocs') {
                problems.push(problem('model/dangling-endpoint', 'error', `circuit ${i} of configuration ${config.name} passes through ${model.nodes[c.ocs]?.path ?? `#${c.ocs}`}, which is not an OCS`,
                    { kind: 'circuit', id: i, path: `${config.name}#${i}` }, c.source));
            }
        });
    }
    return problems;
}

export function prepareFabric(model: FabricModel, options: AnalysisOptions = {}): FabricContext {
    const phases = phaseEntries(model);
    const used = phases.find(p => p.configuration !== null)?.configuration;
    const totalsConfiguration = used ?? model.ocsConfigurations[0]?.name ?? null;
    const graphs = new Map<string | null, FabricGraph>();
    const networks = new Map<string | null, Network>();
    let links: LinkMetrics[] | undefined;
    let circuits: CircuitMetrics[] | undefined;
    let power: PowerAndPorts | undefined;
    const requests = new Map<PhaseEntry, Map<string | null, CollectiveRequest>>();
    const pricing = pricingModel(model, options.ideal === true);
    const context: FabricContext = {
        model, options, problems: modelProblems(model), phases, totalsConfiguration,
        links() {
            if (!links) {
                const fed = linksPerLaserSource(model);
                links = model.links.map(l => linkMetrics(model, l, fed));
            }
            return links;
        },
        circuits() {
            const config = model.ocsConfigurations.find(c => c.name === totalsConfiguration);
            circuits ??= config ? config.circuits.map((c, i) => circuitMetrics(model, config.name, c, i)) : [];
            return circuits;
        },
        power() {
            power ??= powerAndPorts(model, context.links(), model.ocsConfigurations.find(c => c.name === totalsConfiguration)?.circuits ?? [],
                { laserLinksWithoutSpares: options.laserLinksWithoutSpares ?? 4 });
            return power;
        },
        graph(configuration) {
            let g = graphs.get(configuration);
            if (!g) { g = buildFabricGraph(model, configuration); graphs.set(configuration, g); }
            return g;
        },
        request(entry, configuration = entry.configuration) {
            if (!entry.request) return null;
            const byConfiguration = requests.get(entry) ?? requests.set(entry, new Map()).get(entry)!;
            let request = byConfiguration.get(configuration);
            if (!request) {
                request = { ...entry.request, schedules: collectiveSchedules(context.graph(configuration), entry.request) };
                byConfiguration.set(configuration, request);
            }
            return request;
        },
        network(configuration) {
            let net = networks.get(configuration);
            if (!net) {
                const graph = context.graph(configuration);
                const state = baseState(graph);
                net = {
                    graph, state, classes: computeTwinClasses(graph, state), fixedWatts: context.power().fixedNetworkWatts, pricing,
                    quotients: new Map(), bounds: new WeakMap(), watts: new WeakMap(), orbits: new WeakMap(), withInNetwork: new WeakMap(), gridSymmetries: new Map(), ...(options.exploitSymmetry === false ? {} : { symmetries: new Map() })
                };
                networks.set(configuration, net);
            }
            return net;
        }
    };
    return context;
}
