/**
 * The messages between the diagram webview and the extension host, typed once for both sides.
 *
 * The webview is untrusted input to the host: every message it posts goes through
 * `parseWebviewMessage` before the host acts on it. The host is a thin relay: the webview asks the
 * language server for what it draws through `request` (only the methods in `DIAGRAM_METHODS`), and
 * the host forwards editor events (a newer analysis, the cursor, commands) to the webview.
 * This module is pure (no DOM, no VS Code) so the host, the webview and tests share it.
 */

export interface Position { readonly line: number; readonly character: number }
export interface Range { readonly start: Position; readonly end: Position }

/** Settings the diagram reads; the host sends them at start and whenever they change. */
export interface DiagramSettings {
    /** Groups with more elements than this start collapsed. */
    readonly collapseThreshold: number;
    /** Slowdown (time after / before) past which an accelerator counts in the blast radius. */
    readonly slowdownThreshold: number;
}

/**
 * What the panel serializer keeps across a reload: the document, and the webview's own view state
 * (camera, expanded groups, phase, failure set), which is opaque to the host.
 */
export interface PersistedDiagramState {
    readonly uri: string;
    readonly view?: unknown;
}

/** Server methods the webview may call through the host. */
export const DIAGRAM_METHODS = ['fabric/diagram', 'fabric/failure'] as const;
export type DiagramMethod = typeof DIAGRAM_METHODS[number];

/** Host commands the webview carries out on its current state. */
export const DIAGRAM_COMMANDS = ['failSelection', 'clearFailures', 'fit', 'exportSvg', 'exportPng'] as const;
export type DiagramCommand = typeof DIAGRAM_COMMANDS[number];

export type HostToWebview =
    /** The first message after `ready`: which document to draw, with settings and any restored state. */
    | { readonly type: 'init'; readonly uri: string; readonly settings: DiagramSettings; readonly state?: PersistedDiagramState }
    /** A newer model or analysis of the document exists: pull it when ready to draw. */
    | { readonly type: 'documentChanged'; readonly uri: string; readonly version: number | null }
    /** The answer to a `request`. */
    | { readonly type: 'response'; readonly id: number; readonly result?: unknown; readonly error?: { readonly code: number; readonly message: string } }
    /** The editor's cursor moved in the document: highlight what is declared there. */
    | { readonly type: 'cursor'; readonly uri: string; readonly position: Position }
    | { readonly type: 'settings'; readonly settings: DiagramSettings }
    /** A palette or toolbar command; `requestId` ties an export to its `exported` answer. */
    | { readonly type: 'command'; readonly command: DiagramCommand; readonly requestId?: number }
    /** Show one phase's load (`workload.phase`), or none. */
    | { readonly type: 'showPhase'; readonly phase: string | null };

export type WebviewToHost =
    /** The page has loaded and listens: the host answers with `init`. */
    | { readonly type: 'ready' }
    /** Relay to the language server. */
    | { readonly type: 'request'; readonly id: number; readonly method: DiagramMethod; readonly params: Readonly<Record<string, unknown>> }
    /** A click on an element: reveal its declaration in the editor. */
    | { readonly type: 'reveal'; readonly uri: string; readonly range: Range }
    /** The answer to an export command: SVG text, or a PNG as base64. */
    | { readonly type: 'exported'; readonly requestId: number; readonly format: 'svg' | 'png'; readonly data: string }
    /** The phases the diagram offers and the one shown (for the host's Show Phase… picker). */
    | { readonly type: 'phases'; readonly phases: readonly string[]; readonly current: string | null }
    /** The webview's view state changed (the host keeps it for the serializer). */
    | { readonly type: 'state'; readonly state: PersistedDiagramState }
    /** Something the user should not have to see but a developer should: errors, CSP violations. */
    | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

const MAX_TEXT = 64 * 1024 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isPosition = (v: unknown): v is Position => isObj(v) && isCount(v.line) && isCount(v.character);
const isRange = (v: unknown): v is Range => isObj(v) && isPosition(v.start) && isPosition(v.end);
const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

function isPersistedState(v: unknown): v is PersistedDiagramState {
    return isObj(v) && isText(v.uri, 4096);
}

function isSettings(v: unknown): v is DiagramSettings {
    return isObj(v) && isCount(v.collapseThreshold) && typeof v.slowdownThreshold === 'number' && Number.isFinite(v.slowdownThreshold) && v.slowdownThreshold >= 1;
}

/** The host's gate: a well-formed message from the webview, or undefined for anything else. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
    if (!isObj(raw)) return undefined;
    switch (raw.type) {
        case 'ready':
            return { type: 'ready' };
        case 'request':
            return isCount(raw.id) && isOneOf(DIAGRAM_METHODS, raw.method) && isObj(raw.params)
                ? { type: 'request', id: raw.id, method: raw.method, params: raw.params } : undefined;
        case 'reveal':
            return isText(raw.uri, 4096) && isRange(raw.range) ? { type: 'reveal', uri: raw.uri, range: raw.range } : undefined;
        case 'exported':
            return isCount(raw.requestId) && isOneOf(['svg', 'png'] as const, raw.format) && isText(raw.data)
                ? { type: 'exported', requestId: raw.requestId, format: raw.format, data: raw.data } : undefined;
        case 'phases':
            return Array.isArray(raw.phases) && raw.phases.length <= 10_000 && raw.phases.every(p => isText(p, 1024)) && (raw.current === null || isText(raw.current, 1024))
                ? { type: 'phases', phases: raw.phases as string[], current: raw.current as string | null } : undefined;
        case 'state':
            return isPersistedState(raw.state) ? { type: 'state', state: raw.state } : undefined;
        case 'log':
            return isOneOf(['info', 'warn', 'error'] as const, raw.level) && isText(raw.message, 16 * 1024)
                ? { type: 'log', level: raw.level, message: raw.message } : undefined;
        default:
            return undefined;
    }
}

/** The webview's gate for what the host posts (the host is trusted, but a version skew is not). */
export function parseHostMessage(raw: unknown): HostToWebview | undefined {
    if (!isObj(raw)) return undefined;
    switch (raw.type) {
        case 'init':
            return isText(raw.uri, 4096) && isSettings(raw.settings) && (raw.state === undefined || isPersistedState(raw.state))
                ? { type: 'init', uri: raw.uri, settings: raw.settings, state: raw.state } : undefined;
        case 'documentChanged':
            return isText(raw.uri, 4096) && (raw.version === null || isCount(raw.version)) ? { type: 'documentChanged', uri: raw.uri, version: raw.version } : undefined;
        case 'response': {
            if (!isCount(raw.id)) return undefined;
            if (raw.error !== undefined) {
                const e = raw.error;
                return isObj(e) && typeof e.code === 'number' && isText(e.message, 16 * 1024) ? { type: 'response', id: raw.id, error: { code: e.code, message: e.message } } : undefined;
            }
            return { type: 'response', id: raw.id, result: raw.result };
        }
        case 'cursor':
            return isText(raw.uri, 4096) && isPosition(raw.position) ? { type: 'cursor', uri: raw.uri, position: raw.position } : undefined;
        case 'settings':
            return isSettings(raw.settings) ? { type: 'settings', settings: raw.settings } : undefined;
        case 'command':
            return isOneOf(DIAGRAM_COMMANDS, raw.command) && (raw.requestId === undefined || isCount(raw.requestId))
                ? { type: 'command', command: raw.command, requestId: raw.requestId } : undefined;
        case 'showPhase':
            return raw.phase === null || isText(raw.phase, 1024) ? { type: 'showPhase', phase: raw.phase } : undefined;
        default:
            return undefined;
    }
}
