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
    /** The link's share of the external laser source feeding it. */
    readonly laserShareWatts: number;
    readonly totalWatts: number;
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
    readonly source: SourceRef;
}

export interface PowerBreakdown {
    readonly acceleratorsWatts: number;
    readonly switchesWatts: number;
    readonly ocsWatts: number;
    /** Links at full load (for a node or group: half of each link it terminates). */
    readonly linksWatts: number;
    readonly lasersWatts: number;
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
    readonly linksFed: number;
    readonly lasers: number;
    readonly spares: number;
    readonly powerWatts: number;
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
}

export interface AlgorithmResult {
    readonly algorithm: AlgorithmName;
    readonly timeSeconds: number;
    readonly algbwBytesPerSecond: number;
    readonly busbwBytesPerSecond: number;
    /** Per-step latency α: the largest path latency of the algorithm's steps. */
    readonly alphaSeconds: number;
    /** Number of latency-bound steps. */
    readonly steps: number;
    /** Σ step bytes × routed seconds per byte: the time spent moving data. */
    readonly transferSeconds: number;
    readonly energyJoules: number;
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
    /** Null when the phase cannot run (see `failure`). */
    readonly algorithm: AlgorithmName | null;
    readonly fixedAlgorithm: boolean;
    readonly timeSeconds: number | null;
    readonly algbwBytesPerSecond: number | null;
    readonly busbwBytesPerSecond: number | null;
    readonly energyJoules: number | null;
    readonly picojoulesPerBit: number | null;
    readonly bottleneck: BottleneckLink | null;
    readonly latency: PhaseLatency | null;
    /** Every applicable algorithm, fastest first. */
    readonly alternatives: readonly AlgorithmResult[];
    /** Why the phase cannot run, if it cannot. */
    readonly failure: string | null;
    readonly source: SourceRef;
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
    readonly links: number;
    /** Everything: accelerators, switches, OCS, links at full load, laser sources. */
    readonly powerWatts: number;
    /** The network alone (powerWatts without accelerators). */
    readonly networkPowerWatts: number;
    readonly breakdown: PowerBreakdown;
    /** Network power at full load / bits per second all links carry in both directions. */
    readonly picojoulesPerBit: number;
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
    readonly kind: 'accelerator' | 'switch' | 'ocs' | 'link' | 'laser-source';
    readonly parts: number;
    readonly failuresPerDay: number;
    readonly downtimeFraction: number;
}

export interface ReliabilitySummary {
    readonly failuresPerDay: number;
    /** Null when nothing declares a failure rate. */
    readonly meanTimeBetweenInterruptionsSeconds: number | null;
    /** Expected fraction of time some part is under repair (Σ rate × repair time). */
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
    /** The configuration the phase runs on; null: static links only (the circuits stand untouched). */
    readonly configuration: string | null;
    readonly circuits: number;
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
