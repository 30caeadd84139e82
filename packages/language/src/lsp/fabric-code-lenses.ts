import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isFabric, isFailureDomain, isPhase, type FabricFile } from '../generated/ast.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';
import type { FabricServices } from '../fabric-module.js';
import { memberStatements } from '../validation/declarations.js';
import { analysisIndex, nameKey } from './analysis-index.js';
import type { FabricAnalyses } from './fabric-analyses.js';
import { failureHeadline, phaseHeadline } from './headline-numbers.js';

/** Code lenses with the headline numbers of each phase and failure domain, from an analysis already computed. */
export class FabricCodeLensProvider implements CodeLensProvider {
    private readonly elaboration: FabricElaboration;
    private readonly analyses: FabricAnalyses;

    constructor(services: FabricServices) {
        this.elaboration = services.elaboration.FabricElaboration;
        this.analyses = services.analysis.FabricAnalyses;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[] | undefined> {
        const lenses: CodeLens[] = [];
        const elaboration = this.elaboration.of(document);
        for (const fabric of (document.parseResult.value as FabricFile).elements.filter(isFabric)) {
            const model = elaboration.modelOf.get(fabric);
            const analysis = model && this.analyses.cached(model);
            if (!model || !analysis) continue;
            const index = analysisIndex(model, analysis);
            for (const node of memberStatements(fabric)) {
                const range = node.$cstNode?.range;
                if (!range) continue;
                let title: string | undefined;
                if (isPhase(node)) {
                    const phase = index.phases.get(nameKey(node) ?? '')?.[0];
                    title = phase && `${node.name}: ${phaseHeadline(phase)}`;
                } else if (isFailureDomain(node)) {
                    const results = index.failureDomains.get(nameKey(node) ?? '');
                    title = results?.length ? `${node.name}: ${failureHeadline(results)}` : undefined;
                }
                if (title) lenses.push({ range: { start: range.start, end: range.start }, command: { title, command: '' } });
            }
        }
        return lenses;
    }
}
