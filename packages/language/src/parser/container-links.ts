import { isAstNode, type AstNode } from 'langium';

/**
 * Sets `$container`, `$containerProperty` and `$containerIndex` on every node below `root`, as
 * Langium's `AstUtils.linkContentToContainer(root, { deep: true })` does, but without its per-node
 * `Object.entries` arrays and per-array closures. LeanLangiumParser links nodes as it assigns them
 * and needs this pass only for an infix expression, whose parts are regrouped after assignment.
 */
export function linkContainers(root: AstNode): void {
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()! as unknown as Record<string, unknown>;
        for (const name in node) {
            if (name.charCodeAt(0) === 36 /* '$' */) continue;
            const value = node[name];
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item: unknown = value[index];
                    if (!isAstNode(item)) continue;
                    const child = item as { $container: unknown; $containerProperty?: string; $containerIndex?: number };
                    child.$container = node;
                    child.$containerProperty = name;
                    child.$containerIndex = index;
                    stack.push(item);
                }
            } else if (isAstNode(value)) {
                const child = value as { $container: unknown; $containerProperty?: string };
                child.$container = node;
                child.$containerProperty = name;
                stack.push(value);
            }
        }
    }
}
