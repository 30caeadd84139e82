import { formatQuantity, linkBandwidthBytesPerSecond, type FabricLink, type FabricModel, type OcsCircuit } from '@fabric/simulator';
import { AstUtils, CstUtils, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isConnect, type Connect, type Fabric, type PartType } from '../generated/ast.js';
import { FabricCode } from './fabric-codes.js';
import { findProperty, propertyWord, relatedAt } from './part-lookup.js';

type AnyLink = FabricLink | OcsCircuit;

export interface LinkEndContext {
    readonly model: FabricModel;
    readonly partTypes: ReadonlyMap<string, PartType>;
}

/**
 * Both ends of a link must run at the link's rate and speak its protocol: a 4 × 200 Gbps cable
 * into a 400 Gbps port, or a PCIe link into a UCIe-only switch, is a design error the editor
 * can name before any simulation. Runs on every edit, so it looks at each distinct
 * (statement, end types, lanes) once, not at each of tens of thousands of links.
 */
export function linkEndsShouldAgree(fabric: Fabric, context: LinkEndContext, accept: ValidationAcceptor): void {
    const document = AstUtils.getDocument(fabric);
    const uri = document.uri.toString();
    const root = document.parseResult.value.$cstNode;
    const byStatement = new Map<Connect, AnyLink[]>();
    for (const link of distinctLinks(context.model)) {
        if (link.source.uri !== uri || !root) continue;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(link.source.range.start));
        const connect = leaf && AstUtils.getContainerOfType(leaf.astNode, isConnect);
        if (!connect) continue;
        const list = byStatement.get(connect);
        if (list) list.push(link); else byStatement.set(connect, [link]);
    }
    for (const [connect, links] of byStatement) statementEndsShouldAgree(connect, links, context, accept);
}

/** One representative link per distinct (statement, type of a, type of b, lanes). */
function distinctLinks(model: FabricModel): AnyLink[] {
    const typeIds = new Map<string, number>();
    const typeOf = (node: number) => {
        const name = model.nodes[node]?.type ?? '';
        let id = typeIds.get(name);
        if (id === undefined) typeIds.set(name, id = typeIds.size);
        return id;
    };
    const seen = new Set<string>();
    const result: AnyLink[] = [];
    const visit = (link: AnyLink, prefix: string) => {
        const key = `${prefix}${link.statement},${typeOf(link.a)},${typeOf(link.b)},${link.lanes}`;
        if (!seen.has(key)) { seen.add(key); result.push(link); }
    };
    for (const link of model.links) visit(link, '');
    model.ocsConfigurations.forEach((configuration, i) => configuration.circuits.forEach(c => visit(c, `c${i}:`)));
    return result;
}

function statementEndsShouldAgree(connect: Connect, links: readonly AnyLink[], context: LinkEndContext, accept: ValidationAcceptor): void {
    const { model, partTypes } = context;
    const rateProblems = new Map<string, DiagnosticRelatedInformation[]>();
    const protocolProblems = new Map<string, DiagnosticRelatedInformation[]>();
    for (const link of links) {
        const linkRate = linkBandwidthBytesPerSecond(link.lanes, link.laneRateBps) * 8; // bits per second, per direction
        for (const end of [link.a, link.b]) {
            const typeName = model.nodes[end]?.type;
            if (!typeName) continue;
            const portRate = model.types.accelerators[typeName]?.portRateBps ?? model.types.switches[typeName]?.portRateBps;
            const part = partTypes.get(typeName);
            if (portRate !== undefined && Math.abs(portRate - linkRate) > 1e-6 * portRate) {
                const message = `${connect.optics.ref?.name} carries ${formatQuantity(linkRate, 'bitRate')} per direction (${link.lanes} × ${formatQuantity(link.laneRateBps, 'bitRate')}); ${typeName} ports run at ${formatQuantity(portRate, 'bitRate')}`;
                rateProblems.set(message, part ? relatedAt(findProperty(part, 'port-rate'), `${typeName} sets its port rate here`) : []);
            }
            const endProtocol = part ? propertyWord(part, 'protocol') : undefined;
            if (link.protocol && endProtocol && endProtocol !== link.protocol) {
                const message = `this link speaks ${link.protocol}; ${typeName} speaks ${endProtocol}`;
                protocolProblems.set(message, relatedAt(findProperty(part!, 'protocol'), `${typeName} declares its protocol here`));
            }
        }
    }
    for (const [message, relatedInformation] of rateProblems) {
        accept('warning', message, { node: connect, property: 'optics', code: FabricCode.RateMismatch, data: { code: FabricCode.RateMismatch }, relatedInformation });
    }
    for (const [message, relatedInformation] of protocolProblems) {
        accept('warning', message, { node: connect, property: 'optics', code: FabricCode.ProtocolMismatch, data: { code: FabricCode.ProtocolMismatch }, relatedInformation });
    }
}
