// Bundles the extension into dist/ (run after `npm run build`, which compiles the packages):
// - dist/extension.js: the entry, which loads dist/client.js (the client, CommonJS, `vscode`
//   external) with V8's code cache (src/code-cache-entry.ts);
// - dist/server/main.js, dist/server/analysis-worker.js and dist/server/diagram-failure-worker.js:
//   the language server, its analysis worker and its click-to-fail worker, CommonJS, side by side
//   (each runner finds its worker beside itself through
//   import.meta.url, which is rewritten to the bundle's own file URL);
// - catalog/*.fabric: the shipped parts catalog, where the bundled server looks for it
//   (`../../catalog/` from dist/server/);
// - dist/syntaxes/: the TextMate grammar; dist/webview/: the diagram webview bundle.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = join(extension, '..');
const root = join(packages, '..');
const dist = join(extension, 'dist');
const production = !process.argv.includes("--dev");

rmSync(dist, { recursive: true, force: true });
rmSync(join(extension, 'catalog'), { recursive: true, force: true });

const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    minify: production,
    logLevel: 'warning',
};

await build({
    ...common,
    entryPoints: { extension: join(extension, 'src/code-cache-entry.ts') },
    outdir: dist
});

await build({
    ...common,
    entryPoints: { client: join(extension, 'src/extension.ts') },
    outdir: dist,
    external: ['vscode'],
    // The language's protocol files name their JSON-RPC message types through the server library;
    // in the client the same classes come from the client library (one copy of vscode-jsonrpc).
    alias: { 'vscode-languageserver': 'vscode-languageclient/node' }
});

await build({
    ...common,
    entryPoints: {
        main: join(packages, 'language/dist/main.js'),
        'analysis-worker': join(packages, 'language/dist/lsp/analysis-worker.js'),
        'diagram-failure-worker': join(packages, 'language/dist/lsp/diagram-failure-worker.js')
    },
    outdir: join(dist, 'server'),
    define: { 'import.meta.url': '__fabricBundleUrl' },
    banner: { js: 'const __fabricBundleUrl = require("node:url").pathToFileURL(__filename).href;' }
});

const copy = (from, toDir, name = from.slice(from.lastIndexOf('/') + 1)) => {
    mkdirSync(toDir, { recursive: true });
    copyFileSync(from, join(toDir, name));
};

copy(join(root, 'syntaxes/fabric.tmLanguage.json'), join(dist, 'syntaxes'));
const catalog = join(packages, 'language/catalog');
for (const file of readdirSync(catalog).filter(f => f.endsWith('.fabric'))) copy(join(catalog, file), join(extension, 'catalog'));

const webview = join(packages, 'webview/dist');
const missing = ['webview.js', 'webview.css'].filter(f => !existsSync(join(webview, f)));
if (missing.length > 0) {
    console.error(`bundle: packages/webview/dist/${missing.join(' and ')} not built: the diagram panel of this build opens empty (build the webview package first).`);
}
for (const file of ['webview.js', 'webview.css'].filter(f => !missing.includes(f))) copy(join(webview, file), join(dist, 'webview'));
// out/ holds tsc's ES-module output of src/, e2e/ and desktop/ (the bench and the tests import it);
// this package is CommonJS for VS Code, so out/ says it is ESM and Node loads it without reparsing.
if (existsSync(join(extension, 'out'))) writeFileSync(join(extension, 'out/package.json'), '{ "type": "module" }\n');
console.log(`bundle: wrote ${dist}`);
