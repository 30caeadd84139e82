import { formatQuantity, type FabricLink, type FabricModel, type OcsCircuit } from '@fabric/simulator';
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isConnect, type Connect, type Fabric, type PartType } from '../generated/ast.js';
import { FabricCode } from './fabric-codes.js';
import { linksByStatement, nodeKey } from './model-index.js';
import { findProperty, propertyWord, relatedAt } from './part-lookup.js';

type AnyLink = FabricLink | OcsCircuit;

export interface LinkEndContext {
    readonly model: FabricModel;
    readonly partTypes: ReadonlyMap<string, PartType>;
}

/**
 * Both ends of a link must run at the link's rate and speak its protocol: a 4 × 200 Gbps cable
 * into a 400 Gbps port, or a PCIe link into a UCIe-only switch, is a design error the editor
 * can name before any simulation.
 */
export function linkEndsShouldAgree(fabric: Fabric, context: LinkEndContext, accept: ValidationAcceptor): void {
    const byStatement = linksByStatement(context.model);
    for (const connect of AstUtils.streamAllContents(fabric).filter(isConnect)) {
        const links = byStatement.get(nodeKey(connect) ?? '');
        if (links && links.length > 0) statementEndsShouldAgree(connect, links, context, accept);
    }
}

function statementEndsShouldAgree(connect: Connect, links: readonly AnyLink[], context: LinkEndContext, accept: ValidationAcceptor): void {
    const { model, partTypes } = context;
    const rateProblems = new Map<string, DiagnosticRelatedInformation[]>();
    const protocolProblems = new Map<string, DiagnosticRelatedInformation[]>();
    const seen = new Set<string>();
    for (const link of links) {
        const linkRate = link.lanes * link.laneRateBps;
        for (const end of [link.a, link.b]) {
            const typeName = model.nodes[end]?.type;
            const key = `${typeName}|${linkRate}|${link.protocol}`;
            if (!typeName || seen.has(key)) continue;
            seen.add(key);
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
