// The gallery (examples/README.md): each entry's headline numbers against the published figures they
// reproduce, with a tolerance and the source named. Every number is read from `fabric simulate --json` or
// `fabric check --format json`, as a user would read it.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fabric, fabricJson, root } from './run-fabric.js';

type Json = Record<string, any>;

/** |actual − expected| ≤ tolerance × expected, with the figure and its source in the failure message. */
function within(actual: number, expected: number, tolerance: number, what: string): void {
    expect(Math.abs(actual - expected) / Math.abs(expected), `${what}: ${actual} against ${expected} (±${tolerance * 100} %)`).toBeLessThanOrEqual(tolerance);
}

const simulate = (example: string, ...args: string[]): Json => fabricJson(['simulate', `examples/${example}`, '--json', ...args]);
const check = (path: string): { code: number | null; report: Json } => {
    const run = fabric(['check', path, '--format', 'json']);
    return { code: run.code, report: JSON.parse(run.stdout) };
};

describe('UALink 1.0 pod of 1,024 accelerators (examples/ualink-pod1024.fabric)', () => {
    const a = simulate('ualink-pod1024.fabric', '--skip-failure-domains');

    test('1,024 accelerators, the most UALink 1.0 addresses (UALink Consortium: up to 1,024 accelerators, 10-bit IDs)', () => {
        expect(a.totals.accelerators).toBe(1024);
        expect(a.totals.switches).toBe(32);
        expect(a.totals.links).toBe(1024 * 32);
        expect(a.ports).toEqual([]); // every accelerator uses its 32 x1 ports, every plane its 1,024
    });

    test('one switch stage: every pair is two hops apart ("each switch port connects to a distinct accelerator", UALink 1.0 white paper)', () => {
        expect(a.totals.diameterHops).toBe(2);
    });

    test('bisection: 512 accelerators × 32 lanes of 200 Gb/s (UALink 200G 1.0: 200 Gb/s lanes, x1 ports), exact', () => {
        within(a.totals.bisectionBytesPerSecond, 512 * 32 * 200e9 / 8, 1e-9, 'bisection, per direction');
    });

    test('latency: a round trip under 1 µs (UALink Consortium, as reported by Tom\'s Hardware 2025-04: <1 µs round trip)', () => {
        expect(2 * a.totals.latency.maxSeconds).toBeLessThan(1e-6);
        // its parts: 2 × (20 ns SerDes + 3 m × 4.5 ns/m) + a 300 ns plane switch
        within(a.totals.latency.maxSeconds, 2 * (20e-9 + 3 * 4.5e-9) + 300e-9, 1e-9, 'accelerator-to-accelerator latency');
    });
});

describe('a deliberately bad design, and the same with every fix (examples/bad/)', () => {
    test('the bad design trips each of the findings its comments name', () => {
        const { code, report } = check('examples/bad/bad-design.fabric');
        expect(code).toBe(1);
        const codes = new Set(report.files[0].diagnostics.map((d: Json) => d.code));
        for (const expected of ['unit/wrong-dimension', 'unit/missing', 'name/unused', 'source/empty-citation', 'source/missing-arithmetic',
            'power/budget-exceeded', 'power/duplicate-budget', 'power/zero-budget', 'capacity/ports-exceeded', 'reach/exceeded', 'link/rate-mismatch',
            'laser/no-spares', 'failure/partitions', 'workload/algorithm-not-applicable', 'workload/latency-asymmetry', 'workload/no-path',
            'capacity/oversubscribed']) {
            expect(codes.has(expected), `${expected} in ${[...codes].join(', ')}`).toBe(true);
        }
        // each finding's fix is written beside it in the file
        const text = readFileSync(join(root, 'examples/bad/bad-design.fabric'), 'utf8');
        for (const c of codes) expect(text, `no comment names ${c}`).toContain(String(c));
    });

    test('the fixed design has no error and no warning', () => {
        const { code, report } = check('examples/bad/bad-design-fixed.fabric');
        expect(report.files[0].diagnostics.filter((d: Json) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        expect(code).toBe(0);
    });
});
