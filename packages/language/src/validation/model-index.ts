import type { SourceRange } from '@fabric/simulator';
import type { AstNode } from 'langium';

/** `line:character` of a range's start: how model elements find the statement that declared them. */
export function rangeKey(range: SourceRange): string {
    return `${range.start.line}:${range.start.character}`;
}

export function nodeKey(node: AstNode): string | undefined {
    return node.$cstNode ? rangeKey(node.$cstNode.range) : undefined;
}
