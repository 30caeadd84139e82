import {
    AstUtils, DefaultLinker, interruptAndCheck,
    type AstNode, type AstNodeDescription, type CstNode, type LangiumDocument, type LinkingError, type Reference, type ReferenceInfo
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { isInstance, isSegment } from '../generated/ast.js';
import { article } from '../wording.js';
import { LinkedReference } from './linked-reference.js';

const WHAT: Readonly<Record<string, string>> = {
    PartType: 'part type',
    Named: 'instance, group or layer',
    Configuration: 'OCS configuration in this fabric',
    IndexVariable: 'index variable of the enclosing failure domain'
};

/** Linking errors that say what kind of thing was looked for, and where. */
export class FabricLinker extends DefaultLinker {
    /** References built by the parse in progress, in text order (see `collectFrom`); each is its own ReferenceInfo. */
    private collecting: LinkedReference[] | undefined;
    /** Every reference of a syntax tree, recorded as the parser built them; dropped with the tree. */
    private readonly built = new WeakMap<AstNode, readonly ReferenceInfo[]>();

    /**
     * Records each reference as the parser builds it, so that linking visits the list instead of
     * walking the whole tree a second time looking for them (streaming the AST was about 40 % of
     * linking a 50k-line fabric).
     */
    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        const reference = new LinkedReference(this.referenceResolver, node, property, refNode, refText);
        this.collecting?.push(reference);
        return reference;
    }

    /** Runs a parse, keeping the references it builds for its tree (FabricParser wraps every parse in this). */
    collectFrom<T extends { value: AstNode }>(parse: () => T): T {
        const outer = this.collecting;
        const collected: LinkedReference[] = [];
        this.collecting = collected;
        try {
            const result = parse();
            this.built.set(result.value, collected);
            return result;
        } finally {
            this.collecting = outer;
        }
    }

    /** The references the parser built for the tree rooted at `root`, in text order (empty for a tree it did not record). */
    recorded(root: AstNode): readonly ReferenceInfo[] {
        return this.built.get(root) ?? [];
    }

    /**
     * Links every reference, checking for cancellation every few hundred references rather than
     * awaiting between every node: the per-node await was most of the linking time of a 50k-line
     * fabric. A tree the parser did not record (built otherwise) is walked.
     */
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        const root = document.parseResult.value;
        const built = this.built.get(root);
        let count = 0;
        if (built) {
            // An indexed loop: a for-of here allocated an iterator per step (the loop of an async function).
            for (let i = 0; i < built.length; i++) {
                if (++count % 1024 === 0) await interruptAndCheck(cancelToken);
                this.doLink(built[i], document);
            }
            return;
        }
        for (const node of AstUtils.streamAst(root)) {
            if (++count % 512 === 0) await interruptAndCheck(cancelToken);
            AstUtils.streamReferences(node).forEach(ref => this.doLink(ref, document));
        }
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        const name = refInfo.reference.$refText;
        const container = refInfo.container;
        let where = 'visible here';
        if (isSegment(container)) {
            const segments = container.$container?.segments ?? [];
            const position = segments.indexOf(container);
            const previous = position > 0 ? segments[position - 1].target : undefined;
            if (isInstance(previous?.ref)) {
                const kind = previous.ref.kind;
                return { ...error, message: `cannot resolve '${name}': '${previous.$refText}' is ${article(kind)} ${kind} and has no members; remove '.${name}'` };
            }
            if (previous) where = `inside '${previous.$refText}'`;
        }
        const message = type === 'PartType'
            ? `cannot resolve '${name}': no part type named '${name}' is declared in this file or its imports`
            : `cannot resolve '${name}': no ${WHAT[type] ?? type} named '${name}' is ${where}`;
        return { ...error, message };
    }
}
