/**
 * FabricModel: the elaborated fabric as plain data. This is the stable contract between the
 * language (which produces it) and the simulator, diagram and CLI (which read it).
 *
 * All quantities are in base units (see units.ts): seconds, metres, watts, joules per bit,
 * bits per second per direction, bytes. Ids are dense indices into their arrays, assigned in
 * source order, so the model is deterministic for a given text.
 */

/** Zero-based line/character positions, as the LSP uses them. */
export interface SourcePosition {
    readonly line: number;
    readonly character: number;
}

export interface SourceRange {
    readonly start: SourcePosition;
    readonly end: SourcePosition;
}

/** Where an element was declared: lets every view map a number back to the text. */
export interface SourceRef {
    readonly uri: string;
    readonly range: SourceRange;
}

export type OpticsKind = 'dac' | 'aec' | 'pluggable' | 'lpo' | 'npo' | 'cpo' | 'vcsel' | 'ocs-circuit';
export const OPTICS_KINDS: readonly OpticsKind[] = ['dac', 'aec', 'pluggable', 'lpo', 'npo', 'cpo', 'vcsel', 'ocs-circuit'];

export type Protocol = 'nvlink' | 'ualink' | 'ucie' | 'pcie' | 'ethernet';
export const PROTOCOLS: readonly Protocol[] = ['nvlink', 'ualink', 'ucie', 'pcie', 'ethernet'];

export type NodeKind = 'accelerator' | 'switch' | 'ocs';
export type GroupKind = 'fabric' | 'pod' | 'rack' | 'tray' | 'group' | 'layer';

export type CollectiveKind = 'all-reduce' | 'all-to-all' | 'all-gather' | 'reduce-scatter' | 'broadcast' | 'point-to-point';
export const COLLECTIVE_KINDS: readonly CollectiveKind[] = ['all-reduce', 'all-to-all', 'all-gather', 'reduce-scatter', 'broadcast', 'point-to-point'];

export type AlgorithmName = 'ring' | 'tree' | 'halving-doubling' | 'hierarchical' | 'in-network' | 'direct' | 'multi-dimensional';
export const ALGORITHM_NAMES: readonly AlgorithmName[] = ['ring', 'tree', 'halving-doubling', 'hierarchical', 'in-network', 'direct', 'multi-dimensional'];

// ---------------------------------------------------------------------------------------------
// Provenance: where each figure of a part type comes from (`source "…" vendor` in the text)
// ---------------------------------------------------------------------------------------------

/**
 * What a figure rests on: vendor or standards-body data, a secondary report (trade press, analyst,
 * a third party quoting the vendor), a derivation from other figures (with its arithmetic), or an
 * assumption (with its reasoning).
 */
export type CitationKind = 'vendor' | 'secondary' | 'derivation' | 'assumption';
export const CITATION_KINDS: readonly CitationKind[] = ['vendor', 'secondary', 'derivation', 'assumption'];

export interface Citation {
    readonly kind: CitationKind;
    /** The citation (document, page, paper) or, for an assumption, its reasoning. */
    readonly text: string;
    /** A derivation's arithmetic (`17 W / 800 Gbps = 21.25 pJ/bit`). */
    readonly arithmetic?: string;
    /**
     * `figure`: written on the figure itself; `part`: the part type's default source; `default`: the
     * figure is not declared and Fabric's documented default stands in (always an assumption or physics).
     */
    readonly scope: 'figure' | 'part' | 'default';
    /** Where the `source` clause is written (absent for Fabric's defaults). */
    readonly source?: SourceRef;
}

/** One figure of a part type and where it comes from. */
export interface FigureProvenance {
    /** The property as the language spells it (`tdp`, `power-per-end`, `lanes`). */
    readonly property: string;
    /** The value as written (`1200 W`, `2 x 200 Gbps per-direction`); absent for a default. */
    readonly written?: string;
    /** The part type that declares it: the type itself, or the base type it inherits the figure from. */
    readonly declaredIn?: string;
    /** null: declared without a source. */
    readonly citation: Citation | null;
    /** Where the figure is written (absent for a default). */
    readonly source?: SourceRef;
}

