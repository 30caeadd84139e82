import { CstUtils, type AstNode, type AstNodeDescription, type AstNodeLocator, type DocumentSegment, type NameProvider, type URI } from 'langium';

/**
 * The description of a declaration for a scope inside its own file, answering as Langium's
 * `createDescription` does, with its path and text segments worked out when first asked for
 * rather than when made. Linking a 50k-line fabric describes every rack, tray and instance (a
 * hundred thousand and more), and reads of them only `node`, `name` and `type`; the path (a walk
 * to the root) and the segments (CST ranges) were a third of the scope provider's time. The
 * syntax tree is never changed after parsing (an edit makes a new one), so a late answer is the
 * one an early one would have been.
 */
export class LocalDescription implements AstNodeDescription {
    private cachedPath: string | undefined;
    private cachedSelection: DocumentSegment | undefined;
    private cachedName: DocumentSegment | undefined;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly type: string,
        readonly documentUri: URI,
        private readonly locator: AstNodeLocator,
        private readonly names: NameProvider
    ) { }

    get path(): string {
        return (this.cachedPath ??= this.locator.getAstNodePath(this.node));
    }

    get selectionSegment(): DocumentSegment | undefined {
        return (this.cachedSelection ??= CstUtils.toDocumentSegment(this.node.$cstNode));
    }

    get nameSegment(): DocumentSegment | undefined {
        return (this.cachedName ??= CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode));
    }
}
