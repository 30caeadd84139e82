import type { AstNode } from 'langium';
import type { FabricCodeValue } from '../validation/fabric-codes.js';

/** A problem found while elaborating, anchored at the offending text. */
export interface ElaborationProblem {
    readonly code: FabricCodeValue;
    readonly severity: 'error' | 'warning' | 'info' | 'hint';
    readonly message: string;
    readonly node: AstNode;
    readonly property?: string;
    readonly index?: number;
}

export type ProblemSink = (problem: ElaborationProblem) => void;
