/**
 * Power and ports per node, group and fabric. A node's power is its own plus half of every link it
 * terminates at full load; a group's adds the laser sources it holds; the fabric's counts each link
 * once and each laser source once (a link's laser share is shown per link, never added twice).
 * Circuits count from the configuration the totals use; ports count the busiest configuration.
 */
import type { FabricModel, OcsCircuit } from '../model/fabric-model.js';
import type { GroupReport, LaserSourceReport, LinkMetrics, NodeReport, PowerBreakdown } from '../analysis/analysis.js';
import { laserSourcePowerWatts, linkBandwidthBytesPerSecond, linkPowerAtFullLoad, linksPerLaserSource, linkUsable } from '../links/link-metrics.js';
import { problem, type SimProblem } from '../analysis/problems.js';
import { formatQuantity } from '../units.js';

export interface PowerAndPorts {
    readonly nodes: NodeReport[];
    readonly groups: GroupReport[];
    readonly laserSources: LaserSourceReport[];
    readonly breakdown: PowerBreakdown;
    readonly powerWatts: number;
    /** Watts drawn whatever the traffic: switches, OCS, idle link watts, laser sources. */
    readonly fixedNetworkWatts: number;
    /** Σ bits/s of all links in both directions. */
    readonly bitsPerSecondBothDirections: number;
    readonly problems: SimProblem[];
}

export interface PowerOptions {
    /** A laser source without spares feeding more links than this is flagged. */
    readonly laserLinksWithoutSpares: number;
}

interface Span { a: number; b: number; bandwidth: number; watts: number; fixed: number }

function componentWatts(model: FabricModel, id: number): number {
    const c = model.components?.[id];
    const w = c ? model.types.components?.[c.type]?.powerWatts : undefined;
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
}

function ownWatts(model: FabricModel, id: number): number {
    const node = model.nodes[id];
    const w = node.kind === 'accelerator' ? model.types.accelerators[node.type]?.tdpWatts
        : node.kind === 'switch' ? model.types.switches[node.type]?.powerWatts : model.types.ocs[node.type]?.powerWatts;
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
}

function portsAvailable(model: FabricModel, id: number): number {
    const node = model.nodes[id];
    const p = node.kind === 'accelerator' ? model.types.accelerators[node.type]?.ports
        : node.kind === 'switch' ? model.types.switches[node.type]?.radix : model.types.ocs[node.type]?.ports;
    return p !== undefined && Number.isFinite(p) && p > 0 ? p : 0;
}

function circuitSpan(model: FabricModel, c: OcsCircuit): Span {
    const bandwidth = linkBandwidthBytesPerSecond(c.lanes, c.laneRateBps);
    const { dynamicWatts, fixedWatts, idleWatts } = linkPowerAtFullLoad(model.types.optics[c.optics], bandwidth);
    return { a: c.a, b: c.b, bandwidth, watts: dynamicWatts + fixedWatts, fixed: idleWatts };
}

/** Ancestor groups of a group, itself first. */
function ancestors(model: FabricModel, groupId: number): number[] {
    const chain: number[] = [];
    for (let g: number | null = groupId; g !== null && model.groups[g] && chain.length <= model.groups.length; g = model.groups[g].parentId) chain.push(g);
    return chain;
}

