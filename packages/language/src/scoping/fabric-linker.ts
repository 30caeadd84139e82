import {
    AstUtils, DefaultLinker, interruptAndCheck,
    type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { isInstance, isSegment } from '../generated/ast.js';
import { article } from '../wording.js';

const WHAT: Readonly<Record<string, string>> = {
    PartType: 'part type',
    Named: 'instance, group or layer',
    Configuration: 'OCS configuration in this fabric',
    IndexVariable: 'index variable of the enclosing failure domain'
};

/** Linking errors that say what kind of thing was looked for, and where. */
export class FabricLinker extends DefaultLinker {
    /**
     * Links every reference, checking for cancellation every few hundred nodes rather than awaiting
     * between every node: the per-node await was most of the linking time of a 50k-line fabric.
     */
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        let count = 0;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
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
