import type { FabricModel, FabricNode } from '@fabric/simulator';
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Fabric, PartType } from '../generated/ast.js';
import { FabricCode } from './fabric-codes.js';
import { rangeKey } from './model-index.js';
import { findProperty, relatedAt } from './part-lookup.js';

/**
 * Ports each node uses: one per static link end, plus the circuits of the busiest OCS
 * configuration (a circuit takes one port at each endpoint and two on the OCS it passes through).
 */
export function portsUsed(model: FabricModel): Int32Array {
    const used = new Int32Array(model.nodes.length);
    for (const link of model.links) { used[link.a]++; used[link.b]++; }
    const busiest = new Int32Array(model.nodes.length);
    for (const configuration of model.ocsConfigurations) {
        const here = new Int32Array(model.nodes.length);
        for (const circuit of configuration.circuits) { here[circuit.a]++; here[circuit.b]++; here[circuit.ocs] += 2; }
        for (let i = 0; i < here.length; i++) busiest[i] = Math.max(busiest[i], here[i]);
    }
    for (let i = 0; i < used.length; i++) used[i] += busiest[i];
    return used;
}

/** Radix of a switch, ports of an accelerator or OCS; undefined when its type did not resolve. */
export function portsAvailable(model: FabricModel, node: FabricNode): number | undefined {
    const types = model.types;
    return node.kind === 'switch' ? types.switches[node.type]?.radix
        : node.kind === 'ocs' ? types.ocs[node.type]?.ports
            : types.accelerators[node.type]?.ports;
}

/** A node must not use more ports than its type has: "switch `sw[3]` needs 80 ports; its radix is 72". */
export function portsShouldFitRadix(fabric: Fabric, model: FabricModel, partTypes: ReadonlyMap<string, PartType>, accept: ValidationAcceptor): void {
    const uri = AstUtils.getDocument(fabric).uri.toString();
    const used = portsUsed(model);
    const worst = new Map<string, { node: FabricNode; used: number; count: number }>();
    for (const node of model.nodes) {
        const available = portsAvailable(model, node);
        if (available === undefined || used[node.id] <= available || node.source.uri !== uri) continue;
        const key = rangeKey(node.source.range);
        const entry = worst.get(key);
        if (!entry) worst.set(key, { node, used: used[node.id], count: 1 });
        else {
            entry.count++;
            if (used[node.id] > entry.used) { entry.node = node; entry.used = used[node.id]; }
        }
    }
    for (const { node, used: needed, count } of worst.values()) {
        const limit = node.kind === 'switch' ? 'radix' : 'ports';
        const available = portsAvailable(model, node)!;
        const others = count > 1 ? `; ${count - 1} more declared here exceed it too` : '';
        const part = partTypes.get(node.type);
        accept('error', `${node.kind} '${node.path}' needs ${needed} ports; its ${limit === 'radix' ? 'radix' : 'port count'} is ${available}${others}`, {
            node: fabric, range: node.source.range, code: FabricCode.PortsExceeded, data: { code: FabricCode.PortsExceeded },
            relatedInformation: part ? relatedAt(findProperty(part, limit), `${node.type} sets ${limit} ${available} here`) : []
        });
    }
}
