import type { Scene, SceneBox } from '../src/index.js';

/**
 * The boxes whose names a person must read at the fit zoom: the top level (the fabric's children)
 * and every collapsed box. A top-level frame whose name gives way to its inner frames' (drawn over
 * its frame it would cover theirs) is named by them instead, when every one of them is drawn.
 */
export function namedAtFit(scene: Scene, drawn: ReadonlySet<string>): SceneBox[] {
    const root = scene.boxes.findIndex(b => b.key === '');
    const top = new Set(scene.boxes.map((b, i) => (b.parent === root ? i : -1)).filter(i => i >= 0));
    for (const t of [...top]) {
        const inner = scene.boxes.map((b, i) => (b.parent === t && b.group ? i : -1)).filter(i => i >= 0);
        if (inner.length > 0 && inner.every(i => drawn.has(scene.boxes[i].label))) { top.delete(t); for (const i of inner) top.add(i); }
    }
    return scene.boxes.filter((b, i) => top.has(i) || b.collapsed);
}
