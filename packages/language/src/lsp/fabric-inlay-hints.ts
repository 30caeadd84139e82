import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isConnect, isPhase } from '../generated/ast.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';
import type { FabricServices } from '../fabric-module.js';
import { analysisIndex, declarationKey, modelAround, nameKey } from './analysis-index.js';
import type { FabricAnalyses } from './fabric-analyses.js';
import { linkHeadline, phaseHeadline } from './headline-numbers.js';

/**
 * Watts and latency after each connection, time after each phase. Reads only an analysis that is
 * already there (the AnalysisScheduler computes it after an edit and asks the editor to refresh),
 * so asking for hints never starts a simulation.
 */
export class FabricInlayHintProvider extends AbstractInlayHintProvider {
    private readonly elaboration: FabricElaboration;
    private readonly analyses: FabricAnalyses;

    constructor(services: FabricServices) {
        super();
        this.elaboration = services.elaboration.FabricElaboration;
        this.analyses = services.analysis.FabricAnalyses;
    }

    computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
        if (!isConnect(node) && !isPhase(node)) return;
        const around = modelAround(node, this.elaboration);
        const analysis = around && this.analyses.cached(around.model);
        const end = node.$cstNode?.range.end;
        if (!around || !analysis || !end) return;
        const index = analysisIndex(around.model, analysis);
        const label = isConnect(node)
            ? (index.links.get(declarationKey(node) ?? '')?.length ? linkHeadline(index.links.get(declarationKey(node)!)!) : undefined)
            : (index.phases.get(nameKey(node) ?? '')?.[0] ? phaseHeadline(index.phases.get(nameKey(node)!)![0]).split(' · ')[0] : undefined);
        if (label) accept({ position: end, label: ` ${label}`, kind: InlayHintKind.Type, paddingLeft: true });
    }
}
