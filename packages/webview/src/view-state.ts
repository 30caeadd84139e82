/**
 * What the webview keeps across hiding and reloading (through `setState`, and the host's serializer
 * via `state` messages): the camera, the groups opened and closed by hand, the phase, the colouring
 * and the failure set. Restored state is untrusted: anything malformed falls back to the default.
 */
export interface ViewState {
    readonly camera: { readonly tx: number; readonly ty: number; readonly zoom: number } | null;
    readonly expanded: readonly string[];
    readonly collapsed: readonly string[];
    /** The phase shown: undefined until the viewer picks one (the server shows the first), null for none. */
    readonly phase: string | null | undefined;
    readonly colourBy: 'kind' | 'load' | 'watts';
    /** Failed parts by name, and failed bundles by key. */
    readonly failNames: readonly string[];
    readonly failBundles: readonly string[];
    readonly fabric: string | null;
}

export const DEFAULT_VIEW: ViewState = { camera: null, expanded: [], collapsed: [], phase: undefined, colourBy: 'kind', failNames: [], failBundles: [], fabric: null };

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.length <= 100_000 && v.every(s => typeof s === 'string' && s.length <= 4096) ? v as string[] : null);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function readViewState(raw: unknown): ViewState {
    if (typeof raw !== 'object' || raw === null) return DEFAULT_VIEW;
    const r = raw as Record<string, unknown>;
    const c = r.camera as Record<string, unknown> | null | undefined;
    const camera = c && finite(c.tx) && finite(c.ty) && finite(c.zoom) && c.zoom > 0 ? { tx: c.tx, ty: c.ty, zoom: c.zoom } : null;
    return {
        camera,
        expanded: strings(r.expanded) ?? [],
        collapsed: strings(r.collapsed) ?? [],
        phase: typeof r.phase === 'string' || r.phase === null ? r.phase : undefined,
        colourBy: r.colourBy === 'load' || r.colourBy === 'watts' ? r.colourBy : 'kind',
        failNames: strings(r.failNames) ?? [],
        failBundles: strings(r.failBundles) ?? [],
        fabric: typeof r.fabric === 'string' ? r.fabric : null
    };
}
