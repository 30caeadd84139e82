import { describe, expect, test } from 'vitest';
import type { HostToWebview } from '@fabric/webview/protocol';
import { DiagramSession, type DiagramHostPorts } from '../src/diagram-session.js';

const URI = 'file:///w/nvl72-copper.fabric';

function fakeHost(answer: (method: string, params: unknown) => Promise<unknown> = async () => ({ ok: true })) {
    const posted: HostToWebview[] = [];
    const requests: Array<{ method: string; params: unknown }> = [];
    const reveals: Array<{ uri: string; range: unknown }> = [];
    const logs: Array<{ level: string; message: string }> = [];
    const ports: DiagramHostPorts = {
        post: m => posted.push(m),
        request: (method, params) => { requests.push({ method, params }); return answer(method, params); },
        reveal: (uri, range) => reveals.push({ uri, range }),
        log: (level, message) => logs.push({ level, message }),
        settings: () => ({ collapseThreshold: 64, slowdownThreshold: 1.1 })
    };
    return { ports, posted, requests, reveals, logs };
}

describe('diagram session (host side of the webview protocol)', () => {
    test('ready is answered with init: the document, the settings, the restored view state', async () => {
        const host = fakeHost();
        const session = new DiagramSession(URI, host.ports, { uri: URI, view: { zoom: 2 } });
        await session.received({ type: 'ready' });
        expect(host.posted).toEqual([{ type: 'init', uri: URI, settings: { collapseThreshold: 64, slowdownThreshold: 1.1 }, state: { uri: URI, view: { zoom: 2 } } }]);
        expect(host.logs).toContainEqual({ level: 'info', message: 'diagram of nvl72-copper.fabric is ready' });
    });

    test('a request for a diagram method is relayed and answered with its id', async () => {
        const host = fakeHost(async () => ({ fabrics: [] }));
        const session = new DiagramSession(URI, host.ports);
        await session.received({ type: 'request', id: 7, method: 'fabric/diagram', params: { uri: URI } });
        expect(host.requests).toEqual([{ method: 'fabric/diagram', params: { uri: URI } }]);
        expect(host.posted).toEqual([{ type: 'response', id: 7, result: { fabrics: [] } }]);
    });

    test('a failed request is answered with its error', async () => {
        const host = fakeHost(async () => { throw Object.assign(new Error('no such part'), { code: -32602 }); });
        await new DiagramSession(URI, host.ports).received({ type: 'request', id: 3, method: 'fabric/failure', params: { uri: URI, parts: ['x'] } });
        expect(host.posted).toEqual([{ type: 'response', id: 3, error: { code: -32602, message: 'no such part' } }]);
    });

    test('anything else is dropped before it reaches the server: other methods, malformed messages', async () => {
        const host = fakeHost();
        const session = new DiagramSession(URI, host.ports);
        for (const bad of [{ type: 'request', id: 1, method: 'workspace/executeCommand', params: {} }, { type: 'request', id: -1, method: 'fabric/diagram', params: {} },
            { type: 'reveal', uri: URI, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }, 'ready', null, { type: 'eval', code: '1' }]) {
            await session.received(bad);
        }
        expect(host.requests).toEqual([]);
        expect(host.reveals).toEqual([]);
        expect(host.posted).toEqual([]);
        expect(host.logs.filter(l => l.level === 'warn')).toHaveLength(6);
    });

    test('reveal moves the editor to the range', async () => {
        const host = fakeHost();
        const range = { start: { line: 12, character: 8 }, end: { line: 12, character: 15 } };
        await new DiagramSession(URI, host.ports).received({ type: 'reveal', uri: URI, range });
        expect(host.reveals).toEqual([{ uri: URI, range }]);
    });

    test('editor events reach the webview only once it is ready, and only for its document', async () => {
        const host = fakeHost();
        const session = new DiagramSession(URI, host.ports);
        session.documentChanged(URI, 2);
        expect(host.posted).toEqual([]);
        await session.received({ type: 'ready' });
        session.documentChanged(URI, 3);
        session.documentChanged('file:///w/other.fabric', 1);
        session.cursorMoved(URI, { line: 4, character: 2 });
        session.settingsChanged();
        session.command('failSelection');
        session.showPhase('train.grads');
        expect(host.posted.slice(1)).toEqual([
            { type: 'documentChanged', uri: URI, version: 3 },
            { type: 'cursor', uri: URI, position: { line: 4, character: 2 } },
            { type: 'settings', settings: { collapseThreshold: 64, slowdownThreshold: 1.1 } },
            { type: 'command', command: 'failSelection' },
            { type: 'showPhase', phase: 'train.grads' }
        ]);
    });

    test('an export asks the webview and resolves with the answer to its request id', async () => {
        const host = fakeHost();
        const session = new DiagramSession(URI, host.ports);
        await expect(session.export('svg')).rejects.toThrow(/not loaded/);
        await session.received({ type: 'ready' });
        const svg = session.export('svg');
        const asked = host.posted.at(-1) as { type: 'command'; requestId: number };
        expect(asked).toMatchObject({ type: 'command', command: 'exportSvg' });
        await session.received({ type: 'exported', requestId: asked.requestId + 100, format: 'svg', data: '<svg/>' });
        await session.received({ type: 'exported', requestId: asked.requestId, format: 'svg', data: '<svg/>' });
        await expect(svg).resolves.toBe('<svg/>');
    });

    test('an export of the wrong format, a timeout and a closed panel fail the export', async () => {
        const host = fakeHost();
        const session = new DiagramSession(URI, host.ports);
        await session.received({ type: 'ready' });
        const png = session.export('png');
        const id = (host.posted.at(-1) as { requestId: number }).requestId;
        await session.received({ type: 'exported', requestId: id, format: 'svg', data: '<svg/>' });
        await expect(png).rejects.toThrow(/exported svg where png was asked for/);
        await expect(session.export('png', 10)).rejects.toThrow(/did not answer/);
        const pending = session.export('svg');
        session.dispose();
        await expect(pending).rejects.toThrow(/closed/);
    });

    test('the view state and the phases are kept for the serializer and the Show Phase… picker; a state for another document is not', async () => {
        const host = fakeHost();
        const session = new DiagramSession(URI, host.ports, { uri: 'file:///w/other.fabric' });
        expect(session.state).toEqual({ uri: URI });
        await session.received({ type: 'state', state: { uri: URI, view: { x: 1 } } });
        await session.received({ type: 'state', state: { uri: 'file:///w/other.fabric', view: { x: 2 } } });
        await session.received({ type: 'phases', phases: ['train.grads', 'train.experts'], current: 'train.grads' });
        expect(session.state).toEqual({ uri: URI, view: { x: 1 } });
        expect(session.availablePhases).toEqual({ phases: ['train.grads', 'train.experts'], current: 'train.grads' });
    });
});
