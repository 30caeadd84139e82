import type { AnalysisOptions, FabricModel } from '@fabric/simulator';
import { Cancellation, DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import type { TextDocuments } from 'langium/lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import type { DocumentElaboration } from '../elaboration/elaborator.js';
import type { FabricServices } from '../fabric-module.js';
import { ANALYSIS_CATEGORY } from '../validation/fabric-validation-registry.js';
import type { AnalysisOutcome } from './analysis-runner.js';
import { isFinal } from './fabric-analyses.js';

export interface AnalysisSchedulerOptions {
    /** Quiet time after the last build before analyses start (a burst of keystrokes analyses once). */
    readonly delayMs?: number;
    /** Where diagnostics go; default: `textDocument/publishDiagnostics` on the services' connection. */
    readonly publish?: (uri: string, diagnostics: Diagnostic[]) => void;
}

/** What was published for a document: the analysis diagnostics of one elaboration of it. */
interface Published {
    readonly elaboration: DocumentElaboration;
    readonly diagnostics: Diagnostic[];
    /** Every model's outcome was final (full, or stopped by the budget), or the pass failed: nothing more to wait for. */
    readonly final: boolean;
    /** The analysis options it was computed with (FabricAnalyses replaces the object when they change). */
    readonly options: AnalysisOptions;
}

interface Pass {
    readonly elaboration: DocumentElaboration;
    readonly options: AnalysisOptions;
    readonly source: Cancellation.CancellationTokenSource;
}

/**
 * Runs the simulator-backed checks of each open document after its cheap ones, per document:
 * once an edit's syntax, linking and model diagnostics are published, the documents whose models
 * changed are analysed a moment later (in the server, in a worker, staged and within a budget:
 * FabricAnalyses and WorkerAnalysisRunner), and their analysis diagnostics are published after
 * each stage, added to the document's own. A document keeps its analysis (and its analysis
 * diagnostics) until its own text or a file it imports changes: opening or editing another file
 * never wipes it. An edit of a document cancels that document's running analysis only.
 *
 * Settings (FabricSettings): with `fabric.analysis.runOn` = `save`, an edited document is
 * analysed when saved (and when opened), not while typed into; a change of settings re-analyses
 * the open documents.
 *
 * The scheduler must be created before the language server starts: its listener puts the
 * analysis diagnostics back into a re-validated document before Langium publishes it.
 */
export class AnalysisScheduler {
    private readonly delayMs: number;
    private readonly publishTo: (uri: string, diagnostics: Diagnostic[]) => void;
    /** Documents to analyse even when the settings say "on save": just opened or saved, or the settings changed. */
    private readonly requested = new Set<string>();
    private readonly published = new Map<string, Published>();
    private readonly passes = new Map<string, Pass>();
    private timer: ReturnType<typeof setTimeout> | undefined;
    private readonly listeners: Array<(documents: readonly LangiumDocument[]) => void> = [];

    private readonly textDocuments: TextDocuments<TextDocument>;

    constructor(private readonly services: FabricServices, options: AnalysisSchedulerOptions = {}) {
        this.delayMs = options.delayMs ?? 100;
        this.textDocuments = services.shared.workspace.TextDocuments;
        this.textDocuments.onDidOpen(({ document }) => this.request(document.uri));
        this.textDocuments.onDidSave(({ document }) => this.request(document.uri));
        this.textDocuments.onDidClose(({ document }) => this.forget(document.uri));
        const connection = services.shared.lsp?.Connection;
        this.publishTo = options.publish ?? ((uri, diagnostics) => void connection?.sendDiagnostics({ uri, diagnostics }));
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.Validated, document => this.validated(document));
        builder.onBuildPhase(DocumentState.Validated, () => this.scheduleSoon());
        builder.onUpdate((changed, deleted) => [...changed, ...deleted].forEach(uri => this.cancelPass(uri.toString())));
        // New options make every stored outcome stale; "on save" back to "as you type" analyses what typing left stale.
        services.settings.FabricSettings.onChange(() => {
            for (const uri of this.openUris()) {
                if (this.passes.get(uri)?.options !== services.analysis.FabricAnalyses.analysisOptions) this.cancelPass(uri);
                this.request(uri);
            }
        });
    }

    /** Called after analysis diagnostics of documents were published (each stage). */
    onAnalysed(listener: (documents: readonly LangiumDocument[]) => void): void {
        this.listeners.push(listener);
    }

    /** An editor event: the document was opened or saved, so it is analysed even if the settings say "on save". */
    request(uri: string): void {
        this.requested.add(uri);
        this.scheduleSoon();
    }

    /** The document was closed: its analysis is no longer wanted. */
    forget(uri: string): void {
        this.cancelPass(uri);
        this.requested.delete(uri);
        this.published.delete(uri);
    }

    /**
     * For the server's statistics: open documents still being built (or not yet loaded, or whose
     * new text waits for its rebuild: a large document's edits are coalesced) or that the next
     * pass would analyse, documents being analysed, and documents with analysis findings published.
     */
    get stats(): { pending: number; analysing: number; published: number } {
        const building = this.textDocuments.keys().filter(uri => {
            const document = this.documentAt(uri);
            return !document || document.state < DocumentState.Validated || document.parseResult.value.$cstNode?.root.fullText !== this.textDocuments.get(uri)?.getText();
        }).length;
        return { pending: building + this.candidates().length, analysing: this.passes.size, published: this.published.size };
    }

    private validated(document: LangiumDocument): void {
        const uri = document.uri.toString();
        if (!this.isOpen(uri)) return;
        const elaboration = this.services.elaboration.FabricElaboration.of(document);
        const published = this.published.get(uri);
        if (published?.elaboration === elaboration) {
            // Re-validated with the same models (a relink that changed nothing they depend on): keep the analysis findings.
            document.diagnostics = [...(document.diagnostics ?? []), ...published.diagnostics];
        } else {
            this.published.delete(uri);
            if (this.passes.get(uri)?.elaboration !== elaboration) this.cancelPass(uri);
        }
        this.scheduleSoon();
    }

    /**
     * The open, validated documents whose current models lack a final analysis (and, with "on
     * save", that were opened or saved since). Every open document is looked at, not only those
     * of the last build: a build cancelled at its very end skips its listeners.
     */
    private candidates(): string[] {
        const typing = this.services.settings.FabricSettings.runOn === 'type';
        return this.openUris().filter(uri => {
            const document = this.documentAt(uri);
            return document !== undefined && document.state === DocumentState.Validated
                && (typing || this.requested.has(uri)) && this.needsAnalysis(uri, document);
        });
    }

    private needsAnalysis(uri: string, document: LangiumDocument): boolean {
        const elaboration = this.services.elaboration.FabricElaboration.of(document);
        const published = this.published.get(uri);
        const upToDate = published?.elaboration === elaboration && published.final && published.options === this.services.analysis.FabricAnalyses.analysisOptions;
        return !upToDate && this.passes.get(uri)?.elaboration !== elaboration;
    }

    /** (Re)starts the quiet-time timer; when it fires, every candidate document is analysed. */
    private scheduleSoon(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            for (const uri of this.candidates()) void this.analyse(uri);
        }, this.delayMs);
    }

    /** One pass over a document's models: each stage's outcome is published as it arrives. */
    private async analyse(uri: string): Promise<void> {
        const document = this.documentAt(uri);
        if (!document || document.state < DocumentState.Validated || !this.isOpen(uri)) return;
        const elaboration = this.services.elaboration.FabricElaboration.of(document);
        if (this.passes.get(uri)?.elaboration === elaboration) return;
        this.cancelPass(uri);
        this.requested.delete(uri);
        const pass: Pass = { elaboration, options: this.services.analysis.FabricAnalyses.analysisOptions, source: new Cancellation.CancellationTokenSource() };
        this.passes.set(uri, pass);
        const analyses = this.services.analysis.FabricAnalyses;
        const mine = new Set<FabricModel>(elaboration.models);
        const onStage = (model: FabricModel, outcome: AnalysisOutcome) => {
            if (mine.has(model) && !isFinal(outcome) && this.passes.get(uri) === pass) void this.publish(uri, pass, false);
        };
        const subscription = analyses.onOutcome(onStage);
        try {
            await Promise.all(elaboration.models.map(model => analyses.run(model, pass.source.token)));
            if (this.passes.get(uri) === pass) await this.publish(uri, pass, true);
        } catch (error) {
            if (!isOperationCancelled(error)) {
                // A defect, not a budget: log it, and do not retry until the models change.
                console.error(`analysis of ${uri} failed:`, error);
                this.published.set(uri, { elaboration, diagnostics: this.published.get(uri)?.diagnostics ?? [], final: true, options: pass.options });
            }
        } finally {
            subscription.dispose();
            if (this.passes.get(uri) === pass) this.passes.delete(uri);
            this.scheduleSoon(); // anything that changed meanwhile (settings, a document left waiting) is looked at again
        }
    }

    /**
     * Publishes the document's diagnostics with the analysis findings of what the models' outcomes
     * hold now, once every model has at least its first stage. Read under the workspace lock, so the
     * document is not being rebuilt meanwhile; skipped if it no longer has the pass's models.
     */
    private publish(uri: string, pass: Pass, final: boolean): Promise<void> {
        const analyses = this.services.analysis.FabricAnalyses;
        if (!pass.elaboration.models.every(m => analyses.outcome(m) !== undefined)) return Promise.resolve();
        return this.services.shared.workspace.WorkspaceLock.read(async () => {
            const document = this.documentAt(uri);
            if (!document || document.state < DocumentState.Validated || this.services.elaboration.FabricElaboration.peek(document) !== pass.elaboration) return;
            if (pass.source.token.isCancellationRequested) return;
            const validator = this.services.validation.DocumentValidator;
            const diagnostics = await validator.validateDocument(document, { categories: [ANALYSIS_CATEGORY] });
            if (pass.source.token.isCancellationRequested || !this.isOpen(uri)) return; // closed or edited meanwhile
            const previous = new Set(this.published.get(uri)?.diagnostics ?? []);
            const own = (document.diagnostics ?? []).filter(d => !previous.has(d));
            document.diagnostics = [...own, ...diagnostics];
            this.published.set(uri, { elaboration: pass.elaboration, diagnostics, final, options: pass.options });
            this.publishTo(uri, document.diagnostics);
            this.listeners.forEach(listener => listener([document]));
        });
    }

    private cancelPass(uri: string): void {
        const pass = this.passes.get(uri);
        if (!pass) return;
        this.passes.delete(uri);
        pass.source.cancel();
    }

    private isOpen(uri: string): boolean {
        return this.textDocuments.get(uri) !== undefined;
    }

    private openUris(): string[] {
        return this.services.shared.workspace.LangiumDocuments.all.map(d => d.uri.toString()).filter(uri => this.isOpen(uri)).toArray();
    }

    private documentAt(uri: string): LangiumDocument | undefined {
        return this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
    }
}
