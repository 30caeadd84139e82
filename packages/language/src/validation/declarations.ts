import type { AstNode } from 'langium';
import { isConfiguration, isFabric, isFabricFile, isGroup, isLayer, isWorkload } from '../generated/ast.js';

/**
 * Every statement below `root` (a file or a fabric) reachable through container members (fabrics,
 * groups, layers), the connects of configurations and the phases of workloads, without descending
 * into statements: a walk that stays cheap on a
 * file with tens of thousands of `connect` lines, unlike a walk over every AST node.
 */
export function* memberStatements(root: AstNode): Generator<AstNode> {
    const stack: AstNode[] = isFabricFile(root) ? [...(root.elements ?? [])].reverse() : [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        yield node;
        if (isFabric(node) || isGroup(node) || isLayer(node)) {
            for (let i = node.members.length - 1; i >= 0; i--) stack.push(node.members[i]);
        } else if (isConfiguration(node)) {
            for (let i = node.connects.length - 1; i >= 0; i--) stack.push(node.connects[i]);
        } else if (isWorkload(node)) {
            for (let i = node.phases.length - 1; i >= 0; i--) stack.push(node.phases[i]);
        }
    }
}
