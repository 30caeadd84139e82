import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';

/**
 * Every diagnostic carries its code in `code`, where the Problems panel shows it and clients key
 * on it: Langium puts the codes of lexing, parsing and linking errors only in `data.code`.
 */
export class FabricDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const code = (diagnostic.data as { code?: unknown } | undefined)?.code;
            if (diagnostic.code === undefined && typeof code === 'string') diagnostic.code = code;
        }
        return diagnostics;
    }
}
