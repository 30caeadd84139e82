import type { FabricLink, FabricModel, OcsCircuit, SourceRange } from '@fabric/simulator';
import type { AstNode } from 'langium';

/** `line:character` of a range's start: how model elements find the statement that declared them. */
export function rangeKey(range: SourceRange): string {
    return `${range.start.line}:${range.start.character}`;
}

export function nodeKey(node: AstNode): string | undefined {
    return node.$cstNode ? rangeKey(node.$cstNode.range) : undefined;
}

/** The links and circuits of a model grouped by the connect statement that made them. */
export function linksByStatement(model: FabricModel): Map<string, Array<FabricLink | OcsCircuit>> {
    const result = new Map<string, Array<FabricLink | OcsCircuit>>();
    const add = (link: FabricLink | OcsCircuit) => {
        const key = rangeKey(link.source.range);
        const list = result.get(key);
        if (list) list.push(link); else result.set(key, [link]);
    };
    model.links.forEach(add);
    model.ocsConfigurations.forEach(c => c.circuits.forEach(add));
    return result;
}
