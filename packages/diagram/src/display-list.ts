/**
 * One laid-out scene with its overlays as a list of drawing primitives in world coordinates, the
 * single description both back ends draw: the canvas painter on screen, the SVG writer for export.
 * Stroke widths are in screen pixels (they stay thin at any zoom); labels carry the zoom from which
 * they are readable (levels of detail). Building it does not depend on the camera, so pan and zoom
 * only change the transform the back ends apply.
 */
import type { Layout } from './layout.js';
import type { Palette } from './palette.js';
import type { Scene } from './scene.js';
import type { FailureOverlay } from './failure-overlay.js';
import { bundleMiddle, bundlePoints } from './bundle-geometry.js';

export type ColourBy = 'kind' | 'load' | 'watts';

export interface PaintState {
    readonly colourBy: ColourBy;
    readonly failure?: FailureOverlay | null;
    /** Boxes to outline (cursor, search hit, selection). */
    readonly highlighted?: readonly number[];
    /** Bundles to outline. */
    readonly highlightedBundles?: readonly number[];
}

export interface RectOp {
    readonly x: number; readonly y: number; readonly w: number; readonly h: number;
    readonly fill: string | null;
    readonly stroke: string | null;
    /** Screen pixels. */
    readonly lineWidth: number;
    readonly dashed?: boolean;
}

export interface LineBatch {
    readonly stroke: string;
    /** Screen pixels. */
    readonly width: number;
    readonly alpha: number;
    readonly dashed: boolean;
    /** x1, y1, x2, y2 per segment. */
    readonly coords: Float64Array;
    /** The bundle each segment draws (a routed bundle draws several). */
    readonly bundles: Int32Array;
}

/**
 * A line batch is stroked as paths of at most this many segments, each composited once (by the
 * canvas, which can then spread a large picture over several frames, and alike by the SVG writer).
 */
export const PATH_SEGMENTS = 1024;

export interface LabelOp {
    readonly x: number; readonly y: number;
    readonly text: string;
    /** Font size in world units. */
    readonly size: number;
    readonly fill: string;
    readonly bold: boolean;
    /** Drawn at its natural size from this zoom (screen px per world unit) on (see `labelAt`). */
    readonly minZoom: number;
    /**
     * The largest size (world units) that fits its element. A label whose element has more room than
     * its natural `size` (a group frame's name) grows, zoomed out, to stay legible — below `growBelow`
     * only, the zoom under which no frame inside it shows its own name (see `labelAt`).
     */
    readonly maxSize: number;
    readonly growBelow?: number;
    readonly align: 'left' | 'center';
    /** A background behind the text (group names over the links crossing their frame), drawn as `labelBackdrop` says. */
    readonly backdrop?: string;
}

/**
 * The rectangle behind a label with a backdrop, in world units. The width is estimated from the
 * text (not measured), so the canvas and the SVG draw the same rectangle.
 */
export function labelBackdrop(l: LabelOp, size = l.size, y = l.y): { x: number; y: number; w: number; h: number } {
    const w = l.text.length * size * (l.bold ? 0.62 : 0.56) + 4;
    return { x: l.align === 'center' ? l.x - w / 2 : l.x - 2, y: y - size * 0.65, w, h: size * 1.3 };
}

export interface DisplayList {
    readonly background: string;
    readonly fontFamily: string;
    readonly frames: readonly RectOp[];
    readonly lines: readonly LineBatch[];
    readonly boxes: readonly RectOp[];
    readonly marks: readonly RectOp[];
    readonly labels: readonly LabelOp[];
    readonly width: number;
    readonly height: number;
}

/** Readable from this many screen pixels of font size. */
const READABLE_PX = 7;
/** A label that can grow is kept at this many screen pixels, zoomed out, while it fits its element. */
const GROWN_PX = 10;

