/**
 * What a person does in VS Code and what they see, as the end-to-end scenarios use it. Two
 * implementations share the scenarios: one drives code-server's workbench in Chromium through
 * Playwright (what is on the screen), one drives a desktop VS Code from inside its extension host
 * through the VS Code API (`@vscode/test-electron`).
 */
export interface EditorDriver {
    /**
     * Whether this driver can see inside the diagram's webview (its canvas, side panel and test
     * hooks): code-server in Chromium can; an extension host (desktop VS Code) cannot.
     */
    readonly seesWebview: boolean;
    /** Opens a file of the test workspace (a path relative to it) in an editor and focuses it. */
    open(file: string): Promise<void>;
    /** The language mode of the active editor, as the status bar names it ("Fabric"). */
    languageMode(): Promise<string>;
    /** Whether the active editor's text is coloured by the Fabric grammar (keywords look unlike names). */
    syntaxColoured(): Promise<boolean>;
    /** The text under each error squiggle of the active editor. */
    errorSquiggles(): Promise<string[]>;
    /** The rows of the Problems panel, each with its message and code. */
    problems(): Promise<string[]>;
    /** Replaces the first occurrence of `find` in the active editor by `replacement`, as typed. */
    replace(find: string, replacement: string): Promise<void>;
    /** Puts the cursor on `text`, opens the light bulb's quick fixes, applies the first; returns its title. */
    applyQuickFix(text: string): Promise<string>;
    /** Hovers `token` (its first occurrence on the first line containing `line`); returns the hover's text. */
    hover(line: string, token: string): Promise<string>;
    /** The completion items offered with the cursor right after the first occurrence of `prefix`. */
    completionsAfter(prefix: string): Promise<string[]>;
    /** Runs Format Document on the active editor. */
    formatDocument(): Promise<void>;
    /** The active editor's text and whether it has unsaved changes. */
    documentState(): Promise<{ text: string; dirty: boolean }>;
    /** The Fabric status-bar item's text, or undefined when it is hidden. */
    fabricStatusBar(): Promise<string | undefined>;
    /** Runs a Fabric command by its palette title (without the "Fabric: " category). */
    runFabricCommand(title: string): Promise<void>;
    /** The open diagram panel: whether it sits beside the editor, whether its webview reported ready, and CSP violations seen. */
    diagramPanel(): Promise<{ beside: boolean; ready: boolean; cspViolations: string[] }>;
    /** The active editor's file name and cursor, 1-based as the status bar shows it ("Ln 31, Col 24"). */
    cursor(): Promise<{ file: string; line: number; column: number }>;
    /** What the diagram webview of `file` shows (only where `seesWebview`). */
    diagramView(file: string): Promise<DiagramView>;
    /** Clicks the centre of the drawn element `path` (a box's key) in the diagram of `file` (only where `seesWebview`). */
    clickInDiagram(file: string, path: string): Promise<void>;
    /** Turns the mouse wheel over the middle of the diagram of `file` (negative: zoom in), or presses its Fit button (only where `seesWebview`). */
    moveDiagramCamera(file: string, how: { wheel: number } | 'fit'): Promise<void>;
    /** Keeps a picture of the screen (where the driver can take one). */
    screenshot(name: string): Promise<void>;
}

/** What a person sees in the diagram webview, read from its page (the data attributes and test hook in packages/webview/README.md). */
export interface DiagramView {
    readonly ready: boolean;
    /** The server's document version of the scene drawn. */
    readonly version: string;
    /** Elements drawn directly under the fabric (groups, open or collapsed, and parts). */
    readonly topLevel: number;
    readonly camera: { readonly zoom: number; readonly tx: number; readonly ty: number } | null;
    /** Parts in the current failure set. */
    readonly failures: number;
    /** The side panel's tables by class ("failure", "budgets", …): rows of cell texts. */
    readonly tables: Readonly<Record<string, readonly (readonly string[])[]>>;
    /** Fill colours of the drawn boxes. */
    readonly boxFills: readonly string[];
}

/** Polls `probe` until `accept` holds; fails with what was last seen. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T | undefined;
    let lastError: unknown;
    while (Date.now() < deadline) {
        try {
            last = await probe();
            if (accept(last)) return last;
        } catch (error) {
            lastError = error;
        }
        await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last)}${lastError ? ` (${String(lastError)})` : ''}`);
}
