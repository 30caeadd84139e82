import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices, type TextDocumentProvider } from 'langium';
import { ANALYSIS_CATEGORY } from '../validation/fabric-validation-registry.js';

/**
 * Runs the simulator-backed checks after the cheap ones: once an edit's syntax, linking and
 * model diagnostics are published, the open documents are analysed a moment later in their own
 * build. A new edit cancels a pending or running analysis (the workspace lock cancels the
 * previous write), so keystrokes never wait for a stale analysis.
 */
export class AnalysisScheduler {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private analysing = false;
    private readonly listeners: Array<(documents: readonly LangiumDocument[]) => void> = [];

    constructor(private readonly shared: LangiumSharedCoreServices, private readonly textDocuments: TextDocumentProvider | undefined, private readonly delayMs = 100) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.Validated, documents => this.schedule(documents));
        builder.onUpdate(() => this.cancelPending());
    }

    private schedule(documents: readonly LangiumDocument[]): void {
        if (this.analysing) return; // our own build finishing
        const open = documents.filter(d => !this.textDocuments || this.textDocuments.get(d.uri.toString()) !== undefined);
        if (open.length === 0) return;
        this.cancelPending();
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.shared.workspace.WorkspaceLock.write(async token => {
                this.analysing = true;
                try {
                    await this.shared.workspace.DocumentBuilder.build(open, { validation: { categories: [ANALYSIS_CATEGORY] } }, token);
                } finally {
                    this.analysing = false;
                }
                if (!token.isCancellationRequested) this.listeners.forEach(listener => listener(open));
            });
        }, this.delayMs);
    }

    /** Called after an analysis build completes (not when a newer edit cancelled it). */
    onAnalysed(listener: (documents: readonly LangiumDocument[]) => void): void {
        this.listeners.push(listener);
    }

    private cancelPending(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }
}
