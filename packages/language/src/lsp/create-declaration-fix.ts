import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver';
import {
    isConfigurationOption, isConnect, isFabric, isGroup, isInstance, isLayer, isLengthOption, isPartType, isPhase,
    type Connect, type Fabric, type FabricFile, type Instance, type PartKind, type PartType, type Phase
} from '../generated/ast.js';
import { PART_PROPERTIES } from '../elaboration/part-properties.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { quantityValue } from '../elaboration/quantities.js';
import { SourceRefs } from '../elaboration/source-refs.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';
import { memberStatements } from '../validation/declarations.js';
import { propertyWord } from '../validation/part-lookup.js';

/** What a "create" fix inserts, and where. */
export interface Creation {
    readonly title: string;
    readonly at: Position;
    readonly text: string;
}

/** Sample values for required properties: valid, and plainly placeholders to edit. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
    ports: '8', radix: '64', reconfiguration: '10 ms', kind: 'dac', lanes: '2 x 200 Gbps per-direction', reach: '2 m', lasers: '8'
};

/**
 * The declaration an unresolved name asks for, made so that what asked for it works: a part type
 * with enough ports for the connections its instances take part in (and a spare for a laser
 * source), a link type that reaches the cable's length at the rate and protocol of the ends' ports,
 * or an OCS configuration that joins the phase's participants through the fabric's OCS.
 * Undefined where no such declaration can be written (a configuration in a fabric without OCS).
 */
export function creationFor(name: string, node: AstNode, document: LangiumDocument<FabricFile>, elaboration: FabricElaboration, visible: ReadonlyMap<string, PartType>): Creation | undefined {
    const root = document.parseResult.value;
    const fabric = AstUtils.getContainerOfType(node, isFabric);
    const option = AstUtils.getContainerOfType(node, isConfigurationOption);
    if (option) {
        const phase = AstUtils.getContainerOfType(option, isPhase);
        return fabric && phase ? configurationFor(name, phase, fabric, document, elaboration, visible) : undefined;
    }
    const instance = AstUtils.getContainerOfType(node, isInstance);
    const connect = AstUtils.getContainerOfType(node, isConnect);
    const kind: PartKind | undefined = instance?.type?.$refText === name ? instance.kind : connect?.optics?.$refText === name ? 'link' : undefined;
    if (!kind) return undefined;
    const values: Record<string, string> = { ...PLACEHOLDERS };
    if (instance && fabric) {
        const ports = String(Math.max(Number(kind === 'switch' ? PLACEHOLDERS.radix : PLACEHOLDERS.ports), portsBound(instance, fabric, elaboration, document)));
        values[kind === 'switch' ? 'radix' : 'ports'] = ports;
    }
    const extra: string[] = kind === 'laser' ? ['spares 1'] : [];
    if (connect) {
        Object.assign(values, linkFor(connect, visible));
        const protocol = endProtocol(connect, visible);
        if (protocol) extra.push(`protocol ${protocol}`);
    }
    const required = Object.entries(PART_PROPERTIES[kind]).filter(([, spec]) => spec.required).map(([property]) => `${property} ${values[property] ?? '0'}`);
    const anchor = root.elements.find(isFabric)?.$cstNode ?? root.$cstNode;
    const body = [...required, ...extra].map(line => `    ${line}`).join('\n');
    return { title: `Create ${kind} type '${name}'`, at: document.textDocument.positionAt(anchor?.offset ?? 0), text: `${kind} ${name} {\n${body}\n}\n\n` };
}

/**
 * Most ports an instance of the new type can need: one per link to every other node, for each
 * connection that names it (a bound, not a count: its own links are not in the model yet).
 */
function portsBound(instance: Instance, fabric: Fabric, elaboration: FabricElaboration, document: LangiumDocument): number {
    const model = elaboration.of(document).modelOf.get(fabric);
    const elements = instance.range ? instance.range.to - instance.range.from + 1 : 1;
    const naming = [...memberStatements(fabric)].filter(s => isConnect(s) && [s.from, s.to].some(sel => sel?.segments?.some(seg => seg.target?.$refText === instance.name))).length;
    return naming * ((model?.nodes.length ?? 0) + (Number.isFinite(elements) ? elements : 0));
}

/** A link type's kind, lanes and reach for a connection: one lane at the ends' port rate, reaching its cable. */
function linkFor(connect: Connect, visible: ReadonlyMap<string, PartType>): Record<string, string> {
    const length = quantityValue(connect.options.find(isLengthOption)?.length, ['length'], () => undefined, '');
    const values: Record<string, string> = {};
    if (length !== undefined && length > 2) values.reach = `${Math.ceil(length)} m`;
    if (length !== undefined && length > 7) values.kind = 'pluggable'; // copper reaches a few metres; longer runs are optical
    const rate = endTypes(connect, visible).map(t => portRate(t)).find(r => r !== undefined);
    if (rate !== undefined) values.lanes = `1 x ${rate / 1e9} Gbps per-direction`;
    return values;
}

function endProtocol(connect: Connect, visible: ReadonlyMap<string, PartType>): string | undefined {
    const protocols = new Set(endTypes(connect, visible).map(t => propertyWord(t, 'protocol')).filter(p => p !== undefined));
    return protocols.size === 1 ? [...protocols][0] : undefined;
}

/** Part types of the instances a connection's selections end in (a group stands for every instance below it). */
function endTypes(connect: Connect, visible: ReadonlyMap<string, PartType>): PartType[] {
    const types = new Set<PartType>();
    for (const selection of [connect.from, connect.to]) {
        const target = selection?.segments?.[selection.segments.length - 1]?.target?.ref;
        const instances = isInstance(target) ? [target] : isGroup(target) || isLayer(target) ? [...memberStatements(target)].filter(isInstance) : [];
        for (const instance of instances) {
            const type = instance.type?.ref ?? visible.get(instance.type?.$refText ?? '');
            if (type && isPartType(type)) types.add(type);
        }
    }
    return [...types];
}

function portRate(part: PartType): number | undefined {
    const resolved = new PartTypeResolver(() => undefined, new SourceRefs()).resolve(part);
    return resolved && (resolved.kind === 'accelerator' || resolved.kind === 'switch') ? resolved.type.portRateBps : undefined;
}

/** A configuration joining the phase's participants in a ring of circuits through every OCS of the fabric. */
function configurationFor(name: string, phase: Phase, fabric: Fabric, document: LangiumDocument, elaboration: FabricElaboration, visible: ReadonlyMap<string, PartType>): Creation | undefined {
    const model = elaboration.of(document).modelOf.get(fabric);
    const ocs = model?.nodes.filter(n => n.kind === 'ocs') ?? [];
    const circuit = [...visible.values()].find(p => p.kind === 'link' && propertyWord(p, 'kind') === 'ocs-circuit');
    const participants = phase.participants.length === 1 ? phase.participants[0].$cstNode?.text : undefined;
    const close = fabric.$cstNode && fabric.$cstNode.end - 1;
    if (ocs.length === 0 || !circuit || !participants || close === undefined || AstUtils.getContainerOfType(phase, isFabric) !== fabric) return undefined;
    const through = [...new Set(ocs.map(n => n.path.replace(/\[\d+\]$/, '')))].map(path => `${path}[*]`).join(', ');
    if (through.includes(',')) return undefined; // one connect goes through one selection of OCS
    const end = document.textDocument.positionAt(close);
    return {
        title: `Create configuration '${name}'`, at: end,
        text: `    configuration ${name} {\n        connect ${participants} ring via ${circuit.name} length 10 m through ${through}\n    }\n`
    };
}
