/**
 * Which part of a scene our own placement draws and which part elkjs lays out. The rule:
 *
 *   An open group is **regular** when its nodes form a ring, mesh or torus (drawn as a circle or
 *   grid), or when no bundle joins two of its children of the same role. A bundle counts for the
 *   innermost open group holding both its ends, between the two children of that group the ends
 *   lie in: a tray of accelerators linked to a tray of switches is what tiers by role show; two
 *   accelerators, two switch trays or two racks of one group linked to each other are not.
 *   Every other open group is **irregular** (a DGX-1-style hybrid cube-mesh, explicit links
 *   between boards, switch-to-switch links inside a tray): elkjs `layered` places its children
 *   (nodes, collapsed groups, and open groups as boxes of the size their contents take).
 *
 * ELK sees only the drawn graph after collapsing and bundling, one irregular group at a time,
 * deepest first (an irregular group inside another is measured with its own placement), and only
 * up to `ELK_LIMITS`: a larger irregular group keeps our rows and the layout says so in its notes.
 * The engine is passed in (the webview's layout worker and the CLI each make one), so this package
 * still imports nothing but the simulator.
 */
import { boxSizer, layoutScene, nesting, ROOT_KEY, type Layout, type Placement } from './layout.js';
import type { Scene } from './scene.js';

/**
 * Larger irregular groups are not given to elkjs: layered's cost grows with the links that span
 * layers (measured on this machine, loaded: 8 elements / 16 links 0.2–0.7 s, 30 / 100 1.5–2.3 s,
 * 100 / 300 4.5 s, 60 / 300 random 6 s, 200 / 400 9.5 s), and a picture of more is not read anyway.
 */
export const ELK_LIMITS = { children: 100, edges: 300 } as const;

/**
 * elkjs `layered` with the fast options (the defaults took 27 s on the NVL72-style graph here,
 * these 2.4 s): one pass of crossing minimisation, no greedy switch, Brandes-Köpf placement,
 * polyline routes (drawn as they are, so no link crosses a box). A fixed seed: the same group lays
 * out the same every time. (Considering the model order made random graphs 1.5–3× slower.)
 */
export const ELK_OPTIONS: Readonly<Record<string, string>> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.layered.thoroughness': '1',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.edgeRouting': 'POLYLINE',
    'elk.randomSeed': '1',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.spacing.nodeNode': '16',
    'elk.layered.spacing.nodeNodeBetweenLayers': '32',
    'elk.spacing.componentComponent': '24'
};

export interface ElkInputGraph {
    readonly id: string;
    readonly layoutOptions: Readonly<Record<string, string>>;
    readonly children: ReadonlyArray<{ readonly id: string; readonly width: number; readonly height: number }>;
    readonly edges: ReadonlyArray<{ readonly id: string; readonly sources: readonly string[]; readonly targets: readonly string[] }>;
}

interface ElkPoint { readonly x: number; readonly y: number }

export interface ElkOutputGraph {
    readonly children?: ReadonlyArray<{ readonly id: string; readonly x?: number; readonly y?: number; readonly width?: number; readonly height?: number }>;
    readonly edges?: ReadonlyArray<{ readonly id: string; readonly sections?: ReadonlyArray<{ readonly startPoint: ElkPoint; readonly endPoint: ElkPoint; readonly bendPoints?: readonly ElkPoint[] }> }>;
}

/** What `new ELK()` from elkjs offers (structurally), so callers bring their own. */
export interface ElkEngine {
    layout(graph: ElkInputGraph): Promise<ElkOutputGraph>;
}

export interface IrregularGroup {
    /** The open group's box index, -1 for the top level. */
    readonly box: number;
    /** Its key in `Placements`. */
    readonly key: string;
    /** Its children (box indices, in child order). */
    readonly children: readonly number[];
    /** Distinct pairs of children joined by bundles, as positions in `children`. */
    readonly edges: ReadonlyArray<readonly [number, number]>;
}

/** The irregular groups of a scene by the rule above, deepest first. */
export function irregularGroups(scene: Pick<Scene, 'boxes' | 'bundles'>): IrregularGroup[] {
    const boxes = scene.boxes;
    const { children, roots } = nesting(boxes);
    const depth = new Int32Array(boxes.length);
    boxes.forEach((b, i) => { depth[i] = b.parent >= 0 ? depth[b.parent] + 1 : 0; }); // parents come before children
    const position = new Int32Array(boxes.length);
    for (const list of [roots, ...children]) list.forEach((c, j) => { position[c] = j; });
    const pairs = new Map<number, Set<number>>();
    const irregular = new Set<number>();
    for (const bundle of scene.bundles) {
        let a = bundle.a, b = bundle.b;
        while (depth[a] > depth[b]) a = boxes[a].parent;
        while (depth[b] > depth[a]) b = boxes[b].parent;
        if (a === b) continue; // not possible between drawn leaves, but never loop on it
        while (boxes[a].parent !== boxes[b].parent) { a = boxes[a].parent; b = boxes[b].parent; }
        const group = boxes[a].parent;
        const list = group >= 0 ? children[group] : roots;
        const pa = position[a], pb = position[b];
        const key = Math.min(pa, pb) * list.length + Math.max(pa, pb);
        (pairs.get(group) ?? pairs.set(group, new Set()).get(group)!).add(key);
        if (boxes[a].role === boxes[b].role && !(group >= 0 && boxes[group].grid)) irregular.add(group);
    }
    return [...irregular]
        .sort((g, h) => (h >= 0 ? depth[h] : -1) - (g >= 0 ? depth[g] : -1) || g - h)
        .map(group => {
            const list = group >= 0 ? children[group] : roots;
            const edges = [...pairs.get(group)!].sort((p, q) => p - q).map(k => [Math.floor(k / list.length), k % list.length] as const);
            return { box: group, key: group >= 0 ? boxes[group].key : ROOT_KEY, children: list, edges };
        });
}

