/**
 * The Analysis: everything the simulator computes for one FabricModel. Every view (diagnostics,
 * hovers, diagram, CLI) reads these numbers; none computes physics of its own. Base units
 * throughout: seconds, metres, watts, joules, bytes, bytes per second per direction.
 */
import type { AlgorithmName, CollectiveKind, GroupKind, NodeKind, OpticsKind, SourceRef } from '../model/fabric-model.js';
import type { SimProblem } from './problems.js';
import type { ProvenanceReport } from '../provenance/provenance.js';

export interface LatencyStack {
    /** SerDes, DSP, FEC and conversion of one traversal of the link (and the OCS for a circuit). */
    readonly conversionSeconds: number;
    /** Propagation over the link's length in its medium. */
    readonly propagationSeconds: number;
    readonly totalSeconds: number;
}

export interface LinkPower {
    /** Energy per bit × bit rate, both directions at full load. */
    readonly dynamicWatts: number;
    /** Fixed watts at both ends. */
    readonly fixedWatts: number;
    /** The link's share of the external laser sources feeding its ends. */
    readonly laserShareWatts: number;
    readonly totalWatts: number;
    /** Drawn whenever the link is up: the fixed watts and the idle share of the dynamic (no laser share). */
    readonly idleWatts: number;
    /** What full-load traffic adds to the idle watts. */
    readonly trafficWatts: number;
}

export interface LinkMetrics {
    readonly id: number;
    /** Endpoint node ids (their paths are in `nodes`). */
    readonly a: number;
    readonly b: number;
    readonly optics: string;
    readonly kind: OpticsKind | 'unknown';
    readonly lanes: number;
    readonly spareLanes: number;
    /** lanes × lane rate, per direction. */
    readonly bandwidthBytesPerSecond: number;
    readonly energyPerBitJoules: number;
    readonly power: LinkPower;
    readonly latency: LatencyStack;
    readonly lengthMeters: number;
    readonly reachMeters: number;
    readonly reachExceeded: boolean;
    readonly laserSourceId?: number;
    readonly laserSourceIdB?: number;
    readonly source: SourceRef;
}

/** An OCS circuit of the configuration the totals count, with a static link's metrics. */
export interface CircuitMetrics extends Omit<LinkMetrics, 'id'> {
    /** Its index in the configuration. */
    readonly id: number;
    readonly configuration: string;
    /** The OCS node it passes through. */
    readonly ocs: number;
}

export interface PowerBreakdown {
    readonly acceleratorsWatts: number;
    readonly switchesWatts: number;
    readonly ocsWatts: number;
    /** Links at full load (for a node or group: half of each link it terminates). */
    readonly linksWatts: number;
    readonly lasersWatts: number;
    /** Non-network loads: CPUs, NICs/DPUs, boards, fans, power conversion (`component` parts). */
    readonly componentsWatts: number;
}

export interface NodeReport {
    readonly id: number;
    readonly path: string;
    readonly kind: NodeKind;
    readonly type: string;
    /** The node's own power plus half of each link it terminates at full load. */
    readonly powerWatts: number;
    readonly ownWatts: number;
    readonly linkShareWatts: number;
    readonly portsUsed: number;
    /** Radix (switch), ports (accelerator, OCS); 0 when the type is unknown. */
    readonly portsAvailable: number;
    readonly portsExceeded: boolean;
    /** Bandwidth of the node's links, per direction. */
    readonly injectionBytesPerSecond: number;
}

export interface GroupReport {
    readonly id: number;
    readonly path: string;
    readonly kind: GroupKind;
    readonly powerWatts: number;
    readonly breakdown: PowerBreakdown;
    readonly budgetWatts: number | null;
    readonly overBudget: boolean;
    readonly accelerators: number;
    /** Bandwidth of links between the group's accelerators and the group's switches, per direction. */
    readonly downlinkBytesPerSecond: number;
    /** Bandwidth of links from the group's switches that leave the group, per direction. */
    readonly uplinkBytesPerSecond: number;
    /** downlink / uplink of the group's switch tier; null for a group without one (no switches, nothing leaving). */
    readonly oversubscription: number | null;
}

export interface LaserSourceReport {
    readonly id: number;
    readonly path: string;
    readonly type: string;
    /** Link ends it feeds (a link fed at both ends by it counts twice). */
    readonly linksFed: number;
    readonly lasers: number;
    readonly spares: number;
    readonly powerWatts: number;
    /** Optical lanes it feeds (lanes and spare lanes of every end). */
    readonly lanesFed: number;
    /** lasers × lanes per laser, or null when the type does not say its fan-out. */
    readonly lanesCapacity: number | null;
}

