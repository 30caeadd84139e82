/**
 * The diagram page, one template for the VS Code panel and the browser-test harness, so the
 * Content-Security-Policy tested in the harness is the one the extension ships: nothing but the
 * page's own resources, scripts by nonce only, no eval, workers from Blob URLs (workers loaded from
 * a webview's resource origin fail in current VS Code).
 */
export interface DiagramPageOptions {
    /** The origin the page's resources come from (`webview.cspSource` in VS Code). */
    readonly cspSource: string;
    /** A fresh random nonce per page. */
    readonly nonce: string;
    readonly scriptUri: string;
    readonly styleUri: string;
    readonly title: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        `default-src 'none'`,
        `img-src ${cspSource} data: blob:`,
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `font-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
        `worker-src blob:`,
        `connect-src 'none'`
    ].join('; ');
}

export function diagramPageHtml(options: DiagramPageOptions): string {
    const nonce = escapeHtml(options.nonce);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}" nonce="${nonce}">
</head>
<body>
<div id="fabric-diagram"></div>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce for the page: 32 characters from the Web Crypto generator (present in browsers and Node ≥ 19). */
export function makeNonce(): string {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
