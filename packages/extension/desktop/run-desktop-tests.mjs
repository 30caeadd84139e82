// `npm run test:desktop` (after `npm run package`): bundles the desktop suite (it runs inside VS Code's
// extension host, CommonJS, `vscode` external) and its runner, then runs the runner.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../out-desktop');
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', sourcemap: 'inline' };
await build({ ...common, format: 'cjs', entryPoints: { suite: join(here, 'suite.ts') }, outdir: out, external: ['vscode'] });
await build({ ...common, format: 'esm', entryPoints: { run: join(here, 'run-desktop.ts') }, outdir: out, outExtension: { '.js': '.mjs' }, packages: 'external',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(here, '../e2e/code-server.ts')).href) } });
await import(pathToFileURL(join(out, 'run.mjs')).href);
