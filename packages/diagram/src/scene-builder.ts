/**
 * FabricModel (+ Analysis when it is ready) → Scene at the viewer's level of detail. The topology
 * comes from the model alone, so the picture never waits for the analysis; the analysis adds the
 * numbers (watts, budgets, problems, phases, the chosen phase's load) read as they are.
 */
import { linkBandwidthBytesPerSecond, prepareFabric, type Analysis, type FabricModel, type OpticsKind, type SourceRef } from '@fabric/simulator';
import { visibility, type Visibility } from './level-of-detail.js';
import type { BoxProblem, BoxRole, BundleKinds, MemberCounts, Scene, SceneBox, SceneBundle, ScenePhase, SceneView } from './scene.js';
import { meshDimensions } from './mesh-dimensions.js';
import { shownPhase } from './shown-phase.js';

export interface SceneInput {
    readonly model: FabricModel;
    /** Null while the analysis runs (or when it could not run). */
    readonly analysis: Analysis | null;
    readonly analysisState?: 'pending' | 'unavailable';
    readonly view: SceneView;
    /**
     * The chosen phase's load per link, from the simulator (`PhaseResult.linkLoads`: the fraction of the
     * phase time a link is busy): static link ids, then `links.length + i` for circuit i of `loadsConfiguration`.
     */
    readonly linkLoads?: ArrayLike<number> | null;
    /** The OCS configuration whose circuits follow the static links in `linkLoads` (the phase's). */
    readonly loadsConfiguration?: string | null;
}

/** Six significant digits: the feed stays small, and every number formats as the editor shows it. */
const round = (x: number): number => {
    if (!Number.isFinite(x) || x === 0) return x;
    const scale = 10 ** (5 - Math.floor(Math.log10(Math.abs(x))));
    return Math.round(x * scale) / scale;
};

class SourceTable {
    readonly list: SourceRef[] = [];
    private readonly index = new Map<string, number>();
    private readonly byObject = new Map<SourceRef, number>();
    add(ref: SourceRef | undefined): number {
        if (!ref) return -1;
        const seen = this.byObject.get(ref);
        if (seen !== undefined) return seen;
        const key = `${ref.uri}#${ref.range.start.line}:${ref.range.start.character}-${ref.range.end.line}:${ref.range.end.character}`;
        let i = this.index.get(key);
        if (i === undefined) { i = this.list.length; this.list.push(ref); this.index.set(key, i); }
        this.byObject.set(ref, i);
        return i;
    }
}

function lastSegment(path: string): string {
    const dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.slice(dot + 1);
}

/** `rack[0].compute[3]` → 3 (0 for a scalar). */
function indexOf(path: string): number {
    const m = /\[(\d+)\]$/.exec(path);
    return m ? Number(m[1]) : 0;
}

/** The nodes are the elements 0..n−1 of one declared array (so their indices are grid positions). */
function oneArray(model: FabricModel, nodeIds: readonly number[]): boolean {
    const base = (path: string) => path.replace(/\[\d+\]$/, '');
    const first = base(model.nodes[nodeIds[0]].path);
    const seen = new Uint8Array(nodeIds.length);
    for (const n of nodeIds) {
        const node = model.nodes[n];
        if (base(node.path) !== first || node.index < 0 || node.index >= nodeIds.length || seen[node.index]) return false;
        seen[node.index] = 1;
    }
    return true;
}

function roleOf(counts: MemberCounts): BoxRole {
    return counts.accelerators > 0 ? 'compute' : counts.switches > 0 ? 'switch' : counts.ocs > 0 ? 'ocs' : 'compute';
}

/** Members per group id (recursively), by node kind. */
function memberCounts(model: FabricModel): MemberCounts[] {
    const counts = model.groups.map(() => ({ accelerators: 0, switches: 0, ocs: 0 }));
    for (const node of model.nodes) {
        let g: number | null = node.groupId;
        while (g !== null && counts[g]) {
            const c = counts[g];
            if (node.kind === 'accelerator') c.accelerators++; else if (node.kind === 'switch') c.switches++; else c.ocs++;
            g = model.groups[g].parentId;
        }
    }
    return counts;
}

