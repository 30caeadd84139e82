// Bundles the webview for the browser: dist/webview.js (one IIFE, no eval, nothing fetched at run
// time; the layout worker's bundle is inlined as text and started from a Blob URL) and
// dist/webview.css, which the extension copies and the browser harness loads.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });
const common = { bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning' };
const worker = await build({ ...common, entryPoints: [join(root, 'src/layout-worker.ts')], write: false });
await build({
    ...common, entryPoints: [join(root, 'src/main.ts')], outfile: join(root, 'dist/webview.js'),
    define: { LAYOUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) }
});
copyFileSync(join(root, 'src/webview.css'), join(root, 'dist/webview.css'));
