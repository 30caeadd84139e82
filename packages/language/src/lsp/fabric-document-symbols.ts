import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider, DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import {
    isFailureDomain, isGroup, isIndexVariable, isInstance, isLayer, isPartType, isPhase, isProperty
} from '../generated/ast.js';

/** The outline: fabrics, groups, layers, instances with their types, part types, domains, workloads and phases. */
export class FabricDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, node: AstNode): DocumentSymbol[] {
        if (isProperty(node) || isIndexVariable(node)) return [];
        const symbols = super.getSymbol(document, node);
        for (const symbol of symbols) symbol.detail = detailOf(node);
        return symbols;
    }
}

function detailOf(node: AstNode): string | undefined {
    const range = (r?: AstNode) => r?.$cstNode?.text.replace(/\s+/g, '') ?? ''; // as written: `[0..1e309]`, never `[0..Infinity]`
    if (isInstance(node)) return `${node.kind}${range(node.range)}${node.type?.$refText ? ` : ${node.type.$refText}` : ''}`;
    if (isGroup(node)) return `${node.kind}${range(node.range)}`;
    if (isPartType(node)) return node.base?.$refText ? `${node.kind} extends ${node.base.$refText}` : node.kind;
    if (isLayer(node)) return node.ocs ? 'ocs layer' : 'layer';
    if (isPhase(node)) return node.collective;
    if (isFailureDomain(node)) return 'failure domain';
    return undefined;
}

/** Symbol and completion kinds by what a declaration is in the domain. */
export class FabricNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const type = 'type' in node && typeof node.type === 'string' && !('$type' in node) ? node.type : (node as AstNode).$type;
        switch (type) {
            case 'Fabric': return SymbolKind.Module;
            case 'Group': case 'Layer': return SymbolKind.Namespace;
            case 'PartType': return SymbolKind.Class;
            case 'Instance': return SymbolKind.Object;
            case 'Configuration': return SymbolKind.Enum;
            case 'FailureDomain': return SymbolKind.Event;
            case 'Workload': return SymbolKind.Function;
            case 'Phase': return SymbolKind.Method;
            default: return super.getSymbolKind(node);
        }
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        const symbol = this.getSymbolKind(node);
        return symbol === SymbolKind.Class ? CompletionItemKind.Class
            : symbol === SymbolKind.Namespace ? CompletionItemKind.Module
                : symbol === SymbolKind.Object ? CompletionItemKind.Variable
                    : symbol === SymbolKind.Enum ? CompletionItemKind.Enum
                        : super.getCompletionItemKind(node);
    }
}

