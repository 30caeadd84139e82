import { unitsOf, DIMENSION_LABEL, type Dimension } from '@fabric/simulator';
import { AstUtils, GrammarAST, type AstNode, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { isBudget, isLaneSpec, isLengthOption, isPhase, isProperty, isQuantity } from '../generated/ast.js';
import { propertySpec } from '../elaboration/part-properties.js';
import { expectedDimensions } from './quantity-dimensions.js';

/**
 * Langium's keyword and reference completion, plus the units a quantity may take where it stands
 * (`reach 2 ` offers m, km, …) and the words a property accepts (`kind ` offers dac, aec, cpo, …).
 */
export class FabricCompletionProvider extends DefaultCompletionProvider {
    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment)?.feature;
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        if ((assignment === 'unit' || rule === 'Unit') && context.node) {
            for (const dimension of dimensionsAt(context.node)) {
                for (const unit of unitsOf(dimension).filter(u => !/^K(?!i)/.test(u))) {
                    acceptor(context, { label: unit, kind: CompletionItemKind.Unit, detail: DIMENSION_LABEL[dimension], sortText: `1${unit.length.toString().padStart(2, '0')}` });
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
