import { Cancellation, DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { FabricModel } from '@fabric/simulator';
import type { FabricServices } from '../fabric-module.js';
import type { AnalysisScheduler } from './analysis-scheduler.js';
import { DiagramScenes } from './diagram-scenes.js';
import { DiagramFailures } from './diagram-failures.js';
import { WorkerFailureRunner } from './diagram-failure-runner.js';
import {
    DiagramChangedNotification, DiagramClosedNotification, DiagramRequest, FailureRequest,
    type DiagramFeed, type DiagramViewParams, type FailureAnswer, type FailureParams
} from './diagram-protocol.js';

export const DEFAULT_COLLAPSE_THRESHOLD = 64;
const MAX_NAMES = 100_000;

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.length <= MAX_NAMES && v.every(s => typeof s === 'string' && s.length <= 4096);

/** The view params of a request, checked (the webview behind them is untrusted); a bad field is a clear error. */
export function readViewParams(raw: Record<string, unknown>): DiagramViewParams {
    const bad = (field: string, what: string) => new ResponseError(-32602, `fabric/diagram: '${field}' must be ${what}`);
    if (raw.fabric !== undefined && typeof raw.fabric !== 'string') throw bad('fabric', 'a fabric name');
    const t = raw.collapseThreshold;
    if (t !== undefined && !(typeof t === 'number' && Number.isSafeInteger(t) && t >= 0)) throw bad('collapseThreshold', 'a whole number ≥ 0');
    if (raw.expanded !== undefined && !isStrings(raw.expanded)) throw bad('expanded', 'a list of group paths');
    if (raw.collapsed !== undefined && !isStrings(raw.collapsed)) throw bad('collapsed', 'a list of group paths');
    if (raw.phase !== undefined && raw.phase !== null && typeof raw.phase !== 'string') throw bad('phase', 'a phase name (workload.phase) or null');
    return {
        ...(raw.fabric !== undefined ? { fabric: raw.fabric as string } : {}),
        ...(t !== undefined ? { collapseThreshold: t as number } : {}),
        ...(raw.expanded !== undefined ? { expanded: raw.expanded as string[] } : {}),
        ...(raw.collapsed !== undefined ? { collapsed: raw.collapsed as string[] } : {}),
        ...(raw.phase !== undefined ? { phase: raw.phase as string | null } : {})
    };
}

function pickModel(models: readonly FabricModel[], name: string | undefined): FabricModel | undefined {
    return name === undefined ? models[0] : models.find(m => m.name === name) ?? models[0];
}

/**
 * The scene of a document at a level of detail, from the model at once and the analysis if it is
 * cached (the picture never waits for an analysis: `scene.analysis` is 'pending' until it is ready).
 */
export function diagramFeed(services: FabricServices, document: LangiumDocument, params: DiagramViewParams = {}, scenes = new DiagramScenes()): DiagramFeed {
    const models = services.elaboration.FabricElaboration.of(document).models;
    const model = pickModel(models, params.fabric);
    const scene = model ? scenes.scene(model, services.analysis.FabricAnalyses.cached(model) ?? null, params, DEFAULT_COLLAPSE_THRESHOLD) : null;
    return { uri: document.uri.toString(), version: document.textDocument.version, fabrics: models.map(m => m.name), scene };
}

const isResponseError = (e: unknown): e is { code: number; message: string } =>
    typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && typeof (e as { message?: unknown }).message === 'string';

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');

/**
 * Serves `fabric/diagram` and `fabric/failure`, tracks subscriptions, and announces
 * `fabric/diagramChanged` after each model rebuild and each analysis. A request the client cancels,
 * or whose document is edited while it runs, answers RequestCancelled (the client pulls again after
 * the change notice).
 */
export function registerDiagramFeed(connection: Connection, services: FabricServices, scheduler: AnalysisScheduler): void {
    const subscribed = new Set<string>();
    const builder = services.shared.workspace.DocumentBuilder;
    const textDocuments = services.shared.workspace.TextDocuments;
    const scenes = new DiagramScenes();
    /** The text version each document was last linked from. */
    const builtVersions = new Map<string, number>();
    builder.onBuildPhase(DocumentState.Linked, documents => {
        for (const d of documents) builtVersions.set(d.uri.toString(), d.textDocument.version);
    });
    // Click-to-fail is priced in a worker thread that prepares each shown model's baseline ahead of the first click.
    const failures = new DiagramFailures(new WorkerFailureRunner());
    /** Per document, the slowdown threshold of its last failure request (the baseline prepared ahead uses it). */
    const thresholds = new Map<string, number>();

    /** The document once linked, or RequestCancelled if the client cancels or the text changes meanwhile. */
    async function linkedDocument(uriText: string, token: Cancellation.CancellationToken): Promise<{ document: LangiumDocument | undefined; still: () => void }> {
        const before = textDocuments?.get(uriText)?.version;
        const still = () => {
            if (token.isCancellationRequested || textDocuments?.get(uriText)?.version !== before) throw cancelled();
        };
        const uri = URI.parse(uriText);
        for (let attempt = 0; ; attempt++) {
            try {
                await builder.waitUntil(DocumentState.Linked, uri, token);
            } catch (error) {
                if (isOperationCancelled(error) || token.isCancellationRequested) throw cancelled();
                // An open document the builder has not seen yet (the request came right after didOpen): wait for its build once.
                if (isResponseError(error) && error.code === LSPErrorCodes.ServerCancelled && attempt === 0 && textDocuments?.get(uriText)) {
                    await nextLinkedBuild(token);
                    continue;
                }
                // Langium's errors come from its own copy of the JSON-RPC library: keep their code.
                if (isResponseError(error)) throw new ResponseError(error.code, error.message);
                throw error;
            }
            still();
            // Linked, but from an older text while the rebuild of an edit waits its turn: wait for that rebuild.
            const open = textDocuments?.get(uriText);
            if (!open || builtVersions.get(uriText) === open.version) break;
            await nextLinkedBuild(token);
        }
        still();
        const document = services.shared.workspace.LangiumDocuments.getDocument(uri);
        if (document && document.state < DocumentState.Linked) throw cancelled();
        return { document, still };
    }

    const nextLinkedBuild = (token: Cancellation.CancellationToken) => new Promise<void>(resolve => {
        const done = () => { linked.dispose(); cancel.dispose(); resolve(); };
        const linked = builder.onBuildPhase(DocumentState.Linked, done);
        const cancel = token.onCancellationRequested(done);
    });

    connection.onRequest(DiagramRequest, async (params, token) => {
        if (typeof params?.uri !== 'string') throw new ResponseError(-32602, `fabric/diagram: 'uri' must be the document's URI`);
        const view = readViewParams(params as unknown as Record<string, unknown>);
        const { document, still } = await linkedDocument(params.uri, token);
        if (!document) return null;
        subscribed.add(params.uri);
        const feed = diagramFeed(services, document, view, scenes);
        still();
        // Once the model is analysed (the edits have settled), prepare its click-to-fail baseline.
        const model = pickModel(services.elaboration.FabricElaboration.of(document).models, view.fabric);
        if (model && feed.scene?.analysis === 'ready') {
            failures.prepare(params.uri, model, thresholds.get(params.uri) ?? services.settings.FabricSettings.slowdownThreshold);
            const scene = feed.scene;
            setImmediate(() => failures.mapsOf(model, scene));
        }
        return feed;
    });

    connection.onRequest(FailureRequest, async (params: FailureParams, token): Promise<FailureAnswer | null> => {
        const started = performance.now();
        if (typeof params?.uri !== 'string') throw new ResponseError(-32602, `fabric/failure: 'uri' must be the document's URI`);
        if (!isStrings(params.names)) throw new ResponseError(-32602, `fabric/failure: 'names' must be a list of part names`);
        if (params.bundles !== undefined && !isStrings(params.bundles)) throw new ResponseError(-32602, `fabric/failure: 'bundles' must be a list of bundle keys`);
        // The webview sends the editor's setting; without it, the server's (fabric.blastRadius.slowdownThreshold).
        const threshold = params.slowdownThreshold ?? services.settings.FabricSettings.slowdownThreshold;
        if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 1) throw new ResponseError(-32602, `fabric/failure: 'slowdownThreshold' must be a number ≥ 1`);
        const view = readViewParams(params as unknown as Record<string, unknown>);
        const { document, still } = await linkedDocument(params.uri, token);
        if (!document) return null;
        const model = pickModel(services.elaboration.FabricElaboration.of(document).models, view.fabric);
        if (!model) return null;
        const scene = scenes.scene(model, services.analysis.FabricAnalyses.cached(model) ?? null, view, DEFAULT_COLLAPSE_THRESHOLD);
        thresholds.set(params.uri, threshold);
        const answer = await failures.evaluate(params.uri, model, scene, params.names, params.bundles ?? [], threshold);
        still();
        return { uri: params.uri, version: document.textDocument.version, ...answer, milliseconds: performance.now() - started };
    });

    connection.onNotification(DiagramClosedNotification, params => { subscribed.delete(params.uri); });
    textDocuments?.onDidClose(event => { builtVersions.delete(event.document.uri); thresholds.delete(event.document.uri); });
    const announce = (documents: readonly LangiumDocument[], reason: 'model' | 'analysis') => {
        for (const document of documents) {
            const uri = document.uri.toString();
            if (subscribed.has(uri)) void connection.sendNotification(DiagramChangedNotification, { uri, version: document.textDocument.version, reason });
        }
    };
    // The topology follows each rebuild at once; the numbers follow the analysis.
    builder.onBuildPhase(DocumentState.Validated, documents => announce(documents, 'model'));
    scheduler.onAnalysed(documents => announce(documents, 'analysis'));
}
