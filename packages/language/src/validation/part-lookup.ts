import { parseQuantity, type Dimension } from '@fabric/simulator';
import { AstUtils, GrammarUtils, URI, type AstNode, type LangiumDocuments } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isFabricFile, isPartType, isQuantity, isWordValue, type FabricFile, type PartType, type Property, type Quantity } from '../generated/ast.js';
import type { FabricImports } from '../workspace/fabric-imports.js';
import { memberStatements } from './declarations.js';

/** The property that sets `name` for a part type: its own, else the nearest base type's. */
export function findProperty(part: PartType, name: string): Property | undefined {
    const seen = new Set<PartType>();
    for (let current: PartType | undefined = part; current && !seen.has(current); current = current.base?.ref) {
        seen.add(current);
        const own = current.properties.filter(p => p.name === name);
        if (own.length > 0) return own[own.length - 1];
    }
    return undefined;
}

/** A written quantity in its base unit, if it has the expected dimension (problems are reported elsewhere). */
export function quantityIn(quantity: Quantity | undefined, dimension: Dimension): number | undefined {
    if (quantity?.value === undefined || quantity.negative) return undefined;
    const parsed = parseQuantity(quantity.value, quantity.unit, dimension);
    return parsed.ok ? parsed.value : undefined;
}

export function propertyQuantity(part: PartType, name: string, dimension: Dimension): number | undefined {
    const value = findProperty(part, name)?.value;
    return isQuantity(value) ? quantityIn(value, dimension) : undefined;
}

export function propertyWord(part: PartType, name: string): string | undefined {
    const value = findProperty(part, name)?.value;
    return isWordValue(value) ? value.word : undefined;
}

/** Related information pointing at a declaration (or one of its properties). */
export function relatedAt(node: AstNode | undefined, message: string, property?: string): DiagnosticRelatedInformation[] {
    const cst = node && (property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : node.$cstNode);
    return node && cst ? [{ location: { uri: AstUtils.getDocument(node).uri.toString(), range: cst.range }, message }] : [];
}

/** Part type declarations visible from a document (its own and its imports'), by name. */
export function visiblePartTypes(root: FabricFile, documents: LangiumDocuments, imports: FabricImports): Map<string, PartType> {
    const types = new Map<string, PartType>();
    const document = AstUtils.getDocument(root);
    for (const uri of imports.visibleUris(document)) {
        const file = uri === document.uri.toString() ? root : documents.getDocument(URI.parse(uri))?.parseResult.value;
        if (!isFabricFile(file)) continue;
        for (const node of memberStatements(file)) {
            if (isPartType(node) && node.name && !types.has(node.name)) types.set(node.name, node);
        }
    }
    return types;
}
