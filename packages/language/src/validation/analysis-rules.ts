import { ProblemCode, type Analysis, type FabricModel, type SimProblem, type SourceRef } from '@fabric/simulator';
import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isBudget, isGroup, isInstance, isLayer, isFabric, type Fabric, type PartType } from '../generated/ast.js';
import type { BudgetReached } from '../lsp/analysis-runner.js';
import { FabricCode } from './fabric-codes.js';
import { rangeKey } from './model-index.js';
import { findProperty, relatedAt } from './part-lookup.js';

/** Simulator findings checked on every edit instead (reach-rules, port-rules); every other one is a diagnostic under its own code. */
const CHECKED_ON_EVERY_EDIT: ReadonlySet<ProblemCode> = new Set([ProblemCode.ReachExceeded, ProblemCode.PortsExceeded]);

export interface AnalysisRuleContext {
    readonly document: LangiumDocument;
    readonly fabric: Fabric;
    readonly model: FabricModel;
    readonly analysis: Analysis;
    readonly partTypes: ReadonlyMap<string, PartType>;
}

/**
 * What the simulator finds, at the text that declares it: a budget exceeded (with the breakdown),
 * a failure domain that partitions the fabric, a laser source without spares feeding many links,
 * OCS reconfiguration longer than the phase it precedes, a phase with no path, latency asymmetry
 * among a collective's participants, an oversubscribed tier. An array declaration that expands
 * into many offenders is reported once, naming the first and counting the rest.
 */
export function fabricShouldSurviveAnalysis(context: AnalysisRuleContext, accept: ValidationAcceptor): void {
    const uri = context.document.uri.toString();
    const grouped = new Map<string, { problem: SimProblem; code: ProblemCode; count: number }>();
    for (const problem of context.analysis.problems) {
        if (CHECKED_ON_EVERY_EDIT.has(problem.code)) continue;
        if (problem.source && problem.source.uri !== uri) continue; // belongs to an imported file
        const code = problem.code;
        const key = `${code}|${problem.source ? rangeKey(problem.source.range) : ''}`;
        const entry = grouped.get(key);
        if (entry) entry.count++; else grouped.set(key, { problem, code, count: 1 });
    }
    for (const { problem, code, count } of grouped.values()) {
        const more = count > 1 ? ` (${count - 1} more declared here alike)` : '';
        const range = problem.source?.range ?? context.fabric.$cstNode!.range;
        accept(problem.severity, `${problem.message}${more}`, {
            node: context.fabric, range, code, data: { code, element: problem.element },
            relatedInformation: relatedFor(problem, context)
        });
    }
}

/**
 * An analysis stopped by its time budget (the language server's worker): say at the fabric's name
 * what was not computed, so that missing numbers are never mistaken for good news.
 */
export function analysisShouldFitItsBudget(fabric: Fabric, model: FabricModel, budget: BudgetReached, accept: ValidationAcceptor): void {
    const seconds = `${(budget.budgetMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
    const domains = model.failureDomains.length;
    const sweep = `the failure sweep (${domains.toLocaleString('en-US')} failure domain${domains === 1 ? '' : 's'})`;
    const message = budget.stopped === 'phases'
        ? `analysis of ${model.name} stopped at its ${seconds} budget: totals, phase times and ${sweep} were not computed`
        : `analysis of ${model.name} stopped at its ${seconds} budget: ${sweep} was not computed; totals and phase times are shown`;
    accept('warning', message, { node: fabric, property: 'name', code: FabricCode.AnalysisBudgetReached, data: { code: FabricCode.AnalysisBudgetReached, notComputed: budget.stopped } });
}

/** The declaration that sets the limit a problem is about. */
function relatedFor(problem: SimProblem, context: AnalysisRuleContext): DiagnosticRelatedInformation[] {
    const { model, partTypes } = context;
    const element = problem.element;
    switch (problem.code) {
        case ProblemCode.PowerBudgetExceeded: {
            const group = model.groups[element.id];
            const node = group && declarationAt(context, group.source.range.start);
            const container = node && AstUtils.getContainerOfType(node, n => isGroup(n) || isLayer(n) || isFabric(n));
            const budget = container && (container as { members: AstNode[] }).members.find(isBudget);
            return relatedAt(budget, 'the power budget is set here');
        }
        case ProblemCode.LaserWithoutSpares: {
            const laser = model.laserSources[element.id];
            const part = laser && partTypes.get(laser.type);
            return part ? relatedAt(findProperty(part, 'spares') ?? findProperty(part, 'lasers'), `${laser.type} sets its lasers and spares here`) : [];
        }
        case ProblemCode.OcsReconfigurationDominates: {
            // The OCS the phase's configuration switches through sets the reconfiguration time.
            const phase = model.workloads.flatMap(w => w.phases)[element.id];
            const circuit = model.ocsConfigurations.find(c => c.name === phase?.configuration)?.circuits[0];
            const ocsType = circuit ? model.nodes[circuit.ocs]?.type : undefined;
            const part = ocsType ? partTypes.get(ocsType) : undefined;
            return part ? relatedAt(findProperty(part, 'reconfiguration'), `${ocsType} reconfigures in this time`) : [];
        }
        case ProblemCode.PartitioningFailure: {
            // The parts that fail together: where the failure domain's members are declared.
            const domain = model.failureDomains.find(d => d.name === element.path);
            const parts = domain ? [...domain.nodeIds.map(id => model.nodes[id]?.source), ...domain.linkIds.map(id => model.links[id]?.source)] : [];
            return distinctSources(parts, 'fails with this domain');
        }
        case ProblemCode.Oversubscribed: {
            // The connections that carry traffic out of the group through its switches: its uplinks.
            const inside = groupMembers(model, element.id);
            const uplinks = model.links.filter(l => inside.has(l.a) !== inside.has(l.b)
                && model.nodes[inside.has(l.a) ? l.a : l.b].kind === 'switch');
            return distinctSources(uplinks.map(l => l.source), 'uplinks leaving the group are declared here');
        }
        default:
            return [];
    }
}

/** Related information at each distinct declaration (a declaration expanding to many parts appears once). */
function distinctSources(sources: ReadonlyArray<SourceRef | undefined>, message: string, limit = 8): DiagnosticRelatedInformation[] {
    const seen = new Map<string, DiagnosticRelatedInformation>();
    for (const source of sources) {
        if (!source) continue;
        const key = `${source.uri}#${rangeKey(source.range)}`;
        if (!seen.has(key) && seen.size < limit) seen.set(key, { location: { uri: source.uri, range: source.range }, message });
    }
    return [...seen.values()];
}

/** Ids of the nodes in a group and its subgroups. */
function groupMembers(model: FabricModel, groupId: number): Set<number> {
    const members = new Set<number>();
    const visit = (id: number) => {
        const group = model.groups[id];
        if (!group) return;
        group.nodeIds.forEach(n => members.add(n));
        group.childGroupIds.forEach(visit);
    };
    visit(groupId);
    return members;
}

/** The AST node declared at a position of the document (the name a SourceRef points at). */
function declarationAt(context: AnalysisRuleContext, position: { line: number; character: number }): AstNode | undefined {
    const root = context.document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, context.document.textDocument.offsetAt(position));
    return leaf?.astNode && (isInstance(leaf.astNode) || isGroup(leaf.astNode) || isLayer(leaf.astNode) || isFabric(leaf.astNode)) ? leaf.astNode : leaf?.astNode.$container;
}
