// Runs one benchmark case (named on the command line) and prints one JSON line:
// { name, ms (median of runs), cpuMs (median CPU time of the runs: steadier than wall time on a shared
// machine), peakMB (max resident set size of this process), runs }, plus { value, unit } for a case
// that reports its own figure (run returns { value } in the case's unit, or { ms } for a time it
// measured inside the run) and { target, met } for a case with a target.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { BENCH_MODULES } from './bench-modules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
let found;
for (const mod of BENCH_MODULES) {
    const { benchCases } = await import(join(root, mod));
    found ??= benchCases.find(c => c.name === name);
}
if (!found) {
    console.error(`no bench case named '${name}'`);
    process.exit(2);
}
const prepared = found.prepare ? await found.prepare() : undefined;
const runs = found.runs ?? 5;
const times = [];
const cpu = [];
let note;
for (let i = 0; i < runs; i++) {
    // Before each run the previous run's garbage is collected outside the timed region. A full
    // collection also frees the maps and type feedback of what the last run dropped, so V8 throws away
    // optimised code and the timed run re-optimises (collector work the code does not cause); a case
    // with `collect: 'minor'` gets a young-generation collection instead.
    if (found.collect === 'minor') globalThis.gc?.({ type: 'minor', execution: 'sync' });
    else globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await found.run(prepared);
    const elapsed = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    const own = out && typeof out === 'object' ? (typeof out.value === 'number' ? out.value : typeof out.ms === 'number' ? out.ms : undefined) : undefined;
    times.push(own ?? elapsed);
    if (out && typeof out === 'object' && 'note' in out) note = String(out.note);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const value = times[Math.floor(times.length / 2)];
const cpuMs = cpu[Math.floor(cpu.length / 2)];
const unit = found.unit ?? 'ms';
const peakMB = process.resourceUsage().maxRSS / 1024;
const target = found.target === undefined ? {} : { target: found.target, met: value <= found.target };
console.log(JSON.stringify({ name, ms: unit === 'ms' ? value : null, cpuMs, value, unit, peakMB, runs, ...target, ...(note ? { note } : {}) }));
await found.dispose?.(prepared);
// A case may leave servers or workers behind; the figures are out.
process.exit(0);
