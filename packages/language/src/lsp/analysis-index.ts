import type { Analysis, FabricModel, FailureResult, GroupReport, LinkMetrics, NodeReport, PhaseResult, SourceRef } from '@fabric/simulator';
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { isFabric, type Fabric } from '../generated/ast.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';

/** The Analysis elements each declaration produced, found by the declaration's source position. */
export interface AnalysisIndex {
    readonly links: ReadonlyMap<string, LinkMetrics[]>;
    readonly nodes: ReadonlyMap<string, NodeReport[]>;
    readonly groups: ReadonlyMap<string, GroupReport[]>;
    readonly phases: ReadonlyMap<string, PhaseResult[]>;
    readonly failureDomains: ReadonlyMap<string, FailureResult[]>;
}

export function sourceKey(source: SourceRef | { uri: string; range: SourceRef['range'] }): string {
    return `${source.uri}#${source.range.start.line}:${source.range.start.character}`;
}

/** Key of an AST node (or one of its properties' text), matching the SourceRefs elaboration made. */
export function declarationKey(node: AstNode, range = node.$cstNode?.range): string | undefined {
    return range ? sourceKey({ uri: AstUtils.getDocument(node).uri.toString(), range }) : undefined;
}

const indexes = new WeakMap<Analysis, AnalysisIndex>();

export function analysisIndex(model: FabricModel, analysis: Analysis): AnalysisIndex {
    let index = indexes.get(analysis);
    if (!index) {
        index = {
            links: groupBy(analysis.links, l => l.source),
            nodes: groupBy(analysis.nodes, n => model.nodes[n.id].source),
            groups: groupBy(analysis.groups, g => model.groups[g.id].source),
            phases: groupBy(analysis.phases, p => p.source),
            failureDomains: groupBy(analysis.failureDomains, f => f.source)
        };
        indexes.set(analysis, index);
    }
    return index;
}

function groupBy<T>(items: readonly T[], source: (item: T) => SourceRef | undefined): Map<string, T[]> {
    const result = new Map<string, T[]>();
    for (const item of items) {
        const ref = source(item);
        if (!ref) continue;
        const key = sourceKey(ref);
        const list = result.get(key);
        if (list) list.push(item); else result.set(key, [item]);
    }
    return result;
}

/** The fabric declaration around a node and its elaborated model. */
export function modelAround(node: AstNode, elaboration: FabricElaboration): { fabric: Fabric; model: FabricModel } | undefined {
    const fabric = AstUtils.getContainerOfType(node, isFabric);
    const model = fabric && elaboration.of(AstUtils.getDocument(node)).modelOf.get(fabric);
    return fabric && model ? { fabric, model } : undefined;
}

/** Key of a declaration's name: where elaboration anchors the SourceRefs of what it declares. */
export function nameKey(node: AstNode): string | undefined {
    return declarationKey(node, GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range);
}