/** A part type's figures by model field (`tdpWatts`, `energyPerBitJoules`, `laneRateBps`, …). */
export type PartProvenance = Readonly<Record<string, FigureProvenance>>;

// ---------------------------------------------------------------------------------------------
// Part types (declared with `accelerator X { … }`, `switch X { … }`, …; possibly imported)
// ---------------------------------------------------------------------------------------------

export interface AcceleratorType {
    readonly name: string;
    /** Fabric ports on the accelerator. */
    readonly ports: number;
    /** Per-direction rate of one port, if declared. */
    readonly portRateBps?: number;
    readonly tdpWatts: number;
    /** Failures per 10^9 device-hours. */
    readonly fit: number;
    readonly repairSeconds: number;
    /** Where each figure comes from, when the language recorded it. */
    readonly provenance?: PartProvenance;
    /**
     * Whether the accelerator routes traffic between its ports (a TPU-style ICI router). Accelerators
     * that do not (GPUs on NVLink) are endpoints only: a path never passes through them.
     */
    readonly forwards?: boolean;
    /** Bits per second of received data the accelerator can reduce into its buffer (none: free). */
    readonly reductionRateBps?: number;
    readonly source: SourceRef;
}

export interface SwitchType {
    readonly name: string;
    readonly radix: number;
    readonly portRateBps?: number;
    /** Port-to-port latency of one traversal. */
    readonly latencySeconds: number;
    readonly powerWatts: number;
    /** Reduces in the network (NVLS/SHARP-style). */
    readonly inNetworkReduction: boolean;
    readonly fit: number;
    readonly repairSeconds: number;
    /** Where each figure comes from, when the language recorded it. */
    readonly provenance?: PartProvenance;
    readonly source: SourceRef;
}

export interface OcsType {
    readonly name: string;
    readonly ports: number;
    readonly reconfigurationSeconds: number;
    readonly insertionLossDb: number;
    readonly powerWatts: number;
    /** Latency of passing through the switch (mirrors: essentially propagation). */
    readonly latencySeconds: number;
    readonly fit: number;
    readonly repairSeconds: number;
    /** Where each figure comes from, when the language recorded it. */
    readonly provenance?: PartProvenance;
    readonly source: SourceRef;
}

export interface OpticsType {
    readonly name: string;
    readonly kind: OpticsKind;
    /** Default lanes per link (a connection may override). */
    readonly lanes: number;
    /** Per-direction rate of one lane. */
    readonly laneRateBps: number;
    /** Energy per bit moved, counted for each direction. */
    readonly energyPerBitJoules: number;
    /** Fixed watts at each end of a link (DSP, retimer, on-board laser). */
    readonly wattsPerEnd: number;
    readonly reachMeters: number;
    /** Added latency of one link traversal: SerDes, DSP, FEC, conversion. */
    readonly latencySeconds: number;
    /** Propagation delay per metre of the medium (≈4.9 ns/m fiber, ≈4.5 ns/m copper). */
    readonly propagationSecondsPerMeter: number;
    /** Failures per 10^9 hours of one link (both ends and the medium). */
    readonly fit: number;
    /** Time to repair a failed link, by packaging (pluggable swap, cable, CPO engine). */
    readonly repairSeconds: number;
    readonly protocol?: Protocol;
    /** Needs an external laser source (ELS/ELSFP-fed CPO). */
    readonly externalLaser: boolean;
    /** Where each figure comes from, when the language recorded it. */
    readonly provenance?: PartProvenance;
    /** Payload share of the wire rate after the link protocol's framing (default by protocol). */
    readonly efficiency?: number;
    /**
     * Share of the full-load energy per bit that scales with traffic (SerDes and driver activity);
     * the rest is drawn whenever the link is up (DSP, retimers, lasers, clocking). Default by kind.
     */
    readonly trafficShare?: number;
    readonly source: SourceRef;
}