export interface BottleneckLink {
    /** Paths of the arc's endpoints, in the direction of the load. */
    readonly from: string;
    readonly to: string;
    /** Static link ids on this arc (parallel links are one arc). */
    readonly linkIds: readonly number[];
    /** OCS circuits on this arc, as `configuration#index`. */
    readonly circuits: readonly string[];
    readonly capacityBytesPerSecond: number;
    /** Bytes this arc carries during the phase. */
    readonly bytes: number;
    /** Further arcs loaded exactly as much (symmetric fabrics have many). */
    readonly equallyLoadedArcs: number;
    /**
     * Traffic over this arc is split by capacity (a packet switch at an end routes adaptively), rather
     * than kept to its paths (between accelerators: an algorithm over this link waits for it).
     */
    readonly splitsByCapacity: boolean;
}

/** Stages of a pipelined collective that ran under the busiest ones (chunks flowing through the dimensions). */
export interface OverlapReport {
    /** Chunks the data was pipelined in. */
    readonly chunks: number;
    /** Time saved against the stages in sequence. */
    readonly savedSeconds: number;
    /** Stages hidden under the pacing ones. */
    readonly overlappedStages: readonly string[];
    /** Stages on the busiest link set, which pace the pipeline. */
    readonly pacingStages: readonly string[];
}

export interface AlgorithmResult {
    readonly algorithm: AlgorithmName;
    /** The schedule in words (which rings, dimensions or switch tiers). */
    readonly detail: string;
    /** The collective protocol priced (`Simple`, `LL`, `LL128`; `declared` by the fabric; `ideal`). */
    readonly protocol: string;
    readonly timeSeconds: number;
    readonly algbwBytesPerSecond: number;
    readonly busbwBytesPerSecond: number;
    /** Per-step latency α: the largest path latency of the algorithm's steps. */
    readonly alphaSeconds: number;
    /** Number of latency-bound steps. */
    readonly steps: number;
    /** Σ step bytes × routed seconds per byte: the time spent moving data. */
    readonly transferSeconds: number;
    /** Launch and per-step synchronisation of the protocol (0 in the ideal mode). */
    readonly overheadSeconds: number;
    /** How pipelined stages overlapped, or null when they ran in sequence. */
    readonly overlap: OverlapReport | null;
    /** trafficEnergyJoules + fixedEnergyJoules. */
    readonly energyJoules: number;
    /** Bytes on every arc × that arc's traffic energy per byte (every hop counts). */
    readonly trafficEnergyJoules: number;
    /** The fixed watts of the parts the phase uses × its duration (see `fixedWatts`). */
    readonly fixedEnergyJoules: number;
    /** Fixed watts attributed: links the traffic crosses (idle share, watts per end, their lasers and OCS), switches it passes. */
    readonly fixedWatts: number;
    readonly picojoulesPerBit: number;
    /** Bytes the ranks inject (each end-to-end transfer counted once). */
    readonly bytesMoved: number;
    readonly bottleneck: BottleneckLink | null;
}

export interface PhaseLatency {
    readonly minSeconds: number;
    readonly maxSeconds: number;
    /** max / min over the participants' pairs (1 when symmetric). */
    readonly asymmetry: number;
}

export interface PhaseResult {
    readonly workload: string;
    readonly name: string;
    readonly collective: CollectiveKind;
    readonly participants: number;
    readonly bytes: number;
    readonly configuration: string | null;
    /** Whether the phase names its configuration (`declared`) or runs on the circuits in place (`in-place`); null without OCS. */
    readonly configurationSource: 'declared' | 'in-place' | null;
    /** Null when the phase cannot run (see `failure`). */
    readonly algorithm: AlgorithmName | null;
    readonly fixedAlgorithm: boolean;
    readonly timeSeconds: number | null;
    readonly algbwBytesPerSecond: number | null;
    readonly busbwBytesPerSecond: number | null;
    readonly energyJoules: number | null;
    readonly picojoulesPerBit: number | null;
    /** The chosen algorithm's traffic and fixed energy (they add up to energyJoules). */
    readonly trafficEnergyJoules: number | null;
    readonly fixedEnergyJoules: number | null;
    /** How fixed power is attributed to phases: to the parts the phase's traffic uses. */
    readonly energyAttribution: 'parts-used';
    readonly bottleneck: BottleneckLink | null;
    readonly latency: PhaseLatency | null;
    /** The chosen schedule in words, its protocol and its overlap. */
    readonly detail: string | null;
    readonly protocol: string | null;
    readonly overlap: OverlapReport | null;
    /** Every applicable algorithm priced, fastest first. */
    readonly alternatives: readonly AlgorithmResult[];
    /**
     * On a large fabric without twins, applicable algorithms left unrouted because a lower bound shows
     * they cannot beat the chosen one: their bound, not their time.
     */
    readonly boundedAlternatives: ReadonlyArray<{ readonly algorithm: AlgorithmName; readonly detail: string; readonly atLeastSeconds: number }>;
    /** Why the phase cannot run, if it cannot. */
    readonly failure: string | null;
    readonly source: SourceRef;
    /**
     * The chosen algorithm's load on every link: the fraction of the phase time the link spends moving
     * its bytes in its busier direction (0–1; 0 unused). Indexed by static link id, then
     * `links.length + i` for circuit i of `configuration`. Null when the phase cannot run. In memory
     * only (the diagram colours bundles by it): the JSON carries the bottleneck, not 100,000 numbers.
     */
    readonly linkLoads: Float32Array | null;
}

