/**
 * The SVG back end: the display list through the camera, as a standalone SVG document of the
 * viewport's size. Draws exactly what the canvas painter draws (same primitives, order, widths,
 * dashes, labels by zoom), so an export is what was on screen. Pure string building: runs in Node.
 */
import type { Camera } from './camera.js';
import { labelAt, labelBackdrop, PATH_SEGMENTS, type DisplayList, type LabelOp, type RectOp } from './display-list.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
const num = (v: number): string => (Math.round(v * 100) / 100).toString();
/** Widths in world units at a small zoom need more digits. */
const fine = (v: number): string => Number(v.toPrecision(5)).toString();

export const DASH_PX: readonly [number, number] = [5, 3];

export interface SvgOptions {
    readonly width: number;
    readonly height: number;
    readonly camera: Camera;
    readonly title?: string;
}

function rect(r: RectOp, zoom: number): string {
    const stroke = r.stroke ? ` stroke="${esc(r.stroke)}" stroke-width="${fine(r.lineWidth / zoom)}"${r.dashed ? ` stroke-dasharray="${DASH_PX.map(d => fine(d / zoom)).join(' ')}"` : ''}` : '';
    return `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.w)}" height="${num(r.h)}" fill="${r.fill ? esc(r.fill) : 'none'}"${stroke}/>`;
}

function label(l: LabelOp, font: string, at: { size: number; y: number }): string {
    const { size, y } = at;
    const b = l.backdrop ? labelBackdrop(l, size, y) : null;
    return `${b ? `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" fill="${esc(l.backdrop!)}"/>` : ''}<text x="${num(l.x)}" y="${num(y)}" font-family="${esc(font)}" font-size="${fine(size)}"${l.bold ? ' font-weight="bold"' : ''} fill="${esc(l.fill)}" text-anchor="${l.align === 'center' ? 'middle' : 'start'}" dominant-baseline="central">${esc(l.text)}</text>`;
}

export function displayListToSvg(list: DisplayList, options: SvgOptions): string {
    const { camera, width, height } = options;
    const z = camera.zoom;
    const out: string[] = [];
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
    if (options.title) out.push(`<title>${esc(options.title)}</title>`);
    out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="${esc(list.background)}"/>`);
    out.push(`<g transform="matrix(${z} 0 0 ${z} ${num(camera.tx)} ${num(camera.ty)})">`);
    for (const r of list.frames) out.push(rect(r, z));
    for (const b of list.lines) {
        const dash = b.dashed ? ` stroke-dasharray="${DASH_PX.map(v => fine(v / z)).join(' ')}"` : '';
        for (let from = 0; from < b.coords.length; from += 4 * PATH_SEGMENTS) {
            const d: string[] = [];
            for (let i = from; i < Math.min(b.coords.length, from + 4 * PATH_SEGMENTS); i += 4) d.push(`M${num(b.coords[i])} ${num(b.coords[i + 1])}L${num(b.coords[i + 2])} ${num(b.coords[i + 3])}`);
            out.push(`<path d="${d.join('')}" fill="none" stroke="${esc(b.stroke)}" stroke-opacity="${b.alpha}" stroke-width="${fine(b.width / z)}"${dash}/>`);
        }
    }
    for (const r of list.boxes) out.push(rect(r, z));
    for (const r of list.marks) out.push(rect(r, z));
    for (const l of list.labels) {
        const at = labelAt(l, z);
        if (at) out.push(label(l, list.fontFamily, at));
    }
    out.push('</g></svg>');
    return out.join('\n');
}
