/**
 * Typed problems the simulator reports instead of throwing: each names the element it concerns
 * (kind, id, path) and carries a stable code, so diagnostics can map it back to the text.
 */
import type { SourceRef } from '../model/fabric-model.js';

export type ProblemSeverity = 'error' | 'warning' | 'info';

export type ElementKind = 'fabric' | 'node' | 'group' | 'link' | 'circuit' | 'laser-source' | 'phase' | 'failure-domain' | 'configuration';

export interface ElementRef {
    readonly kind: ElementKind;
    /** The element's id (node, group, link, laser source) or its index in its list (phase, domain, circuit). */
    readonly id: number;
    readonly path: string;
}

/**
 * Stable problem codes: other tools key on them, so they never change meaning. They are the
 * diagnostic codes too (the language's FabricCode takes them from here): one finding, one code,
 * in the editor, `fabric check`, `fabric simulate` and its JSON.
 */
export const ProblemCode = {
    UnknownType: 'model/unknown-type',
    DanglingEndpoint: 'model/dangling-endpoint',
    ZeroBandwidth: 'link/zero-bandwidth',
    NegativeLength: 'link/negative-length',
    InvalidNumber: 'model/invalid-number',
    ReachExceeded: 'reach/exceeded',
    PortsExceeded: 'capacity/ports-exceeded',
    PowerBudgetExceeded: 'power/budget-exceeded',
    Oversubscribed: 'capacity/oversubscribed',
    LaserWithoutSpares: 'laser/no-spares',
    EmptyPhase: 'workload/empty-phase',
    ParticipantNotAnAccelerator: 'workload/not-an-accelerator',
    UnknownConfiguration: 'workload/unknown-configuration',
    NoPath: 'workload/no-path',
    AlgorithmNotApplicable: 'workload/algorithm-not-applicable',
    LatencyAsymmetry: 'workload/latency-asymmetry',
    PartitioningFailure: 'failure/partitions',
    OcsReconfigurationDominates: 'ocs/reconfiguration-dominates',
    OcsWorseConfiguration: 'ocs/worse-configuration',
    LaserFanOutExceeded: 'laser/fan-out-exceeded'
} as const;

export type ProblemCode = typeof ProblemCode[keyof typeof ProblemCode];

export interface SimProblem {
    readonly code: ProblemCode;
    readonly severity: ProblemSeverity;
    /** Names the element by path and gives the numbers with their units. */
    readonly message: string;
    readonly element: ElementRef;
    readonly source?: SourceRef;
}

export function problem(code: ProblemCode, severity: ProblemSeverity, message: string, element: ElementRef, source?: SourceRef): SimProblem {
    return source ? { code, severity, message, element, source } : { code, severity, message, element };
}

/** A number fit for results: finite, else the fallback (results never carry NaN or Infinity). */
export function finiteOr(value: number, fallback: number): number {
    return Number.isFinite(value) ? value : fallback;
}

/** A finite number or null (for quantities that do not exist, such as the time of a phase that cannot run). */
export function finiteOrNull(value: number): number | null {
    return Number.isFinite(value) ? value : null;
}

/** A number for a message: never prints NaN or Infinity, even when echoing bad input. */
export function shownNumber(value: number, unit = ''): string {
    if (!Number.isFinite(value)) return 'not a finite number';
    return unit ? `${value} ${unit}` : `${value}`;
}
