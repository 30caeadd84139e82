import { figureProvenance, linkMetrics, linksPerLaserSource, type Analysis, type FabricModel, type LinkMetrics, type NodeReport } from '@fabric/simulator';
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { MultilineCommentHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isBudget, isConnect, isFabric, isProperty, isSource, isFailureDomain, isGroup, isInstance, isLayer, isPartType, isPhase, isQuantity, isSegment, isWorkload, type Connect,
    type Fabric, type FailureDomain, type Group, type Instance, type Layer, type PartType, type Phase, type Workload
} from '../generated/ast.js';
import { fabricTable, partTypeTable, workloadTable } from './declaration-tables.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';
import type { FabricServices } from '../fabric-module.js';
import { analysisIndex, declarationKey, modelAround, nameKey, sourceKey } from './analysis-index.js';
import { failureTable, groupTable, linkTable, nodeTable, phaseTable } from './analysis-tables.js';
import type { FabricAnalyses } from './fabric-analyses.js';
import { quantityForms } from './quantity-forms.js';
import { provenanceMarks } from './provenance-notes.js';
import { figureHover } from './figure-hover.js';
import type { FabricSettings } from '../workspace/fabric-settings.js';

/**
 * Hovers that answer "what does this cost, and what breaks": Markdown tables of the Analysis for
 * a connection (bandwidth, watts with the breakdown, latency stack), a part or group (power,
 * ports, share of the budget), a failure domain (blast radius, slowdown, failures per day,
 * repair), a phase (time, algbw, busbw, algorithm, bottleneck, energy), a workload (its phases),
 * a fabric (its totals), a part type (its properties; for a link type, one link's power), and a
 * quantity's normalized forms. Elsewhere, the documentation comment of the declaration.
 */
export class FabricHoverProvider extends MultilineCommentHoverProvider {
    private readonly elaboration: FabricElaboration;
    private readonly analyses: FabricAnalyses;
    private readonly settings: FabricSettings;

    constructor(services: FabricServices) {
        super(services as LangiumServices);
        this.elaboration = services.elaboration.FabricElaboration;
        this.analyses = services.analysis.FabricAnalyses;
        this.settings = services.settings.FabricSettings;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const markdown = leaf && this.analysisHover(leaf.astNode);
        return markdown ? { contents: { kind: 'markdown', value: markdown } } : super.getHoverContent(document, params);
    }

    /**
     * A hover never holds up an edit's diagnostics and never waits for an analysis: it reads the
     * cached one; until that exists, a connection's links are priced on their own (cheap, by the
     * simulator's link metrics) and everything else says its numbers are on their way.
     */
    protected analysisHover(node: AstNode): string | undefined {
        const quantity = AstUtils.getContainerOfType(node, isQuantity);
        if (quantity) {
            const forms = quantityForms(quantity);
            const figure = figureHover(quantity);
            return forms && figure ? `${forms}\n\n${figure}` : forms ?? figure;
        }
        const source = AstUtils.getContainerOfType(node, isSource);
        if (source && (isProperty(source.$container) || isBudget(source.$container))) return figureHover(source);
        const segment = AstUtils.getContainerOfType(node, isSegment);
        const target = segment?.target?.ref;
        const declaration = target && (isInstance(target) || isGroup(target) || isLayer(target)) ? target
            : AstUtils.getContainerOfType(node, (n): n is Instance | Phase | FailureDomain | Connect | Group | Layer | PartType | Workload =>
                isInstance(n) || isPhase(n) || isFailureDomain(n) || isConnect(n) || isGroup(n) || isLayer(n) || isPartType(n) || isWorkload(n));
        if (!declaration) return isFabric(node) && node.name ? this.fabricHover(node) : undefined;
        if (!isConnect(declaration) && !declaration.name) return undefined; // half-typed: the name is still to come
        if (isPartType(declaration)) return partTypeTable(declaration);
        const around = modelAround(declaration, this.elaboration);
        if (!around) return undefined;
        const { model } = around;
        if (isWorkload(declaration)) return workloadTable(declaration, model, this.analyses.cached(model));
        if (isFailureDomain(declaration)) {
            const analysis = this.analyses.cached(model);
            const results = analysis && analysisIndex(model, analysis).failureDomains.get(nameKey(declaration) ?? '');
            return analysis && results?.length ? failureTable(results, undefined, provenanceMarks(analysis.provenance)) : `**failure domain ${declaration.name}** · ${this.notYet(model, 'failures')}`;
        }
        const analysis = this.analyses.cached(model);
        if (!analysis) {
            if (!isConnect(declaration)) return `**${declaration.name}** · ${this.notYet(model, 'phases')}`;
            return this.linksOnTheirOwn(declaration, model);
        }
        return this.tableFor(declaration, model, analysis);
    }

