/**
 * A failure set named the way people name parts — by model path, failure-domain name or link —
 * resolved to the ids `failureImpact` takes. One resolver serves the diagram's click-to-fail
 * request and the CLI's `failures --fail`, so both fail exactly the same parts.
 *
 * Accepted names, tried in this order:
 * - `link#17`: one link by id (what a diagram bundle or link element carries);
 * - `a <-> b` or `a ↔ b`: every link between two nodes given by path;
 * - a failure domain's name (`switch_tray[3]`, `laser rack[0].els[1]`): its nodes, links and laser sources;
 * - a node path (`rack[0].nvswitch[3].sw[1]`) or a laser-source path;
 * - a group path (`rack[2]`, `spine.spine_rack[0]`): every node and laser source below it.
 */
import type { FabricModel } from '../model/fabric-model.js';

export interface FailureSelection {
    /** The names as given, joined: the name the failure result carries. */
    readonly name: string;
    readonly nodeIds: number[];
    readonly linkIds: number[];
    readonly laserSourceIds: number[];
}

export interface ResolvedFailureSelection {
    readonly selection: FailureSelection;
    /** Names that matched nothing in the model (callers report them; nothing is failed for them). */
    readonly unknown: string[];
}

export function resolveFailureSelection(model: FabricModel, names: readonly string[]): ResolvedFailureSelection {
    const nodes = new Set<number>(), links = new Set<number>(), lasers = new Set<number>();
    const unknown: string[] = [];
    const nodeByPath = new Map(model.nodes.map(n => [n.path, n.id]));
    const laserByPath = new Map(model.laserSources.map(l => [l.path, l.id]));
    const groupByPath = new Map(model.groups.map(g => [g.path, g.id]));
    const domainByName = new Map(model.failureDomains.map(d => [d.name, d]));
    for (const raw of names) {
        const name = raw.trim();
        const linkId = /^link#(\d+)$/.exec(name);
        const ends = name.split(/\s*(?:<->|↔)\s*/);
        if (linkId) {
            const id = Number(linkId[1]);
            if (model.links[id]) links.add(id); else unknown.push(raw);
        } else if (ends.length === 2) {
            const a = nodeByPath.get(ends[0]), b = nodeByPath.get(ends[1]);
            const between = a === undefined || b === undefined ? [] : model.links.filter(l => (l.a === a && l.b === b) || (l.a === b && l.b === a));
            if (between.length === 0) unknown.push(raw);
            for (const l of between) links.add(l.id);
        } else if (domainByName.has(name)) {
            const d = domainByName.get(name)!;
            d.nodeIds.forEach(id => nodes.add(id));
            d.linkIds.forEach(id => links.add(id));
            d.laserSourceIds.forEach(id => lasers.add(id));
        } else if (nodeByPath.has(name)) {
            nodes.add(nodeByPath.get(name)!);
        } else if (laserByPath.has(name)) {
            lasers.add(laserByPath.get(name)!);
        } else if (groupByPath.has(name) && name !== model.groups[0]?.path) {
            collectGroup(model, groupByPath.get(name)!, nodes, lasers);
        } else {
            unknown.push(raw);
        }
    }
    const byId = (s: Set<number>) => [...s].sort((x, y) => x - y);
    return { selection: { name: names.join(', '), nodeIds: byId(nodes), linkIds: byId(links), laserSourceIds: byId(lasers) }, unknown };
}

/** Nodes and laser sources of a group and all groups below it (iteratively: nesting depth is the user's). */
function collectGroup(model: FabricModel, groupId: number, nodes: Set<number>, lasers: Set<number>): void {
    const stack = [groupId];
    while (stack.length > 0) {
        const group = model.groups[stack.pop()!];
        if (!group) continue;
        group.nodeIds.forEach(id => nodes.add(id));
        group.laserSourceIds.forEach(id => lasers.add(id));
        for (const child of group.childGroupIds) stack.push(child);
    }
}
