import { ProblemCode } from '@fabric/simulator';

/**
 * Stable diagnostic codes. Quick fixes and tests key on these, never on message text.
 */
export const FabricCode = {
    // syntax and linking: Langium's own codes
    ParseError: 'parsing-error',
    LexError: 'lexing-error',
    NestingTooDeep: 'syntax/nesting-too-deep',
    Unresolved: 'linking-error',
    // imports
    ImportNotFound: 'import/not-found',
    ImportCycle: 'import/cycle',
    // names
    DuplicateName: 'name/duplicate',
    // units and properties
    UnknownUnit: 'unit/unknown',
    WrongDimension: 'unit/wrong-dimension',
    MissingUnit: 'unit/missing',
    NegativeQuantity: 'unit/negative',
    OutOfRange: 'unit/out-of-range',
    UnknownProperty: 'part/unknown-property',
    MissingProperty: 'part/missing-property',
    BadPropertyValue: 'part/bad-value',
    DuplicateProperty: 'part/duplicate-property',
    ExtendsCycle: 'part/extends-cycle',
    ExtendsKind: 'part/extends-kind',
    WrongPartKind: 'part/wrong-kind',
    DerivedPower: 'part/derived-power',
    LaserNotNeeded: 'laser/not-needed',
    // elaboration
    BadRange: 'elaborate/bad-range',
    IndexOutOfRange: 'elaborate/index-out-of-range',
    NotAnArray: 'elaborate/not-an-array',
    NoMembers: 'elaborate/no-members',
    EmptySelection: 'elaborate/empty-selection',
    PatternUnsatisfiable: 'elaborate/pattern',
    ZeroBudget: 'power/zero-budget',
    DuplicateBudget: 'power/duplicate-budget',
    MissingLength: 'elaborate/missing-length',
    MissingLaser: 'elaborate/missing-laser',
    BadDomain: 'elaborate/bad-domain',
    NotALaser: 'elaborate/not-a-laser',
    CircuitWithoutOcs: 'elaborate/circuit-without-ocs',
    NotAnAccelerator: 'elaborate/not-an-accelerator',
    BadAlgorithm: 'elaborate/bad-algorithm',
    BadProtocol: 'elaborate/bad-protocol',
    BadPhase: 'elaborate/bad-phase',
    SelfLink: 'elaborate/self-link',
    Internal: 'internal/error',
    // provenance of figures (`source "…" vendor`)
    EmptyCitation: 'source/empty-citation',
    MissingArithmetic: 'source/missing-arithmetic',
    StrayArithmetic: 'source/stray-arithmetic',
    // the 'sources' validation category (`fabric check --strict-sources`): figures a design rests on
    AssumedFigure: 'source/assumption',
    UnsourcedFigure: 'source/unsourced',
    // capacity and physics: fast checks on the model (reach and ports are the simulator's codes)
    ReachExceeded: ProblemCode.ReachExceeded,
    PortsExceeded: ProblemCode.PortsExceeded,
    RateMismatch: 'link/rate-mismatch',
    ProtocolMismatch: 'link/protocol-mismatch',
    Unused: 'name/unused',
    // analysis-backed: the simulator's problems, in the 'analysis' validation category, under the simulator's own codes
    PowerBudgetExceeded: ProblemCode.PowerBudgetExceeded,
    PartitioningFailure: ProblemCode.PartitioningFailure,
    LaserWithoutSpares: ProblemCode.LaserWithoutSpares,
    OcsReconfigurationDominates: ProblemCode.OcsReconfigurationDominates,
    NoPath: ProblemCode.NoPath,
    LatencyAsymmetry: ProblemCode.LatencyAsymmetry,
    Oversubscribed: ProblemCode.Oversubscribed,
    // the language server's analysis ran past its time budget: what was not computed
    AnalysisBudgetReached: 'analysis/budget-reached'
} as const;

/** A diagnostic code: Fabric's own, or a simulator problem's (every simulator finding is reported under its code). */
export type FabricCodeValue = typeof FabricCode[keyof typeof FabricCode] | ProblemCode;