/** The OCS configuration whose circuits are drawn: the chosen phase's, else the one the analysis totals count. */
function shownConfiguration(model: FabricModel, phase: string | null): string | null {
    if (model.ocsConfigurations.length === 0) return null;
    for (const w of model.workloads) {
        for (const p of w.phases) if (`${w.name}.${p.name}` === phase && p.configuration) return p.configuration;
    }
    return prepareFabric(model).totalsConfiguration;
}

function problemsByElement(analysis: Analysis | null): { nodes: Map<number, BoxProblem[]>; groups: Map<number, BoxProblem[]>; links: Map<number, BoxProblem[]> } {
    const nodes = new Map<number, BoxProblem[]>(), groups = new Map<number, BoxProblem[]>(), links = new Map<number, BoxProblem[]>();
    for (const p of analysis?.problems ?? []) {
        const map = p.element.kind === 'node' ? nodes : p.element.kind === 'group' ? groups : p.element.kind === 'link' ? links : null;
        if (!map) continue;
        const list = map.get(p.element.id) ?? map.set(p.element.id, []).get(p.element.id)!;
        if (list.length < 4) list.push({ severity: p.severity, code: p.code, message: p.message });
    }
    return { nodes, groups, links };
}

/** FNV-1a over the structure's text: equal keys, equal layouts. */
function hash(text: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}

interface BundleAcc {
    a: number; b: number; links: number; circuits: number; bandwidth: number; kinds: BundleKinds;
    watts: number; load: number; hasLoad: boolean; reachExceeded: number; src: Set<number>;
}