/** The graph elkjs lays out for one irregular group: its children with the sizes their contents take. */
export function elkGraph(scene: Pick<Scene, 'boxes'>, group: IrregularGroup, placements: ReadonlyMap<string, Placement>): ElkInputGraph {
    const n = scene.boxes.length;
    const scratch = { x: new Float64Array(n), y: new Float64Array(n), w: new Float64Array(n), h: new Float64Array(n) };
    const { sized } = boxSizer(scene.boxes, placements, scratch);
    return {
        id: group.key || 'fabric',
        layoutOptions: { ...ELK_OPTIONS },
        children: group.children.map((c, j) => { const s = sized(c, 1); return { id: `c${j}`, width: s.w, height: s.h }; }),
        edges: group.edges.map(([p, q], k) => ({ id: `e${k}`, sources: [`c${p}`], targets: [`c${q}`] }))
    };
}

/** elkjs' answer as a placement of the group's children and the routes of the links between them (moved to start at 0, 0). */
export function placementFromElk(graph: ElkInputGraph, group: IrregularGroup, laidOut: ElkOutputGraph): Placement {
    const byId = new Map((laidOut.children ?? []).map(c => [c.id, c]));
    const x: number[] = [], y: number[] = [];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const child of graph.children) {
        const c = byId.get(child.id);
        const cx = c?.x ?? 0, cy = c?.y ?? 0;
        if (!Number.isFinite(cx) || !Number.isFinite(cy)) throw new Error(`elkjs placed ${child.id} of ${graph.id} at a non-finite point`);
        x.push(cx); y.push(cy);
        minX = Math.min(minX, cx); minY = Math.min(minY, cy);
        maxX = Math.max(maxX, cx + child.width); maxY = Math.max(maxY, cy + child.height);
    }
    const round = (v: number) => Math.round(v * 100) / 100;
    // Routes: elkjs' polyline for each edge (start, bends, end), so no link is drawn through a box.
    const sections = new Map((laidOut.edges ?? []).map(e => [e.id, e.sections?.[0]]));
    const routes = graph.edges.map(e => {
        const s = sections.get(e.id);
        if (!s) return [];
        const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
        if (!points.every(p => Number.isFinite(p.x) && Number.isFinite(p.y))) return [];
        minX = Math.min(minX, ...points.map(p => p.x)); minY = Math.min(minY, ...points.map(p => p.y));
        maxX = Math.max(maxX, ...points.map(p => p.x)); maxY = Math.max(maxY, ...points.map(p => p.y));
        return points.flatMap(p => [p.x, p.y]);
    });
    return {
        x: x.map(v => round(v - minX)), y: y.map(v => round(v - minY)), width: round(maxX - minX), height: round(maxY - minY),
        edges: group.edges, routes: routes.map(r => r.map((v, k) => round(v - (k % 2 === 0 ? minX : minY))))
    };
}

/** A cache of elkjs placements by the graph they were made for (an unchanged irregular group is not laid out again). */
export type PlacementCache = Map<string, Placement>;

const graphKey = (graph: ElkInputGraph): string =>
    `${graph.id}#${graph.children.map(c => `${c.width}x${c.height}`).join(',')}#${graph.edges.map(e => `${e.sources[0]}-${e.targets[0]}`).join(',')}`;

/**
 * The whole layout: elkjs places the irregular groups (deepest first, within the limits), our
 * placement the rest around them. Deterministic: the same scene gives the same layout here, in the
 * webview's worker and in the CLI.
 */
export async function layoutWithEngine(scene: Pick<Scene, 'boxes' | 'bundles' | 'structureKey'>, engine: ElkEngine, cache: PlacementCache = new Map()): Promise<Layout> {
    const placements = new Map<string, Placement>();
    const engineKeys: string[] = [];
    const notes: string[] = [];
    for (const group of irregularGroups(scene)) {
        const name = group.key === ROOT_KEY ? 'the top level' : group.key === '' ? 'the fabric' : group.key;
        if (group.children.length > ELK_LIMITS.children || group.edges.length > ELK_LIMITS.edges) {
            notes.push(`${name}: ${group.children.length} elements and ${group.edges.length} links between them are more than the layout engine is given (${ELK_LIMITS.children} / ${ELK_LIMITS.edges}); drawn in rows`);
            continue;
        }
        const graph = elkGraph(scene, group, placements);
        const key = graphKey(graph);
        let placement = cache.get(key);
        if (!placement) {
            try {
                placement = placementFromElk(graph, group, await engine.layout(graph));
            } catch (error) {
                notes.push(`${name}: the layout engine failed (${error instanceof Error ? error.message : String(error)}); drawn in rows`);
                continue;
            }
            if (cache.size > 256) cache.clear();
            cache.set(key, placement);
        }
        placements.set(group.key, placement);
        engineKeys.push(group.key);
    }
    return layoutScene(scene, placements, { engine: engineKeys, notes });
}