export interface LatencySummary {
    readonly minSeconds: number;
    readonly maxSeconds: number;
    readonly asymmetry: number;
}

export interface FabricTotals {
    readonly accelerators: number;
    readonly switches: number;
    readonly ocs: number;
    /** Static links plus the circuits of the configuration in place (`configuration`). */
    readonly links: number;
    readonly staticLinks: number;
    readonly circuits: number;
    /** Everything: accelerators, switches, OCS, links at full load, laser sources, components. */
    readonly powerWatts: number;
    /** The network alone (powerWatts without accelerators and components). */
    readonly networkPowerWatts: number;
    /** What the network draws with no traffic: switches, OCS, lasers, links' fixed and idle shares. */
    readonly networkIdleWatts: number;
    readonly breakdown: PowerBreakdown;
    /** Network power at full load / bits per second all links carry in both directions (per link bit). */
    readonly picojoulesPerBit: number;
    /**
     * Network power at full load / the bits per second accelerators deliver to each other under uniform
     * all-to-all traffic at full load: the energy of one accelerator-to-accelerator bit across every
     * link and switch tier it crosses.
     */
    readonly picojoulesPerAcceleratorBit: number;
    /** The accelerators' own fabric bandwidth added up, per direction: each accelerator's links summed. */
    readonly acceleratorBandwidthBytesPerSecond: number;
    /**
     * The same counting both directions, as vendors quote it (NVIDIA's "130 TB/s" for NVL72 is
     * 72 GPUs × 1.8 TB/s bidirectional).
     */
    readonly acceleratorBandwidthBidirectionalBytesPerSecond: number;
    /** Routed throughput, per direction, of the half-shift permutation among all accelerators. */
    readonly bisectionBytesPerSecond: number;
    /** Largest hop count between two accelerators. */
    readonly diameterHops: number;
    readonly latency: LatencySummary | null;
    /** The OCS configuration whose circuits count in these totals, if any. */
    readonly configuration: string | null;
}

export interface PhaseImpact {
    readonly workload: string;
    readonly phase: string;
    readonly timeSeconds: number | null;
    /** time after / time before; null when the phase cannot run afterwards. */
    readonly slowdown: number | null;
    readonly failed: boolean;
    /**
     * What paces the phase on the damaged fabric when it runs over de-rated or lost links: `capacity-split`
     * (switches spread traffic over the remaining paths by capacity), `slowest-link` (the algorithm waits
     * for the slow link: a ring through it); null when the phase does not cross them.
     */
    readonly pacing: 'capacity-split' | 'slowest-link' | null;
    /** How the phase keeps running after losing ranks: on a spare member, re-composed through the OCS, or on the survivors. */
    readonly continuesOn: 'spare' | 'recomposed' | 'survivors' | null;
    /** For `recomposed`: the one-off OCS reconfiguration that sets the spare's circuits up. */
    readonly recompositionSeconds: number | null;
}

export type FailureKind = 'domain' | 'switch' | 'link' | 'laser';

/** What fails: the parts a failure takes down together. */
export interface FailedParts {
    readonly name: string;
    readonly kind: FailureKind;
    /** For domains: `explicit` or `laser-source`. */
    readonly origin: string | null;
    readonly nodeIds: readonly number[];
    /** Links that drop. */
    readonly linkIds: readonly number[];
    /** Laser sources that go dark: every link they feed drops. */
    readonly laserSourceIds: readonly number[];
    /** A spare (lane, N+1 laser) absorbed the failure. */
    readonly absorbedBySpare: boolean;
}