export function buildScene(input: SceneInput): Scene {
    const { model, analysis, view } = input;
    const vis: Visibility = visibility(model, view);
    const sources = new SourceTable();
    const counts = memberCounts(model);
    const problems = problemsByElement(analysis);
    const nodeReports = analysis ? new Map(analysis.nodes.map(n => [n.id, n])) : null;
    const groupReports = analysis ? new Map(analysis.groups.map(g => [g.id, g])) : null;
    const boxes: SceneBox[] = [];
    const groupBox = new Int32Array(model.groups.length).fill(-1);
    const nodeBox = new Int32Array(model.nodes.length).fill(-1);

    // Boxes in nesting order: a group, then what it holds (its nodes, then its child groups).
    const stack: number[] = model.groups.length > 0 ? [0] : [];
    const ownLinks = new Map<number, Array<[number, number]>>();
    for (const link of model.links) {
        const na = model.nodes[link.a], nb = model.nodes[link.b];
        if (na && nb && na.groupId === nb.groupId && vis.groupState[na.groupId] === 'open') {
            (ownLinks.get(na.groupId) ?? ownLinks.set(na.groupId, []).get(na.groupId)!).push([na.index, nb.index]);
        }
    }
    while (stack.length > 0) {
        const id = stack.pop()!;
        const g = model.groups[id];
        const state = vis.groupState[id];
        if (state === 'hidden') continue;
        const parent = g.parentId === null ? -1 : groupBox[g.parentId];
        const report = groupReports?.get(id);
        const c = counts[id];
        const index = indexOf(g.path);
        const grid = state === 'open' && g.nodeIds.length >= 4 && oneArray(model, g.nodeIds) ? meshDimensions(g.nodeIds.length, ownLinks.get(id) ?? []) : null;
        groupBox[id] = boxes.length;
        boxes.push({
            key: g.path, label: g.parentId === null ? model.name : lastSegment(g.path), kind: g.kind, group: true, collapsed: state === 'collapsed',
            parent, role: roleOf(c), index, members: c, modelId: id,
            ...(state === 'collapsed' ? { hiddenLinks: 0 } : {}),
            ...(grid ? { grid } : {}),
            src: [sources.add(g.source)],
            ...(report ? { watts: round(report.powerWatts), ...(report.budgetWatts !== null ? { budgetWatts: report.budgetWatts, overBudget: report.overBudget } : {}) } : {}),
            ...(problems.groups.has(id) ? { problems: problems.groups.get(id) } : {})
        });
        if (state !== 'open') continue;
        for (const n of g.nodeIds) {
            const node = model.nodes[n];
            const r = nodeReports?.get(n);
            nodeBox[n] = boxes.length;
            boxes.push({
                key: node.path, label: lastSegment(node.path), kind: node.kind, group: false, collapsed: false, parent: groupBox[id],
                role: node.kind === 'accelerator' ? 'compute' : node.kind === 'switch' ? 'switch' : 'ocs', index: node.index,
                members: { accelerators: node.kind === 'accelerator' ? 1 : 0, switches: node.kind === 'switch' ? 1 : 0, ocs: node.kind === 'ocs' ? 1 : 0 },
                modelId: n, type: node.type, src: [sources.add(node.source)],
                ...(r ? { watts: round(r.powerWatts), portsUsed: r.portsUsed, portsAvailable: r.portsAvailable } : {}),
                ...(problems.nodes.has(n) ? { problems: problems.nodes.get(n) } : {})
            });
        }
        for (let i = g.childGroupIds.length - 1; i >= 0; i--) stack.push(g.childGroupIds[i]);
    }
    const boxOfNode = (n: number): number => {
        const standIn = vis.nodeStandIn[n];
        return standIn >= 0 ? groupBox[standIn] : nodeBox[n];
    };

    const bundles = new Map<number, BundleAcc>();
    const hidden = new Map<number, number>();
    const kindsSeen = new Set<OpticsKind | 'unknown'>();
    const n = boxes.length;
    // Links and circuit halves between the same two boxes are separate bundles (circuits come and go with the configuration).
    const accumulate = (x: number, y: number, circuit: boolean): BundleAcc | null => {
        if (x < 0 || y < 0) return null;
        if (x === y) { hidden.set(x, (hidden.get(x) ?? 0) + 1); return null; }
        const a = Math.min(x, y), b = Math.max(x, y);
        const key = (a * n + b) * 2 + (circuit ? 1 : 0);
        let acc = bundles.get(key);
        if (!acc) {
            acc = { a, b, links: 0, circuits: 0, bandwidth: 0, kinds: {}, watts: 0, load: 0, hasLoad: false, reachExceeded: 0, src: new Set() };
            bundles.set(key, acc);
        }
        return acc;
    };
    const metrics = analysis?.links;
    for (const link of model.links) {
        const acc = accumulate(boxOfNode(link.a), boxOfNode(link.b), false);
        if (!acc) continue;
        const m = metrics?.[link.id];
        const kind = m?.kind ?? model.types.optics[link.optics]?.kind ?? 'unknown';
        kindsSeen.add(kind);
        acc.links++;
        acc.kinds[kind] = (acc.kinds[kind] ?? 0) + 1;
        acc.bandwidth += m?.bandwidthBytesPerSecond ?? linkBandwidthBytesPerSecond(link.lanes, link.laneRateBps);
        if (m) { acc.watts += m.power.totalWatts; if (m.reachExceeded) acc.reachExceeded++; }
        const load = input.linkLoads?.[link.id];
        if (load !== undefined && Number.isFinite(load)) { acc.hasLoad = true; acc.load = Math.max(acc.load, load); }
        acc.src.add(sources.add(link.source));
    }
    const phase = shownPhase(model, analysis, view.phase);
    const configuration = shownConfiguration(model, phase);
    const circuits = model.ocsConfigurations.find(c => c.name === configuration)?.circuits ?? [];
    const circuitLoads = configuration !== null && input.loadsConfiguration === configuration ? input.linkLoads : null;
    circuits.forEach((c, i) => {
        const o = boxOfNode(c.ocs);
        const kind = model.types.optics[c.optics]?.kind ?? 'unknown';
        kindsSeen.add(kind);
        for (const end of [c.a, c.b]) {
            const acc = accumulate(boxOfNode(end), o, true);
            if (!acc) continue;
            acc.circuits++;
            acc.kinds[kind] = (acc.kinds[kind] ?? 0) + 1;
            acc.bandwidth += linkBandwidthBytesPerSecond(c.lanes, c.laneRateBps);
            const load = circuitLoads?.[model.links.length + i];
            if (load !== undefined && Number.isFinite(load)) { acc.hasLoad = true; acc.load = Math.max(acc.load, load); }
            acc.src.add(sources.add(c.source));
        }
    });
    for (const [box, n] of hidden) if (boxes[box].collapsed) (boxes[box] as { hiddenLinks?: number }).hiddenLinks = n;

    const bundleList: SceneBundle[] = [...bundles.values()].map(acc => ({
        a: acc.a, b: acc.b, links: acc.links, ...(acc.circuits > 0 ? { circuits: acc.circuits } : {}), bandwidth: round(acc.bandwidth), kinds: acc.kinds,
        ...(metrics && acc.links > 0 ? { watts: round(acc.watts) } : {}),
        ...(acc.hasLoad ? { load: round(acc.load) } : {}),
        ...(acc.reachExceeded > 0 ? { reachExceeded: acc.reachExceeded } : {}),
        src: [...acc.src].filter(i => i >= 0)
    }));

    const phaseSource = new Map<string, number>();
    for (const w of model.workloads) for (const p of w.phases) phaseSource.set(`${w.name}.${p.name}`, sources.add(p.source));
    const phases: ScenePhase[] = analysis
        ? analysis.phases.map(p => ({
            id: `${p.workload}.${p.name}`, collective: p.collective, participants: p.participants, bytes: p.bytes, configuration: p.configuration,
            algorithm: p.algorithm, timeSeconds: p.timeSeconds, algbwBytesPerSecond: p.algbwBytesPerSecond, busbwBytesPerSecond: p.busbwBytesPerSecond,
            picojoulesPerBit: p.picojoulesPerBit, bottleneck: p.bottleneck ? `${p.bottleneck.from} → ${p.bottleneck.to}` : null, failure: p.failure,
            src: phaseSource.get(`${p.workload}.${p.name}`) ?? -1
        }))
        : model.workloads.flatMap(w => w.phases.map(p => ({
            id: `${w.name}.${p.name}`, collective: p.collective, participants: p.participants.length, bytes: p.bytes, configuration: p.configuration ?? null,
            algorithm: null, timeSeconds: null, algbwBytesPerSecond: null, busbwBytesPerSecond: null, picojoulesPerBit: null, bottleneck: null, failure: null,
            src: phaseSource.get(`${w.name}.${p.name}`) ?? -1
        })));
    const domainSource = new Map(model.failureDomains.map(d => [d.name, sources.add(d.source)]));

    const structure = boxes.map(b => `${b.key}/${b.parent}/${b.collapsed ? 1 : 0}/${b.grid?.join('x') ?? ''}`).join(';')
        + '#' + bundleList.map(b => `${b.a}-${b.b}`).join(';');
    return {
        fabric: model.name, uri: model.uri, structureKey: hash(structure), collapseThreshold: view.collapseThreshold,
        phase, configuration,
        analysis: analysis ? 'ready' : input.analysisState ?? 'pending',
        sources: sources.list, boxes, bundles: bundleList, kinds: [...kindsSeen].sort(), phases,
        ...(analysis ? {
            totals: {
                accelerators: analysis.totals.accelerators, switches: analysis.totals.switches, ocs: analysis.totals.ocs, links: analysis.totals.links,
                powerWatts: analysis.totals.powerWatts, networkPowerWatts: analysis.totals.networkPowerWatts, picojoulesPerBit: analysis.totals.picojoulesPerBit,
                bisectionBytesPerSecond: analysis.totals.bisectionBytesPerSecond, diameterHops: analysis.totals.diameterHops
            },
            budgets: analysis.groups.filter(g => g.budgetWatts !== null).map(g => ({ path: g.path || model.name, powerWatts: g.powerWatts, budgetWatts: g.budgetWatts!, overBudget: g.overBudget })),
            failureDomains: analysis.failureDomains.map(d => ({ name: d.name, blastRadius: d.blastRadius, cutOff: d.cutOffAccelerators.length, src: domainSource.get(d.name) ?? -1 }))
        } : {}),
        slowdownThreshold: analysis?.slowdownThreshold ?? 1.1
    };
}