export interface LaserSourceType {
    readonly name: string;
    /** Lasers needed to feed the links (working lasers). */
    readonly lasers: number;
    /** Spare lasers (N+1 is spares = 1): failures up to this count only de-rate nothing. */
    readonly spares: number;
    readonly powerWatts: number;
    /** Failures per 10^9 hours of one laser. */
    readonly fit: number;
    readonly repairSeconds: number;
    /** Where each figure comes from, when the language recorded it. */
    readonly provenance?: PartProvenance;
    /** Optical lanes one laser can feed (its fan-out); the source feeds at most lasers × this. */
    readonly lanesPerLaser?: number;
    readonly source: SourceRef;
}

/** A part that draws power and fails but carries no fabric traffic: CPU, NIC/DPU, board, fans, power conversion. */
export interface ComponentType {
    readonly name: string;
    readonly powerWatts: number;
    readonly fit: number;
    readonly repairSeconds: number;
    /** Where each figure comes from, when the language recorded it. */
    readonly provenance?: PartProvenance;
    readonly source: SourceRef;
}

export interface PartTypes {
    readonly accelerators: Readonly<Record<string, AcceleratorType>>;
    readonly switches: Readonly<Record<string, SwitchType>>;
    readonly ocs: Readonly<Record<string, OcsType>>;
    readonly optics: Readonly<Record<string, OpticsType>>;
    readonly lasers: Readonly<Record<string, LaserSourceType>>;
    readonly components?: Readonly<Record<string, ComponentType>>;
}

// ---------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------

export interface FabricNode {
    readonly id: number;
    /** Full path from the fabric, e.g. `pod.rack[2].gpu[17]`. */
    readonly path: string;
    readonly kind: NodeKind;
    /** Name of the part type (a key of the matching PartTypes record). */
    readonly type: string;
    /** The innermost group (tray, rack, …) holding the node. */
    readonly groupId: number;
    /** The index inside its declared array (`gpu[17]` → 17), 0 for a scalar declaration. */
    readonly index: number;
    readonly source: SourceRef;
}

export interface FabricGroup {
    readonly id: number;
    readonly path: string;
    readonly kind: GroupKind;
    readonly parentId: number | null;
    readonly childGroupIds: readonly number[];
    /** Nodes declared directly in this group. */
    readonly nodeIds: readonly number[];
    readonly laserSourceIds: readonly number[];
    /** Components declared directly in this group. */
    readonly componentIds?: readonly number[];
    readonly powerBudgetWatts?: number;
    /** Where the power budget comes from (`budget power 132 kW source "…" vendor`). */
    readonly powerBudgetCitation?: Citation;
    readonly source: SourceRef;
}

export interface LaserSourceInstance {
    readonly id: number;
    readonly path: string;
    readonly type: string;
    readonly groupId: number;
    readonly source: SourceRef;
}

/** A non-network part placed in a group (`component cpu[0..1] : GraceCPU`). */
export interface ComponentInstance {
    readonly id: number;
    readonly path: string;
    readonly type: string;
    readonly groupId: number;
    readonly source: SourceRef;
}

/** One physical (or, for OCS, circuit) link between two nodes. Bandwidth is symmetric per direction. */
export interface FabricLink {
    readonly id: number;
    readonly a: number;
    readonly b: number;
    readonly optics: string;
    readonly lanes: number;
    /** Extra lanes beyond `lanes`: lane failures up to this count cost nothing. */
    readonly spareLanes: number;
    readonly laneRateBps: number;
    readonly lengthMeters: number;
    readonly protocol?: Protocol;
    /** The layer that declared it, if any. */
    readonly layer?: string;
    /** The external laser source feeding its `a` end, if its optics need one. */
    readonly laserSourceId?: number;
    /** The external laser source feeding its `b` end (co-packaged optics need light at both ends). */
    readonly laserSourceIdB?: number;
    /** For a torus or mesh link: the grid dimension it runs along, `a → b` being one step up. */
    readonly axis?: number;
    /** Index of the connect statement that produced it (for bundling in views). */
    readonly statement: number;
    readonly source: SourceRef;
}