    /** Why numbers are missing: the analysis is on its way, waits for a save, or its time budget stopped it. */
    private notYet(model: FabricModel, needs: 'phases' | 'failures'): string {
        const budget = this.analyses.outcome(model)?.budgetReached;
        if (budget && (needs === 'failures' || budget.stopped === 'phases')) {
            return `not computed: the analysis stopped at its time budget (${budget.stopped === 'phases' ? 'totals and phases' : 'failure sweep'})`;
        }
        if (!this.analyses.outcome(model) && this.settings.runOn === 'save') return 'the analysis runs when the file is saved';
        return needs === 'failures' ? 'the failure sweep is running; its numbers follow when it finishes' : 'analysis running; its numbers follow when it finishes';
    }

    private fabricHover(fabric: Fabric): string | undefined {
        const around = modelAround(fabric, this.elaboration);
        return around ? fabricTable(around.model, this.analyses.cached(around.model)) : undefined;
    }

    /** A connection's links priced by the simulator's link metrics alone, before the whole analysis exists. */
    private linksOnTheirOwn(connect: Connect, model: FabricModel): string | undefined {
        const key = declarationKey(connect);
        const fed = linksPerLaserSource(model);
        const links = model.links.filter(l => sourceKey(l.source) === key).map(l => linkMetrics(model, l, fed));
        return links.length ? linkTable(links, provenanceMarks(figureProvenance(model), linkParts(model, links))) : undefined;
    }

    private tableFor(declaration: Instance | Phase | Connect | Group | Layer, model: FabricModel, analysis: Analysis): string | undefined {
        const index = analysisIndex(model, analysis);
        if (isConnect(declaration)) {
            const links = index.links.get(declarationKey(declaration) ?? '');
            return links?.length ? linkTable(links, provenanceMarks(analysis.provenance, linkParts(model, links))) : undefined;
        }
        if (isPhase(declaration)) {
            const phase = index.phases.get(nameKey(declaration) ?? '')?.[0];
            return phase ? phaseTable(phase, provenanceMarks(analysis.provenance)) : undefined;
        }
        if (isInstance(declaration)) {
            const nodes = index.nodes.get(nameKey(declaration) ?? '');
            return nodes?.length ? nodeTable(model, analysis, nodes, provenanceMarks(analysis.provenance, nodeParts(model, nodes))) : undefined;
        }
        const groups = index.groups.get(nameKey(declaration) ?? '');
        return groups?.length ? groupTable(model, analysis, groups, provenanceMarks(analysis.provenance)) : undefined;
    }
}

/** The part types a connection's numbers are made of: its optics and the laser sources feeding it. */
function linkParts(model: FabricModel, links: readonly LinkMetrics[]): Set<string> {
    const parts = new Set(links.map(l => l.optics));
    for (const l of links) if (l.laserSourceId !== undefined) parts.add(model.laserSources[l.laserSourceId]?.type ?? '');
    return parts;
}

/** A node's power is its own plus half of each link it terminates: its type and those links' optics. */
function nodeParts(model: FabricModel, nodes: readonly NodeReport[]): Set<string> {
    const ids = new Set(nodes.map(n => n.id));
    const parts = new Set(nodes.map(n => n.type));
    for (const link of model.links) if (ids.has(link.a) || ids.has(link.b)) parts.add(link.optics);
    return parts;
}
