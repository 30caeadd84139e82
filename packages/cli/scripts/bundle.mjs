// Bundles the compiled CLI (dist/main.js) and everything it imports into one ES module,
// dist/fabric.mjs, so `fabric` starts by reading one file instead of ~500 (see the README's
// start-up measurement). `import.meta.url` inside our workspace packages is rewritten to the URL of
// the original file, so paths they resolve beside themselves (the language's catalog/) still resolve.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(cli, 'dist', 'fabric.mjs');

const keepImportMetaUrl = {
    name: 'keep-import-meta-url',
    setup(b) {
        b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, async args => {
            const text = await readFile(args.path, 'utf8');
            if (!text.includes('import.meta.url')) return undefined;
            const fromBundle = relative(dirname(outfile), args.path).split(sep).join('/');
            return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js' };
        });
    }
};

await build({
    entryPoints: [join(cli, 'dist', 'main.js')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    logLevel: 'warning',
    // CommonJS dependencies (vscode-languageserver) call require() for Node's modules.
    banner: { js: "import { createRequire as __fabricCreateRequire } from 'node:module'; const require = __fabricCreateRequire(import.meta.url);" },
    plugins: [keepImportMetaUrl]
});
