// Speed changes must not change a number. `node packages/simulator/scripts/simulate-snapshot.mjs <dir>`
// writes `fabric simulate --json` of every example (plain, with every single-switch and single-laser
// failure, and in the ideal mode) into <dir>, without the uri and with the checkout's own folder
// written as file:///ROOT/ wherever a source uri names it (so two checkouts compare); with `--compare <before> <after>` it
// reports every output that differs. Run it on the built CLI before and after a change:
//   node packages/simulator/scripts/simulate-snapshot.mjs /tmp/before   # on the old build
//   npm run build && node packages/simulator/scripts/simulate-snapshot.mjs /tmp/after
//   node packages/simulator/scripts/simulate-snapshot.mjs --compare /tmp/before /tmp/after
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const VARIANTS = { plain: [], failures: ['--single-failures', 'switch,laser'], ideal: ['--ideal'] };

if (process.argv[2] === '--compare') {
    const [before, after] = process.argv.slice(3);
    const names = readdirSync(before).filter(f => f.endsWith('.json')).sort();
    let differ = 0;
    for (const name of names) {
        const a = readFileSync(join(before, name), 'utf8');
        let b;
        try { b = readFileSync(join(after, name), 'utf8'); } catch { b = null; }
        if (a !== b) { differ++; console.log(`differs: ${name}`); }
    }
    console.log(`${names.length - differ} of ${names.length} outputs identical`);
    process.exitCode = differ > 0 ? 1 : 0;
} else {
    const out = process.argv[2];
    if (!out) { console.error('usage: simulate-snapshot.mjs <dir> | --compare <before> <after>'); process.exit(2); }
    mkdirSync(out, { recursive: true });
    const examples = readdirSync(join(root, 'examples')).filter(f => f.endsWith('.fabric')).sort();
    for (const file of examples) {
        for (const [variant, args] of Object.entries(VARIANTS)) {
            const text = execFileSync(process.execPath, [join(root, 'packages/cli/bin/fabric.js'), 'simulate', '--json', ...args, join(root, 'examples', file)],
                { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
            const json = JSON.parse(text.replaceAll(pathToFileURL(root + '/').href, 'file:///ROOT/'));
            delete json.uri;
            writeFileSync(join(out, `${file.replace(/\.fabric$/, '')}.${variant}.json`), JSON.stringify(json, null, 1) + '\n');
            console.log(`${file} ${variant}`);
        }
    }
}
