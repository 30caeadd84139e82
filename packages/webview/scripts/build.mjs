// Bundles the webview for the browser: dist/webview.js (one IIFE, no eval, nothing fetched at run
// time) and dist/webview.css, which the extension copies and the browser harness loads.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });
await build({
    entryPoints: [join(root, 'src/main.ts')], outfile: join(root, 'dist/webview.js'),
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning'
});
copyFileSync(join(root, 'src/webview.css'), join(root, 'dist/webview.css'));
