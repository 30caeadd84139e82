import type { FailureOverlay, Scene } from '@fabric/diagram';
import type { FailureResult } from '@fabric/simulator';
import { NotificationType, RequestType } from 'vscode-languageserver';

/**
 * The diagram feed between the language server and the diagram view, typed once for both sides.
 * "Notify, then pull": the client asks for a document's scene with `fabric/diagram` (which also
 * subscribes it); after each rebuild of the model, and again when its analysis is ready, the server
 * announces `fabric/diagramChanged` for every subscribed document, and the client asks again when
 * it is ready to draw; `fabric/diagramClosed` unsubscribes.
 *
 * The answer is the scene at the viewer's level of detail (the `@fabric/diagram` package builds it
 * from the model and the cached analysis): the topology at once, the analysis' numbers when they
 * exist (`scene.analysis` says which). `fabric/failure` fails a set of parts named as people name them
 * and answers with the simulator's result and where it shows on the same scene.
 * Everything here is plain JSON data.
 */
export const DIAGRAM_REQUEST = 'fabric/diagram';
export const FAILURE_REQUEST = 'fabric/failure';
export const DIAGRAM_CHANGED_NOTIFICATION = 'fabric/diagramChanged';
export const DIAGRAM_CLOSED_NOTIFICATION = 'fabric/diagramClosed';

/** The viewer's level of detail: groups opened and closed by hand, over the collapse threshold. */
export interface DiagramViewParams {
    /** The fabric to draw (by name); default the document's first. */
    readonly fabric?: string;
    /** Groups with more elements than this start collapsed (the `fabric.diagram.collapseThreshold` setting, default 64). */
    readonly collapseThreshold?: number;
    /** Group paths opened / closed by the viewer. */
    readonly expanded?: readonly string[];
    readonly collapsed?: readonly string[];
    /** `workload.phase` whose load the bundles carry and whose OCS configuration is drawn; absent: the first phase; null: none. */
    readonly phase?: string | null;
}

export interface DiagramParams extends DiagramViewParams {
    /** The document's URI, as the editor names it. */
    readonly uri: string;
}

export interface DiagramFeed {
    readonly uri: string;
    /** The text version the feed was computed from (undefined for a file not open in the editor). */
    readonly version: number | undefined;
    /** The document's fabrics, in source order. */
    readonly fabrics: readonly string[];
    /** The drawn fabric's scene; null when the document has no fabric. */
    readonly scene: Scene | null;
}

export interface FailureParams extends DiagramParams {
    /**
     * What fails, as `resolveFailureSelection` reads names: node, group or laser-source paths,
     * failure-domain names, `link#17`, `a <-> b`.
     */
    readonly names: readonly string[];
    /** Bundles of the scene drawn with the same view params, by `bundleKey`: all their links fail. */
    readonly bundles?: readonly string[];
    /** Slowdown past which an accelerator counts in the blast radius (`fabric.blastRadius.slowdownThreshold`, default 1.1). */
    readonly slowdownThreshold?: number;
}

export interface FailureAnswer {
    readonly uri: string;
    readonly version: number | undefined;
    /** Names (and bundles) that matched nothing: nothing was failed for them. */
    readonly unknown: readonly string[];
    /** The simulator's verdict: cut-off accelerators, bandwidth lost, each phase's slowdown. */
    readonly result: FailureResult;
    /** Where the result shows on the scene of the same view. */
    readonly overlay: FailureOverlay;
    /** Server time to answer, for the diagram's status line. */
    readonly milliseconds: number;
}

/** A newer model or analysis of a subscribed document exists. */
export interface DiagramChangedParams {
    readonly uri: string;
    readonly version: number | undefined;
    /** What is new: the model (topology) or its analysis (numbers). */
    readonly reason?: 'model' | 'analysis';
}

export const DiagramRequest = new RequestType<DiagramParams, DiagramFeed | null, void>(DIAGRAM_REQUEST);
export const FailureRequest = new RequestType<FailureParams, FailureAnswer | null, void>(FAILURE_REQUEST);
export const DiagramChangedNotification = new NotificationType<DiagramChangedParams>(DIAGRAM_CHANGED_NOTIFICATION);
export const DiagramClosedNotification = new NotificationType<{ readonly uri: string }>(DIAGRAM_CLOSED_NOTIFICATION);
