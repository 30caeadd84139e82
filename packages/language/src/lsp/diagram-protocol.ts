import type { Analysis, FabricModel } from '@fabric/simulator';
import { NotificationType, RequestType } from 'vscode-languageserver';

/**
 * The diagram feed between the language server and the extension, typed once for both sides.
 * The client asks for a document's feed with `fabric/diagram` (which also subscribes it); after
 * each analysis the server announces `fabric/diagramChanged` for every subscribed document, and
 * the client asks again when it is ready to draw (a feed of the 576-accelerator pod is ≈19 MB of
 * JSON, so the server never pushes one unasked); `fabric/diagramClosed` unsubscribes.
 * Everything in a feed is plain JSON data.
 */
export const DIAGRAM_REQUEST = 'fabric/diagram';
export const DIAGRAM_CHANGED_NOTIFICATION = 'fabric/diagramChanged';
export const DIAGRAM_CLOSED_NOTIFICATION = 'fabric/diagramClosed';

export interface DiagramParams {
    /** The document's URI, as the editor names it. */
    readonly uri: string;
}

export interface DiagramFabric {
    readonly model: FabricModel;
    /** The simulator's analysis of the model; null if the model could not be analysed. */
    readonly analysis: Analysis | null;
}

export interface DiagramFeed {
    readonly uri: string;
    /** The text version the feed was computed from (undefined for a file not open in the editor). */
    readonly version: number | undefined;
    /** One entry per `fabric` in the document, in source order. */
    readonly fabrics: readonly DiagramFabric[];
}

/** A newer analysis of a subscribed document exists. */
export interface DiagramChangedParams {
    readonly uri: string;
    readonly version: number | undefined;
}

export const DiagramRequest = new RequestType<DiagramParams, DiagramFeed | null, void>(DIAGRAM_REQUEST);
export const DiagramChangedNotification = new NotificationType<DiagramChangedParams>(DIAGRAM_CHANGED_NOTIFICATION);
export const DiagramClosedNotification = new NotificationType<DiagramParams>(DIAGRAM_CLOSED_NOTIFICATION);