/**
 * Whether, where and how large a label is drawn at `zoom` (null: not drawn). At its natural size
 * from `minZoom` on; a label that can grow (a frame's name, with no inner frame's name drawn) is
 * drawn larger, up to `maxSize`, to stay GROWN_PX on screen, and is drawn as long as that size is
 * readable. A grown label keeps its top edge (it grows down into its frame). The canvas painter,
 * the SVG writer and the webview's test hooks all ask this, so they draw the same labels.
 */
export function labelAt(l: LabelOp, zoom: number): { size: number; y: number } | null {
    const grows = l.maxSize > l.size && zoom < (l.growBelow ?? Infinity);
    if (!grows) return zoom >= l.minZoom ? { size: l.size, y: l.y } : null;
    const size = Math.min(l.maxSize, Math.max(l.size, GROWN_PX / zoom));
    if (zoom < l.minZoom && size * zoom < READABLE_PX * (1 - 1e-9)) return null;
    return { size, y: l.y + (size - l.size) / 2 };
}

/** The lowest zoom at which a label is drawn. */
function lowestZoom(l: LabelOp): number {
    if (l.maxSize <= l.size) return l.minZoom;
    const grown = READABLE_PX / l.maxSize;
    return grown < (l.growBelow ?? Infinity) ? Math.min(grown, l.minZoom) : l.minZoom;
}

/**
 * The size a label is drawn at, in world units: as large as fits its room (`room` wide, at most
 * `height` tall, the width estimated as labelBackdrop does), never below `base` nor above `max`.
 * Its level of detail follows: it is drawn from the zoom at which that size is READABLE_PX on
 * screen, so a label appears as soon as its element is large enough on screen to hold it legibly
 * (a short switch name in a node box from about half the natural size, a long one later).
 */
function fittedSize(text: string, bold: boolean, room: number, height: number, base: number, max: number, chars = text.length): number {
    const byWidth = room / (Math.max(1, chars) * (bold ? 0.62 : 0.56));
    return Math.max(base, Math.floor(Math.min(max, height, byWidth)));
}

/**
 * A label sized to its room, drawn from the zoom at which it is readable; with `grow` (the room of
 * the whole element: width, height) it may grow up to what fits there.
 */
function fittedLabel(l: Omit<LabelOp, 'size' | 'minZoom' | 'maxSize'>, room: number, height: number, base: number, max: number,
    grow?: { room: number; height: number }, chars = l.text.length): LabelOp {
    const size = fittedSize(l.text, l.bold, room, height, base, max, chars);
    const maxSize = grow ? Math.max(size, Math.min(grow.height, grow.room / (Math.max(1, l.text.length) * (l.bold ? 0.62 : 0.56)))) : size;
    return { ...l, size, maxSize, minZoom: READABLE_PX / size };
}

function mix(colours: readonly [string, string, string], t: number): string {
    const parse = (c: string) => [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16));
    const clamp = Math.max(0, Math.min(1, t));
    const [from, to, u] = clamp < 0.5 ? [colours[0], colours[1], clamp * 2] : [colours[1], colours[2], (clamp - 0.5) * 2];
    const a = parse(from), b = parse(to);
    if (a.some(Number.isNaN) || b.some(Number.isNaN)) return clamp < 0.5 ? from : to;
    return '#' + a.map((v, i) => Math.round(v + (b[i] - v) * u).toString(16).padStart(2, '0')).join('');
}

/** The kind with the most links in a bundle. */
export function dominantKind(kinds: Scene['bundles'][number]['kinds']): string {
    let best = 'unknown', count = -1;
    for (const [k, c] of Object.entries(kinds)) if ((c ?? 0) > count) { best = k; count = c ?? 0; }
    return best;
}

function countsLabel(b: Scene['boxes'][number]): string {
    const parts: string[] = [];
    if (b.members.accelerators) parts.push(`${b.members.accelerators} acc`);
    if (b.members.switches) parts.push(`${b.members.switches} sw`);
    if (b.members.ocs) parts.push(`${b.members.ocs} ocs`);
    return parts.join(' · ');
}