export function powerAndPorts(model: FabricModel, links: readonly LinkMetrics[], circuits: readonly OcsCircuit[], options: PowerOptions): PowerAndPorts {
    const problems: SimProblem[] = [];
    const n = model.nodes.length;
    const spans: Span[] = links.filter(l => linkUsable(model, model.links[l.id]))
        .map(l => ({ a: l.a, b: l.b, bandwidth: l.bandwidthBytesPerSecond, watts: l.power.dynamicWatts + l.power.fixedWatts, fixed: l.power.idleWatts }));
    for (const c of circuits) if (linkUsable(model, c)) spans.push(circuitSpan(model, c));

    const linkShare = new Float64Array(n);
    const injection = new Float64Array(n);
    const ports = new Int32Array(n);
    for (const s of spans) {
        linkShare[s.a] += s.watts / 2; linkShare[s.b] += s.watts / 2;
        injection[s.a] += s.bandwidth; injection[s.b] += s.bandwidth;
    }
    for (const l of model.links) {
        if (model.nodes[l.a] && model.nodes[l.b]) { ports[l.a]++; ports[l.b]++; }
    }
    // Circuits: the busiest configuration sets the ports an endpoint and an OCS need.
    const circuitPorts = new Int32Array(n);
    for (const config of model.ocsConfigurations) {
        const used = new Int32Array(n);
        for (const c of config.circuits) {
            if (!model.nodes[c.a] || !model.nodes[c.b] || !model.nodes[c.ocs]) continue;
            used[c.a]++; used[c.b]++; used[c.ocs] += 2;
        }
        for (let i = 0; i < n; i++) circuitPorts[i] = Math.max(circuitPorts[i], used[i]);
    }

    const nodes: NodeReport[] = model.nodes.map(node => {
        const own = ownWatts(model, node.id);
        const used = ports[node.id] + circuitPorts[node.id];
        const available = portsAvailable(model, node.id);
        const exceeded = available > 0 && used > available;
        if (exceeded) {
            problems.push(problem('capacity/ports-exceeded', 'error',
                `${node.path} uses ${used} ports but its ${node.kind} type '${node.type}' has ${available}`,
                { kind: 'node', id: node.id, path: node.path }, node.source));
        }
        return {
            id: node.id, path: node.path, kind: node.kind, type: node.type, powerWatts: own + linkShare[node.id], ownWatts: own,
            linkShareWatts: linkShare[node.id], portsUsed: used, portsAvailable: available, portsExceeded: exceeded,
            injectionBytesPerSecond: injection[node.id]
        };
    });

    const fed = linksPerLaserSource(model);
    const lanesFed = new Float64Array(model.laserSources.length);
    for (const l of model.links) {
        const lanes = (Number.isFinite(l.lanes) ? l.lanes : 0) + (Number.isFinite(l.spareLanes) ? l.spareLanes : 0);
        for (const id of [l.laserSourceId, l.laserSourceIdB]) if (id !== undefined && id >= 0 && id < lanesFed.length) lanesFed[id] += lanes;
    }
    const laserSources: LaserSourceReport[] = model.laserSources.map(ls => {
        const type = model.types.lasers[ls.type];
        const perLaser = type?.lanesPerLaser;
        const lanesCapacity = perLaser !== undefined && Number.isFinite(perLaser) && perLaser > 0 ? (type?.lasers ?? 0) * perLaser : null;
        const report = {
            id: ls.id, path: ls.path, type: ls.type, linksFed: fed[ls.id], lasers: type?.lasers ?? 0, spares: type?.spares ?? 0,
            powerWatts: laserSourcePowerWatts(model, ls.id), lanesFed: lanesFed[ls.id], lanesCapacity
        };
        if (lanesCapacity !== null && lanesFed[ls.id] > lanesCapacity) {
            problems.push(problem('laser/fan-out-exceeded', 'warning',
                `laser source ${ls.path} feeds ${lanesFed[ls.id]} optical lanes but its ${type!.lasers} lasers × ${perLaser} lanes per laser light only ${lanesCapacity}: add sources or lasers`,
                { kind: 'laser-source', id: ls.id, path: ls.path }, ls.source));
        }
        if (type && type.spares <= 0 && fed[ls.id] > options.laserLinksWithoutSpares) {
            problems.push(problem('laser/no-spares', 'warning',
                `laser source ${ls.path} has no spare laser yet feeds ${fed[ls.id]} links: one laser failure darkens them`,
                { kind: 'laser-source', id: ls.id, path: ls.path }, ls.source));
        }
        return report;
    });

    // Groups: sum over each node's and laser source's ancestors.
    const g = model.groups.length;
    const acc = { accelerators: new Float64Array(g), switches: new Float64Array(g), ocs: new Float64Array(g), links: new Float64Array(g), lasers: new Float64Array(g), components: new Float64Array(g) };
    const accelCount = new Int32Array(g);
    const chainOfGroup = new Map<number, number[]>();
    const chainOfNode = model.nodes.map(node => chainOfGroup.get(node.groupId) ?? chainOfGroup.set(node.groupId, ancestors(model, node.groupId)).get(node.groupId)!);
    for (const node of model.nodes) {
        const own = ownWatts(model, node.id);
        const bucket = node.kind === 'accelerator' ? acc.accelerators : node.kind === 'switch' ? acc.switches : acc.ocs;
        for (const a of chainOfNode[node.id]) {
            bucket[a] += own;
            acc.links[a] += linkShare[node.id];
            if (node.kind === 'accelerator') accelCount[a]++;
        }
    }
    for (const ls of laserSources) for (const a of ancestors(model, model.laserSources[ls.id].groupId)) acc.lasers[a] += ls.powerWatts;
    for (const c of model.components ?? []) for (const a of ancestors(model, c.groupId)) acc.components[a] += componentWatts(model, c.id);
    // Oversubscription is a property of a switch tier: what the group's accelerators send into the
    // group's switches (down) against what leaves the group through those switches (up). A group
    // without switches (a torus cube, a tray) has no tier, whatever crosses its boundary.
    const switchCount = new Int32Array(g);
    for (const node of model.nodes) if (node.kind === 'switch') for (const a of chainOfNode[node.id]) switchCount[a]++;
    const down = new Float64Array(g);
    const up = new Float64Array(g);
    for (const s of spans) {
        // Chains run innermost to outermost: what they share is their common tail.
        const A = chainOfNode[s.a], B = chainOfNode[s.b];
        let shared = 0;
        while (shared < A.length && shared < B.length && A[A.length - 1 - shared] === B[B.length - 1 - shared]) shared++;
        const kindA = model.nodes[s.a].kind, kindB = model.nodes[s.b].kind;
        if ((kindA === 'accelerator' && kindB === 'switch') || (kindA === 'switch' && kindB === 'accelerator')) {
            for (let i = A.length - shared; i < A.length; i++) down[A[i]] += s.bandwidth;
        }
        if (kindA === 'switch') for (let i = 0; i < A.length - shared; i++) up[A[i]] += s.bandwidth;
        if (kindB === 'switch') for (let i = 0; i < B.length - shared; i++) up[B[i]] += s.bandwidth;
    }
    const groups: GroupReport[] = model.groups.map(group => {
        const id = group.id;
        const breakdown: PowerBreakdown = {
            acceleratorsWatts: acc.accelerators[id], switchesWatts: acc.switches[id], ocsWatts: acc.ocs[id], linksWatts: acc.links[id], lasersWatts: acc.lasers[id],
            componentsWatts: acc.components[id]
        };
        const power = breakdown.acceleratorsWatts + breakdown.switchesWatts + breakdown.ocsWatts + breakdown.linksWatts + breakdown.lasersWatts + breakdown.componentsWatts;
        const budget = group.powerBudgetWatts !== undefined && Number.isFinite(group.powerBudgetWatts) ? group.powerBudgetWatts : null;
        const overBudget = budget !== null && power > budget;
        const ref = { kind: 'group' as const, id, path: group.path };
        if (overBudget) {
            problems.push(problem('power/budget-exceeded', 'warning',
                `${group.path} draws ${formatQuantity(power, 'power')} against a budget of ${formatQuantity(budget!, 'power')} `
                + `(accelerators ${formatQuantity(breakdown.acceleratorsWatts, 'power')}, switches ${formatQuantity(breakdown.switchesWatts, 'power')}, `
                + `OCS ${formatQuantity(breakdown.ocsWatts, 'power')}, links ${formatQuantity(breakdown.linksWatts, 'power')}, lasers ${formatQuantity(breakdown.lasersWatts, 'power')}`
                + `${breakdown.componentsWatts > 0 ? `, other parts ${formatQuantity(breakdown.componentsWatts, 'power')}` : ''})`,
                ref, group.source));
        }
        const oversubscription = up[id] > 0 && down[id] > 0 && accelCount[id] > 0 && switchCount[id] > 0 ? down[id] / up[id] : null;
        if (oversubscription !== null && oversubscription > 1 + 1e-9) {
            problems.push(problem('capacity/oversubscribed', 'info',
                `${group.path} is oversubscribed ${oversubscription.toPrecision(3)}:1 at its switch tier: its accelerators reach its switches with `
                + `${formatQuantity(down[id], 'byteRate')} but ${formatQuantity(up[id], 'byteRate')} leaves through them (per direction)`, ref, group.source));
        }
        return {
            id, path: group.path, kind: group.kind, powerWatts: power, breakdown, budgetWatts: budget, overBudget, accelerators: accelCount[id],
            downlinkBytesPerSecond: down[id], uplinkBytesPerSecond: up[id], oversubscription
        };
    });

    const breakdown: PowerBreakdown = {
        acceleratorsWatts: sumOwn(model, 'accelerator'), switchesWatts: sumOwn(model, 'switch'), ocsWatts: sumOwn(model, 'ocs'),
        linksWatts: spans.reduce((s, x) => s + x.watts, 0), lasersWatts: laserSources.reduce((s, x) => s + x.powerWatts, 0),
        componentsWatts: (model.components ?? []).reduce((s, c) => s + componentWatts(model, c.id), 0)
    };
    const powerWatts = breakdown.acceleratorsWatts + breakdown.switchesWatts + breakdown.ocsWatts + breakdown.linksWatts + breakdown.lasersWatts + breakdown.componentsWatts;
    const fixedNetworkWatts = breakdown.switchesWatts + breakdown.ocsWatts + breakdown.lasersWatts + spans.reduce((s, x) => s + x.fixed, 0);
    const bitsPerSecondBothDirections = spans.reduce((s, x) => s + 2 * 8 * x.bandwidth, 0);
    return { nodes, groups, laserSources, breakdown, powerWatts, fixedNetworkWatts, bitsPerSecondBothDirections, problems };
}

function sumOwn(model: FabricModel, kind: string): number {
    let total = 0;
    for (const node of model.nodes) if (node.kind === kind) total += ownWatts(model, node.id);
    return total;
}
