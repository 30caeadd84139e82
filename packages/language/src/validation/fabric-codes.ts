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
    UnknownProperty: 'part/unknown-property',
    MissingProperty: 'part/missing-property',
    BadPropertyValue: 'part/bad-value',
    DuplicateProperty: 'part/duplicate-property',
    ExtendsCycle: 'part/extends-cycle',
    ExtendsKind: 'part/extends-kind',
    WrongPartKind: 'part/wrong-kind',
    // elaboration
    BadRange: 'elaborate/bad-range',
    IndexOutOfRange: 'elaborate/index-out-of-range',
    NotAnArray: 'elaborate/not-an-array',
    NoMembers: 'elaborate/no-members',
    EmptySelection: 'elaborate/empty-selection',
    PatternUnsatisfiable: 'elaborate/pattern',
    MissingLength: 'elaborate/missing-length',
    MissingLaser: 'elaborate/missing-laser',
    NotALaser: 'elaborate/not-a-laser',
    CircuitWithoutOcs: 'elaborate/circuit-without-ocs',
    NotAnAccelerator: 'elaborate/not-an-accelerator',
    BadAlgorithm: 'elaborate/bad-algorithm',
    BadProtocol: 'elaborate/bad-protocol',
    BadPhase: 'elaborate/bad-phase',
    SelfLink: 'elaborate/self-link',
    Internal: 'internal/error',
    // capacity and physics: fast checks on the model
    ReachExceeded: 'reach/exceeded',
    PortsExceeded: 'capacity/ports-exceeded',
    RateMismatch: 'link/rate-mismatch',
    ProtocolMismatch: 'link/protocol-mismatch',
    Unused: 'name/unused',
    // analysis-backed: read from the simulator's Analysis, in the 'analysis' validation category
    PowerBudgetExceeded: 'power/budget-exceeded',
    PartitioningFailure: 'failure/partitions',
    LaserWithoutSpares: 'laser/no-spares',
    OcsReconfigurationDominates: 'ocs/reconfiguration-dominates',
    NoPath: 'workload/no-path',
    LatencyAsymmetry: 'workload/latency-asymmetry',
    Oversubscribed: 'capacity/oversubscribed',
    // the language server's analysis ran past its time budget: what was not computed
    AnalysisBudgetReached: 'analysis/budget-reached'
} as const;

export type FabricCodeValue = typeof FabricCode[keyof typeof FabricCode];
