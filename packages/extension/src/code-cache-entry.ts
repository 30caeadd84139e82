import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The extension's entry (`dist/extension.js`). It loads the client bundle (`dist/client.js`, 0.46 MB,
 * most of it `vscode-languageclient`) with V8's code cache: VS Code counts loading the extension's
 * code in its activation time, and on a busy machine compiling the bundle was most of it. The cache
 * is written after the first activation (so it holds the functions activation compiled too) into
 * the OS temp folder, keyed by the bundle's content and the V8 version; a missing, stale or
 * rejected cache only means the bundle is compiled as usual. Only this bundle is affected (unlike
 * `module.enableCompileCache`, which would change the whole extension host).
 */
type ClientModule = typeof import('./extension.js');

const WRITE_CACHE_AFTER_MS = 10_000;

function loadClient(): ClientModule {
    const filename = join(__dirname, 'client.js');
    const source = readFileSync(filename, 'utf8');
    // Keyed by content (about 1 ms to hash), so reinstalling the same build finds its cache.
    const key = createHash('sha256').update(process.versions.v8).update(source).digest('hex').slice(0, 32);
    const cacheFile = join(tmpdir(), 'fabric-vscode-code-cache', `${key}.bin`);
    let cachedData: Buffer | undefined;
    try { cachedData = readFileSync(cacheFile); } catch { /* first load */ }
    // The wrapper on a line of its own, offset by -1, keeps the bundle's line numbers (and its source map) true.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename, lineOffset: -1, cachedData });
    const module = { exports: {} as Record<string, unknown> };
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(filename), module, filename, __dirname);
    if (!cachedData || script.cachedDataRejected) {
        setTimeout(() => {
            try {
                mkdirSync(join(cacheFile, '..'), { recursive: true });
                const partial = `${cacheFile}.${process.pid}.tmp`;
                writeFileSync(partial, script.createCachedData());
                renameSync(partial, cacheFile); // whole or not at all, if two windows write at once
            } catch { /* a read-only temp folder: compile every time */ }
        }, WRITE_CACHE_AFTER_MS).unref();
    }
    return module.exports as unknown as ClientModule;
}

const client = loadClient();
export const activate: ClientModule['activate'] = context => client.activate(context);
