import { unitsOf, DIMENSION_LABEL, type Dimension } from '@fabric/simulator';
import { AstUtils, CstUtils, GrammarAST, type AstNode, type AstNodeDescription, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type NextFeature } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { Connect, Instance, isBudget, isInstance, isLaneSpec, isLengthOption, isPartType, isPhase, isProperty, isQuantity, isSegment, Segment } from '../generated/ast.js';
import { propertySpec } from '../elaboration/part-properties.js';
import type { FabricServices } from '../fabric-module.js';
import type { FabricScopeProvider } from '../scoping/fabric-scope-provider.js';
import { expectedDimensions } from './quantity-dimensions.js';

/**
 * Langium's keyword and reference completion, plus the units a quantity may take where it stands
 * (`reach 2 ` offers m, km, … before any keyword) and the words a property accepts (`kind `
 * offers dac, aec, cpo, …). After `.` it offers the members of the group or layer before the
 * dot; after `via` only link types; after `accelerator a : ` only accelerator types.
 */
export class FabricCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', '['] };
    private readonly scopes: FabricScopeProvider;

    constructor(services: FabricServices) {
        super(services);
        this.scopes = services.references.ScopeProvider as FabricScopeProvider;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment)?.feature;
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        if ((assignment === 'unit' || rule === 'Unit') && context.node) {
            for (const dimension of dimensionsAt(context.node)) {
                for (const unit of unitsOf(dimension).filter(u => !/^K(?!i)/.test(u))) {
                    // Before keywords ('1') and references ('0'): in a unit position the unit is what is being typed.
                    acceptor(context, { label: unit, kind: CompletionItemKind.Unit, detail: DIMENSION_LABEL[dimension], sortText: `0${unit.length.toString().padStart(2, '0')}` });
                }
            }
            return;
        }
        if ((assignment === 'word' || rule === 'Word') && context.node) {
            const property = AstUtils.getContainerOfType(context.node, isProperty);
            const spec = property ? propertySpec(property) : undefined;
            if (spec?.value === 'word') {
                for (const word of spec.words) acceptor(context, { label: word, kind: CompletionItemKind.EnumMember, detail: spec.doc });
            }
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        if (refInfo.property === Segment.target) {
            const { previous, anchor } = segmentBefore(context);
            return this.scopes.selectionScope(previous, anchor ?? refInfo.container).getAllElements();
        }
        const candidates = super.getReferenceCandidates(refInfo, context);
        const kind = refInfo.property === Connect.optics ? 'link'
            : refInfo.property === Instance.type && isInstance(refInfo.container) ? refInfo.container.kind : undefined;
        return kind ? candidates.filter(d => !isPartType(d.node) || d.node.kind === kind) : candidates;
    }
}

/**
 * The selection segment written before the one being completed (`rack[*]` in `over rack[*].co|`),
 * found in the text left of the cursor: completion's own node is often the one after the cursor.
 * Without a dot before the cursor there is none, and `anchor` is where lexical lookup starts.
 */
function segmentBefore(context: CompletionContext): { previous?: Segment; anchor?: AstNode } {
    const root = context.document.parseResult.value.$cstNode;
    if (!root) return {};
    const before = context.tokenOffset > 0 ? CstUtils.findLeafNodeBeforeOffset(root, context.tokenOffset - 1) : undefined;
    if (!before) return {};
    if (before.text !== '.' || before.end > context.tokenOffset) return { anchor: before.astNode };
    const segment = before.offset > 0 ? CstUtils.findLeafNodeBeforeOffset(root, before.offset - 1) : undefined;
    const previous = segment && AstUtils.getContainerOfType(segment.astNode, isSegment);
    return { previous, anchor: before.astNode };
}

/** Dimensions of the quantity being typed at `node`. */
function dimensionsAt(node: AstNode): readonly Dimension[] {
    const quantity = AstUtils.getContainerOfType(node, isQuantity);
    if (quantity) return expectedDimensions(quantity).filter(d => d !== 'count');
    const property = AstUtils.getContainerOfType(node, isProperty);
    if (property) {
        const spec = propertySpec(property);
        return spec?.value === 'quantity' ? spec.dimensions.filter(d => d !== 'count') : spec?.value === 'lanes' ? ['bitRate'] : [];
    }
    if (AstUtils.getContainerOfType(node, isLaneSpec)) return ['bitRate', 'byteRate'];
    if (AstUtils.getContainerOfType(node, isLengthOption)) return ['length'];
    if (AstUtils.getContainerOfType(node, isBudget)) return ['power'];
    if (AstUtils.getContainerOfType(node, isPhase)) return ['dataSize'];
    return [];
}
