import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isConfiguration, isConfigurationOption, isConnect, isFabric, isFailureDomain, isGroup, isIndexExpr, isIndexVariable, isInstance,
    isLayer, isPartType, isPhase, isProperty, isQuantity, isSegment, isWordValue, isWorkload
} from '../generated/ast.js';

/**
 * Colours by meaning: part types as types, instances as variables, groups and layers as
 * namespaces, property names as properties, units as decorators, word values as enum members.
 */
export class FabricSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, accept: SemanticTokenAcceptor): void {
        const declaration = [SemanticTokenModifiers.declaration];
        if (isPartType(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.type, modifier: declaration });
            if (node.base) accept({ node, property: 'base', type: SemanticTokenTypes.type });
        } else if (isInstance(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
            if (node.type) accept({ node, property: 'type', type: SemanticTokenTypes.type });
        } else if (isGroup(node) || isLayer(node) || isFabric(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        } else if (isSegment(node)) {
            if (!node.target) return; // half-typed: `connect [*]`
            const target = node.target.ref;
            accept({ node, property: 'target', type: isInstance(target) ? SemanticTokenTypes.variable : SemanticTokenTypes.namespace });
        } else if (isConnect(node)) {
            if (node.optics) accept({ node, property: 'optics', type: SemanticTokenTypes.type });
        } else if (isProperty(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.property });
        } else if (isQuantity(node)) {
            accept({ node, property: 'value', type: SemanticTokenTypes.number });
            if (node.unit) accept({ node, property: 'unit', type: SemanticTokenTypes.decorator });
        } else if (isWordValue(node)) {
            accept({ node, property: 'word', type: SemanticTokenTypes.enumMember });
        } else if (isConfiguration(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.enum, modifier: declaration });
        } else if (isConfigurationOption(node)) {
            if (node.configuration) accept({ node, property: 'configuration', type: SemanticTokenTypes.enum });
        } else if (isFailureDomain(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.event, modifier: declaration });
        } else if (isIndexVariable(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.parameter, modifier: declaration });
        } else if (isIndexExpr(node) && node.variable) {
            accept({ node, property: 'variable', type: SemanticTokenTypes.parameter });
        } else if (isWorkload(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        } else if (isPhase(node)) {
            accept({ node, property: 'name', type: SemanticTokenTypes.method, modifier: declaration });
        }
    }
}