export interface FailureResult extends FailedParts {
    /** Links that keep running slower (lost lanes) rather than dropping. */
    readonly deratedLinkIds: readonly number[];
    readonly cutOffAccelerators: readonly number[];
    readonly bandwidthLostBytesPerSecond: number;
    readonly bandwidthLostFraction: number;
    /** Surviving accelerators that could reach each other no longer can. */
    readonly partitions: boolean;
    readonly phases: readonly PhaseImpact[];
    /** Accelerators cut off, or taking part in a phase that fails or slows past the threshold. */
    readonly blastRadius: number;
    readonly failuresPerDay: number;
    readonly repairSeconds: number;
    readonly downtimeFraction: number;
    readonly source?: SourceRef;
}

export interface ReliabilityShare {
    readonly kind: 'accelerator' | 'switch' | 'ocs' | 'link' | 'circuit' | 'laser-source' | 'component';
    readonly parts: number;
    readonly failuresPerDay: number;
    readonly downtimeFraction: number;
}

export interface ReliabilitySummary {
    readonly failuresPerDay: number;
    /** Null when nothing declares a failure rate. */
    readonly meanTimeBetweenInterruptionsSeconds: number | null;
    /** Fraction of time some part is under repair: 1 − Π(1 − λᵢrᵢ/(1 + λᵢrᵢ)) over independent parts. */
    readonly downtimeFraction: number;
    readonly byKind: readonly ReliabilityShare[];
}

export interface OcsTransition {
    readonly workload: string;
    readonly fromPhase: string;
    readonly toPhase: string;
    readonly fromConfiguration: string;
    readonly toConfiguration: string;
    readonly reconfigurationSeconds: number;
    /** The duration of the phase that waits for the reconfiguration. */
    readonly followingPhaseSeconds: number | null;
    /** reconfiguration / following phase. */
    readonly ratio: number | null;
    /** The transition from the last configured phase back to the first (the next iteration). */
    readonly wrapAround: boolean;
}

export interface OcsPhaseReport {
    readonly workload: string;
    readonly phase: string;
    /** The configuration the phase runs on (its own, or the circuits in place); null in a fabric without OCS. */
    readonly configuration: string | null;
    /** The phase names no configuration and runs on the circuits the phase before it left. */
    readonly inPlace: boolean;
    readonly circuits: number;
    /** The phase's time on every configuration of the fabric (null where it cannot run). */
    readonly configurations: ReadonlyArray<{ readonly configuration: string; readonly timeSeconds: number | null }>;
    /** The configuration it runs fastest on (ties: its own), or null. */
    readonly bestConfiguration: string | null;
}

/** One iteration of a workload: its phases back to back plus the OCS reconfigurations between them. */
export interface WorkloadIteration {
    readonly workload: string;
    /** Σ of the phases' times (those that can run). */
    readonly phaseSeconds: number;
    /** Σ of the reconfigurations charged in one iteration (the wrap-around included). */
    readonly reconfigurationSeconds: number;
    /** phaseSeconds + reconfigurationSeconds; null when a phase cannot run. */
    readonly iterationSeconds: number | null;
}

export interface OcsSchedule {
    readonly phases: readonly OcsPhaseReport[];
    readonly transitions: readonly OcsTransition[];
    /** Per workload: the time of one iteration, OCS reconfiguration included. */
    readonly iterations: readonly WorkloadIteration[];
    /** Reconfiguration per iteration of each workload, and that against the iteration's phases. */
    readonly reconfigurationSecondsPerIteration: number;
    readonly phaseSecondsPerIteration: number;
}

export interface Analysis {
    readonly fabric: string;
    readonly uri: string;
    readonly problems: readonly SimProblem[];
    readonly links: readonly LinkMetrics[];
    /** Circuits of the configuration the totals count (`totals.configuration`). */
    readonly circuits: readonly CircuitMetrics[];
    readonly nodes: readonly NodeReport[];
    readonly groups: readonly GroupReport[];
    readonly laserSources: readonly LaserSourceReport[];
    readonly totals: FabricTotals;
    readonly phases: readonly PhaseResult[];
    readonly ocs: OcsSchedule;
    readonly failureDomains: readonly FailureResult[];
    readonly singleFailures: readonly FailureResult[];
    readonly reliability: ReliabilitySummary;
    /** The blast-radius slowdown threshold used. */
    readonly slowdownThreshold: number;
    /** Where the figures of the parts in use come from, and which headline numbers rest on assumptions. */
    readonly provenance: ProvenanceReport;
}