/** A circuit an OCS sets up between two endpoints in one named configuration. */
export interface OcsCircuit {
    readonly a: number;
    readonly b: number;
    /** The OCS node the circuit passes through. */
    readonly ocs: number;
    readonly optics: string;
    readonly lanes: number;
    readonly laneRateBps: number;
    readonly lengthMeters: number;
    readonly protocol?: Protocol;
    /** For a torus or mesh circuit: the grid dimension it runs along, `a → b` being one step up. */
    readonly axis?: number;
    readonly statement: number;
    readonly source: SourceRef;
}

export interface OcsConfiguration {
    readonly name: string;
    readonly layer?: string;
    readonly circuits: readonly OcsCircuit[];
    readonly source: SourceRef;
}

export interface FailureDomain {
    readonly name: string;
    /** `explicit` from a `failure domain` declaration; `laser-source` for everything one external laser source feeds. */
    readonly origin: 'explicit' | 'laser-source';
    readonly nodeIds: readonly number[];
    readonly linkIds: readonly number[];
    readonly laserSourceIds: readonly number[];
    readonly componentIds?: readonly number[];
    /** The declaration a domain comes from (`compute_tray` for `compute_tray[3]`): its family. */
    readonly family?: string;
    /**
     * Members of the family that may fail without stopping the job (N+k): a spare member takes over
     * (re-composed through the OCS where circuits must move), or the job runs on the survivors.
     */
    readonly familySpares?: number;
    readonly source: SourceRef;
}

/**
 * Collective overheads declared for the fabric (`collectives { launch 8 us step 2 us efficiency 0.9 }`):
 * they replace the default protocol table (see collectives/overheads.ts).
 */
export interface CollectiveSettings {
    /** Fixed cost of launching and synchronising one collective. */
    readonly launchSeconds?: number;
    /** Synchronisation cost of each latency-bound algorithm step, on top of the path latency. */
    readonly stepSeconds?: number;
    /** Share of the links' payload bandwidth the collective library achieves (0 < e ≤ 1). */
    readonly efficiency?: number;
    readonly source: SourceRef;
}

export interface WorkloadPhase {
    readonly name: string;
    readonly collective: CollectiveKind;
    /** Message size: for all-to-all, the per-rank send buffer; otherwise the collective's buffer S. */
    readonly bytes: number;
    /** Accelerator node ids taking part, in declaration order (ring order). */
    readonly participants: readonly number[];
    /** For point-to-point: participants[i] sends to peers[i]. */
    readonly peers?: readonly number[];
    /** For broadcast: the root. */
    readonly root?: number;
    /** Fixed algorithm, if the file names one. */
    readonly algorithm?: AlgorithmName;
    /** OCS configuration the phase runs on. */
    readonly configuration?: string;
    readonly source: SourceRef;
}

export interface Workload {
    readonly name: string;
    readonly phases: readonly WorkloadPhase[];
    readonly source: SourceRef;
}

export interface FabricModel {
    readonly name: string;
    readonly uri: string;
    readonly types: PartTypes;
    readonly nodes: readonly FabricNode[];
    /** groups[0] is the fabric itself (kind `fabric`). */
    readonly groups: readonly FabricGroup[];
    readonly links: readonly FabricLink[];
    readonly laserSources: readonly LaserSourceInstance[];
    readonly ocsConfigurations: readonly OcsConfiguration[];
    readonly failureDomains: readonly FailureDomain[];
    readonly workloads: readonly Workload[];
    readonly components?: readonly ComponentInstance[];
    readonly collectives?: CollectiveSettings;
    readonly source: SourceRef;
}