export function buildDisplayList(scene: Scene, layout: Layout, palette: Palette, state: PaintState): DisplayList {
    const { x, y, w, h } = layout;
    const frames: RectOp[] = [], boxes: RectOp[] = [], marks: RectOp[] = [], labels: LabelOp[] = [];
    const outline = palette.highContrast ? 2 : 1;
    const failure = state.failure ?? null;
    const failedAt = new Map(failure?.failedBoxes ?? []);
    const cutAt = new Map(failure?.cutOffBoxes ?? []);
    const blastAt = new Map(failure?.blastBoxes ?? []);
    const droppedAt = new Map(failure?.droppedBundles ?? []);
    const allFailed = (i: number) => {
        const b = scene.boxes[i], m = b.members;
        return (failedAt.get(i) ?? 0) >= m.accelerators + m.switches + m.ocs;
    };

    // Nodes side by side are named alike: sized for the longest name among their siblings.
    const siblingChars = new Map<number, number>();
    for (const b of scene.boxes) if (!b.group) siblingChars.set(b.parent, Math.max(siblingChars.get(b.parent) ?? 0, b.label.length));
    const frameLabel = new Map<number, number>();
    scene.boxes.forEach((b, i) => {
        const cx = x[i] + w[i] / 2, cy = y[i] + h[i] / 2;
        if (b.group && !b.collapsed) {
            frameLabel.set(i, labels.length);
            const over = b.overBudget === true;
            frames.push({ x: x[i], y: y[i], w: w[i], h: h[i], fill: palette.frameFill, stroke: over ? palette.error : palette.frame, lineWidth: over ? 2 * outline : outline, dashed: b.kind === 'layer' });
            // A frame's name fits its header; zoomed out, it grows over the frame (a third of its height at most).
            labels.push(fittedLabel({ x: x[i] + 6, y: y[i] + 8, text: b.label, fill: palette.muted, bold: true, align: 'left', backdrop: palette.frameFill }, w[i] - 12, 12, 10, 12, { room: w[i] - 12, height: h[i] / 3 }));
            return;
        }
        const fill = b.collapsed ? palette.collapsedFill : palette.nodeFill[b.role];
        const failed = failedAt.has(i) && allFailed(i);
        const worst = b.problems?.some(p => p.severity === 'error') ? palette.error : b.problems?.some(p => p.severity === 'warning') || b.overBudget ? palette.warning : null;
        boxes.push({ x: x[i], y: y[i], w: w[i], h: h[i], fill: failed ? palette.failed : fill, stroke: worst ?? palette.border, lineWidth: worst ? 2 * outline : outline });
        if (b.collapsed) {
            labels.push(fittedLabel({ x: cx, y: cy - 8, text: b.label, fill: palette.foreground, bold: true, align: 'center' }, w[i] - 10, h[i] * 0.3, 11, 16));
            labels.push(fittedLabel({ x: cx, y: cy + 8, text: countsLabel(b), fill: palette.muted, bold: false, align: 'center' }, w[i] - 10, 11, 9, 11));
        } else {
            labels.push(fittedLabel({ x: cx, y: cy, text: b.label, fill: failed ? palette.background : palette.foreground, bold: false, align: 'center' }, w[i] - 6, h[i] * 0.6, 9, 14, undefined, siblingChars.get(b.parent)));
        }
        // Failure marks: partly failed, cut off, in the blast radius (outermost ring first).
        const ring = (inset: number, colour: string, dashed = false) =>
            marks.push({ x: x[i] - inset, y: y[i] - inset, w: w[i] + 2 * inset, h: h[i] + 2 * inset, fill: null, stroke: colour, lineWidth: 2.5, dashed });
        if (failedAt.has(i) && !failed) ring(2, palette.failed, true);
        if (cutAt.has(i)) ring(2, palette.cutOff);
        else if (blastAt.has(i)) ring(2, palette.affected);
    });
    // A frame's name grows only where none of the frames inside it shows its name (innermost first).
    const innerLowest = new Map<number, number>();
    for (const i of [...frameLabel.keys()].reverse()) {
        const at = frameLabel.get(i)!;
        const l = { ...labels[at], growBelow: innerLowest.get(i) ?? Infinity };
        labels[at] = l;
        const parent = scene.boxes[i].parent;
        if (parent >= 0) innerLowest.set(parent, Math.min(innerLowest.get(parent) ?? Infinity, lowestZoom(l)));
    }
    for (const i of state.highlighted ?? []) {
        if (i >= 0 && i < scene.boxes.length) marks.push({ x: x[i] - 5, y: y[i] - 5, w: w[i] + 10, h: h[i] + 10, fill: null, stroke: palette.highlight, lineWidth: 3 });
    }

    // Bundles, batched by stroke, width and dash so a back end draws each batch as one path.
    const minBw = Math.min(...scene.bundles.map(b => b.bandwidth).filter(v => v > 0), Infinity);
    const maxWatts = Math.max(0, ...scene.bundles.map(b => b.watts ?? 0));
    const alpha = scene.bundles.length > 4000 ? 0.35 : scene.bundles.length > 800 ? 0.6 : 0.85;
    const batches = new Map<string, { stroke: string; width: number; dashed: boolean; coords: number[]; bundles: number[] }>();
    const highlightedBundles = new Set(state.highlightedBundles ?? []);
    scene.bundles.forEach((b, i) => {
        const width = b.bandwidth > 0 && Number.isFinite(minBw) ? Math.min(8, Math.round((0.75 + Math.log2(b.bandwidth / minBw)) * 2) / 2) : 0.75;
        let stroke: string;
        if (state.colourBy === 'load') stroke = b.load === undefined ? palette.muted : mix(palette.ramp, b.load);
        else if (state.colourBy === 'watts') stroke = b.watts === undefined || maxWatts === 0 ? palette.muted : mix(palette.ramp, b.watts / maxWatts);
        else stroke = palette.kinds[dominantKind(b.kinds) as keyof Palette['kinds']] ?? palette.kinds.unknown;
        const dropped = droppedAt.get(i) ?? 0;
        const endDown = failedAt.has(b.a) && allFailed(b.a) || failedAt.has(b.b) && allFailed(b.b);
        const gone = endDown || (dropped > 0 && dropped >= b.links + (b.circuits ?? 0));
        const dashed = gone || b.kinds['ocs-circuit'] !== undefined;
        if (gone || dropped > 0) stroke = palette.failed;
        if (highlightedBundles.has(i)) stroke = palette.highlight;
        const key = `${stroke}|${width}|${dashed}`;
        const batch = batches.get(key) ?? batches.set(key, { stroke, width: highlightedBundles.has(i) ? Math.max(width, 3) : width, dashed, coords: [], bundles: [] }).get(key)!;
        const points = bundlePoints(layout, b, i);
        for (let k = 0; k + 3 < points.length; k += 2) {
            batch.coords.push(points[k], points[k + 1], points[k + 2], points[k + 3]);
            batch.bundles.push(i);
        }
        if (b.links + (b.circuits ?? 0) > 1) {
            const [mx, my] = bundleMiddle(points);
            labels.push({ x: mx, y: my, text: `×${b.links + (b.circuits ?? 0)}`, size: 8, maxSize: 8, fill: palette.muted, bold: false, minZoom: 2.2, align: 'center' });
        }
    });
    const lines: LineBatch[] = [...batches.values()]
        .sort((p, q) => p.width - q.width)
        .map(b => ({ stroke: b.stroke, width: b.width, alpha: highlightedBundles.size > 0 && b.stroke === palette.highlight ? 1 : alpha, dashed: b.dashed, coords: Float64Array.from(b.coords), bundles: Int32Array.from(b.bundles) }));
    return { background: palette.background, fontFamily: palette.fontFamily, frames, lines, boxes, marks, labels, width: layout.width, height: layout.height };
}
