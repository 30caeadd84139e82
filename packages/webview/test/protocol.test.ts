import { describe, expect, test } from 'vitest';
import { parseHostMessage, parseWebviewMessage } from '../src/protocol.js';
import { contentSecurityPolicy, diagramPageHtml } from '../src/html.js';

describe('webview → host messages are validated at the boundary', () => {
    test('well-formed messages pass through unchanged', () => {
        const reveal = { type: 'reveal', uri: 'file:///a.fabric', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } } };
        expect(parseWebviewMessage(reveal)).toEqual(reveal);
        expect(parseWebviewMessage({ type: 'request', id: 7, method: 'fabric/failure', params: { uri: 'file:///a.fabric' } }))
            .toEqual({ type: 'request', id: 7, method: 'fabric/failure', params: { uri: 'file:///a.fabric' } });
    });

    test.each([
        ['not an object', 'ready'],
        ['unknown type', { type: 'openTerminal' }],
        ['a method the relay does not serve', { type: 'request', id: 1, method: 'workspace/executeCommand', params: {} }],
        ['negative id', { type: 'request', id: -1, method: 'fabric/diagram', params: {} }],
        ['range with a fractional line', { type: 'reveal', uri: 'file:///a', range: { start: { line: 0.5, character: 0 }, end: { line: 1, character: 0 } } }],
        ['export in an unknown format', { type: 'exported', requestId: 1, format: 'exe', data: '' }],
        ['log at an unknown level', { type: 'log', level: 'fatal', message: 'x' }]
    ])('%s is refused', (_, raw) => {
        expect(parseWebviewMessage(raw)).toBeUndefined();
    });
});

describe('host → webview messages', () => {
    test('init needs settings with a slowdown threshold of at least 1', () => {
        expect(parseHostMessage({ type: 'init', uri: 'file:///a', settings: { collapseThreshold: 64, slowdownThreshold: 1.1 } })).toBeDefined();
        expect(parseHostMessage({ type: 'init', uri: 'file:///a', settings: { collapseThreshold: 64, slowdownThreshold: 0.5 } })).toBeUndefined();
        expect(parseHostMessage({ type: 'init', uri: 'file:///a', settings: { collapseThreshold: 64, slowdownThreshold: Number.NaN } })).toBeUndefined();
    });

    test('an error response keeps its code and message', () => {
        expect(parseHostMessage({ type: 'response', id: 2, error: { code: -32800, message: 'cancelled' } }))
            .toEqual({ type: 'response', id: 2, error: { code: -32800, message: 'cancelled' } });
    });
});

describe('the page', () => {
    test('scripts run by nonce only, workers from blob URLs, nothing fetched from elsewhere', () => {
        const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc123');
        expect(csp).toContain(`default-src 'none'`);
        expect(csp).toContain(`script-src 'nonce-abc123'`);
        expect(csp).toContain('worker-src blob:');
        expect(csp).not.toContain('unsafe-eval');
        expect(csp).not.toContain('unsafe-inline');
    });

    test('the page escapes what it is given', () => {
        const html = diagramPageHtml({ cspSource: 'x', nonce: 'n', scriptUri: 'a"><script>', styleUri: 's', title: '<b>' });
        expect(html).not.toContain('a"><script>');
        expect(html).toContain('&#60;b&#62;');
    });
});
