import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext, type NodeFormatter } from 'langium/lsp';
import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { FabricLexingReport } from '../parser/fabric-lexer.js';
import { isCatalogFile } from '../workspace/read-only-files.js';
import {
    isConfiguration, isConnect, isFabric, isFabricFile, isFailureDomain, isGroup, isIndex, isInstance, isLayer, isPartType,
    isPhase, isRange, isSelection, isShape, isWorkload, type FabricFile
} from '../generated/ast.js';

/**
 * Fixes indentation and line structure, and tightens selections (`R.compute[*].gpu[0..3]`).
 * A block written on one line stays on one line; spacing inside a statement is left alone, so
 * aligned columns survive. Idempotent: formatting formatted text changes nothing.
 */
export class FabricFormatter extends AbstractFormatter {
    /**
     * No edits for the shipped catalog (read-only), nor for a file whose too-deep blocks were not
     * read (FabricLexer): their text is not in the syntax tree, and formatting would delete it.
     */
    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        const report = document.parseResult.lexerReport as FabricLexingReport | undefined;
        if (isCatalogFile(document.uri) || report?.nestingTooDeep) return [];
        return super.doDocumentFormat(document, options, range);
    }

    protected format(node: AstNode): void {
        if (isFabricFile(node)) {
            this.topLevel(node);
        } else if (isFabric(node) || isGroup(node) || isLayer(node) || isPartType(node) || isWorkload(node) || isConfiguration(node)) {
            this.block(this.getNodeFormatter(node));
        }
        if (isSelection(node)) this.getNodeFormatter(node).keywords('.').surround(Formatting.noSpace());
        if (isIndex(node) || isRange(node)) this.brackets(this.getNodeFormatter(node));
        if (isInstance(node)) this.getNodeFormatter(node).keyword(':').surround(Formatting.oneSpace());
        if (isConnect(node) || isPhase(node) || isFailureDomain(node)) {
            const formatter = this.getNodeFormatter(node);
            // Not `keywords(',')`: Langium spreads the matches into push(), which overflows the stack on a list of 150,000 members.
            formatter.cst(GrammarUtils.findNodesForKeyword(node.$cstNode, ',')).prepend(Formatting.noSpace()).append(Formatting.oneSpace());
            if (isFailureDomain(node)) {
                formatter.keyword('[').prepend(Formatting.noSpace()).append(Formatting.noSpace());
                formatter.keyword(']').prepend(Formatting.noSpace());
                formatter.keyword('..').surround(Formatting.noSpace());
            }
        }
        if (isShape(node)) this.getNodeFormatter(node).keywords('x').surround(Formatting.noSpace());
    }

    /** Imports and top-level declarations each start a line at column 0. */
    private topLevel(file: FabricFile): void {
        const formatter = this.getNodeFormatter(file);
        const children = [...file.imports, ...file.elements];
        children.forEach((child, i) => {
            if (i > 0) formatter.node(child).prepend(Formatting.newLine({ allowMore: true }));
            formatter.node(child).prepend(Formatting.noIndent());
        });
    }

    private block(formatter: NodeFormatter<AstNode>): void {
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        const openNode = open.nodes[0];
        const closeNode = close.nodes[0];
        if (!openNode || !closeNode) return;
        open.prepend(Formatting.oneSpace());
        formatter.property('name' as never).prepend(Formatting.oneSpace());
        if (openNode.range.start.line === closeNode.range.start.line) {
            // `{ a }` and `{ }`: an empty block gets its one space from the closing brace alone (both would make two).
            if (!isEmptyBetween(openNode, closeNode)) open.append(Formatting.oneSpace());
            close.prepend(Formatting.oneSpace());
        } else {
            formatter.interior(open, close).prepend(Formatting.indent({ allowMore: true }));
            close.prepend(Formatting.newLine());
        }
    }

    /**
     * A comment on its own line takes the indentation of the code it stands in: its leading white
     * space is replaced as a whole. (Langium's default counts a tab as several columns but removes
     * one character per column, so `\t\t// c` went to column 0 and then to column 4.)
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const start = hidden.range.start;
        if (previous && previous.range.end.line === start.line) return [];
        const lineStart = { line: start.line, character: 0 };
        const existing = context.document.getText({ start: lineStart, end: start });
        if (existing.trim() !== '') return [];
        const move = this.findFittingMove({ start: lineStart, end: start }, formatting?.moves ?? [], context);
        const level = context.indentation + (move?.tabs ?? 0);
        const wanted = (context.options.insertSpaces ? ' '.repeat(context.options.tabSize) : '\t').repeat(level);
        return existing === wanted ? [] : [{ range: { start: lineStart, end: start }, newText: wanted }];
    }

    private brackets(formatter: NodeFormatter<AstNode>): void {
        formatter.keyword('[').prepend(Formatting.noSpace()).append(Formatting.noSpace());
        formatter.keyword(']').prepend(Formatting.noSpace());
        formatter.keyword('..').surround(Formatting.noSpace());
    }
}

/** Whether nothing but white space stands between two tokens of one node (no member, no comment). */
function isEmptyBetween(open: CstNode, close: CstNode): boolean {
    const text = open.root.fullText.slice(open.end, close.offset);
    return text.trim() === '';
}
