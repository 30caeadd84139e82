/**
 * A FailureResult of the simulator drawn on a scene: which boxes hold failed parts, cut-off
 * accelerators and accelerators in the blast radius, which bundles lose links. The verdicts (what is
 * cut off, which phase slows past the threshold) are the simulator's; this only says where they are
 * on the picture at the current level of detail.
 */
import type { FabricModel, FailureResult } from '@fabric/simulator';
import type { Scene } from './scene.js';

export interface FailureOverlay {
    /** The failure's name as the simulator reports it. */
    readonly name: string;
    /** [box, how many of its nodes failed]. */
    readonly failedBoxes: ReadonlyArray<readonly [number, number]>;
    /** [box, how many of its accelerators are cut off]. */
    readonly cutOffBoxes: ReadonlyArray<readonly [number, number]>;
    /** [box, how many of its accelerators are in the blast radius (cut off or in a phase slowed past the threshold)]. */
    readonly blastBoxes: ReadonlyArray<readonly [number, number]>;
    /** [bundle, links of it that drop]. */
    readonly droppedBundles: ReadonlyArray<readonly [number, number]>;
    /** Accelerators in the blast radius: equals the simulator's `blastRadius`. */
    readonly blastRadius: number;
}

/** Per node id, the box drawing it (the node's own, or the collapsed group standing for it). */
export function boxOfNodes(model: FabricModel, scene: Scene): Int32Array {
    const byKey = new Map(scene.boxes.map((b, i) => [b.key, i]));
    const out = new Int32Array(model.nodes.length).fill(-1);
    for (const node of model.nodes) {
        const own = byKey.get(node.path);
        if (own !== undefined && !scene.boxes[own].group) { out[node.id] = own; continue; }
        // The outermost drawn ancestor group (collapsed: it stands for the node).
        let path = node.path, found = -1;
        for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.')) {
            path = path.slice(0, dot);
            const g = byKey.get(path);
            if (g !== undefined && scene.boxes[g].collapsed) found = g;
        }
        out[node.id] = found;
    }
    return out;
}

/** Per link id, the bundle carrying it (or -1 when inside a collapsed group). */
export function bundleOfLinks(model: FabricModel, scene: Scene, boxOf: Int32Array): Int32Array {
    const byEnds = new Map<number, number>();
    const n = scene.boxes.length;
    scene.bundles.forEach((b, i) => { if (b.links > 0) byEnds.set(b.a * n + b.b, i); });
    const out = new Int32Array(model.links.length).fill(-1);
    for (const link of model.links) {
        const x = boxOf[link.a], y = boxOf[link.b];
        if (x < 0 || y < 0 || x === y) continue;
        out[link.id] = byEnds.get(Math.min(x, y) * n + Math.max(x, y)) ?? -1;
    }
    return out;
}

function tally(ids: Iterable<number>, boxOf: Int32Array): Array<[number, number]> {
    const counts = new Map<number, number>();
    for (const id of ids) {
        const box = boxOf[id];
        if (box >= 0) counts.set(box, (counts.get(box) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

/** Accelerators the blast radius counts: cut off, or ranks of a phase that failed or slowed past the threshold. */
export function blastAccelerators(model: FabricModel, result: FailureResult, threshold: number): Set<number> {
    const blast = new Set(result.cutOffAccelerators);
    for (const impact of result.phases) {
        if (!(impact.failed || (impact.slowdown !== null && impact.slowdown > threshold))) continue;
        const phase = model.workloads.find(w => w.name === impact.workload)?.phases.find(p => p.name === impact.phase);
        for (const r of phase?.participants ?? []) blast.add(r);
        for (const r of phase?.peers ?? []) blast.add(r);
    }
    return blast;
}

/** Which box draws each node and which bundle each link (`boxOfNodes`, `bundleOfLinks`): built once per scene by a caller that overlays many failures. */
export interface SceneMaps { readonly boxOf: Int32Array; readonly bundleOf: Int32Array }

export function sceneMaps(model: FabricModel, scene: Scene): SceneMaps {
    const boxOf = boxOfNodes(model, scene);
    return { boxOf, bundleOf: bundleOfLinks(model, scene, boxOf) };
}

export function failureOverlay(model: FabricModel, scene: Scene, result: FailureResult, threshold: number, maps: SceneMaps = sceneMaps(model, scene)): FailureOverlay {
    const { boxOf, bundleOf } = maps;
    const failedNodes = new Set(result.nodeIds);
    const dropped = new Set(result.linkIds);
    const lasers = new Set(result.laserSourceIds);
    for (const link of model.links) {
        if (failedNodes.has(link.a) || failedNodes.has(link.b) || (link.laserSourceId !== undefined && lasers.has(link.laserSourceId))) dropped.add(link.id);
    }
    const blast = blastAccelerators(model, result, threshold);
    return {
        name: result.name,
        failedBoxes: tally(failedNodes, boxOf),
        cutOffBoxes: tally(result.cutOffAccelerators, boxOf),
        blastBoxes: tally(blast, boxOf),
        droppedBundles: tally(dropped, bundleOf),
        blastRadius: blast.size
    };
}
