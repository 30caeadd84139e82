import { describe as group, expect, test } from 'vitest';
import { checkFiles, describe } from './fabric-test-files.js';

const BASE = `switch S { radix 4 latency 100 ns }
accelerator A { ports 2 }
link L { kind dac lanes 1 x 100 Gbps reach 2 m }
`;

/** Builds `main.fabric` importing BASE and returns its diagnostics as `code line:col-line:col message`. */
async function diagnosticsOf(main: string, others: Record<string, string> = {}): Promise<string[]> {
    const { diagnostics } = await checkFiles(main, { 'base.fabric': BASE, ...others });
    return diagnostics.map(describe);
}

group('malformed input gives diagnostics at exact positions, never an exception', () => {
    test('missing closing brace', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..3] : A\n')).toEqual([
            "parsing-error 3:28-3:28 expected '}' but found the end of the file; a fabric block holds accelerator, switch, ocs, laser, link, pod, rack, tray, group, layer, connect, budget, 'failure domain', workload or configuration"
        ]);
    });

    test('unknown keyword inside a fabric', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..3] : A\n    widget w : A\n}\n')).toEqual([
            "parsing-error 4:5-4:11 expected '}' but found 'widget'; a fabric block holds accelerator, switch, ocs, laser, link, pod, rack, tray, group, layer, connect, budget, 'failure domain', workload or configuration"
        ]);
    });

    test('unit of the wrong dimension names the expected one', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..3] : A\n    switch s : S\n    connect a[*] to s all-to-all via L length 1 GB\n}\n')).toEqual([
            "unit/wrong-dimension 5:49-5:51 cable length: 'GB' is data size; expected length (mm, cm, m, km)"
        ]);
        expect(await diagnosticsOf('switch T { radix 8 latency 5 W }\n')).toEqual([
            "unit/wrong-dimension 1:30-1:31 'latency' of switch 'T': 'W' is power; expected time (ns, us, ms, s, min, h)"
        ]);
    });

    test('unknown unit and missing unit', async () => {
        expect(await diagnosticsOf('link K { kind dac lanes 1 x 100 Gbps reach 2 furlongs }\n')).toEqual([
            "unit/unknown 1:46-1:54 'reach' of link 'K': unknown unit 'furlongs'; expected length (mm, cm, m, km)"
        ]);
        expect(await diagnosticsOf('link K { kind dac lanes 1 x 100 Gbps reach 2 }\n')).toEqual([
            "unit/missing 1:44-1:45 'reach' of link 'K': missing unit: expected length (mm, cm, m, km)"
        ]);
    });

    test('empty range and index out of range', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[3..1] : A\n    switch s[0..1] : S\n    connect s[0] to s[2] via L length 1 m\n}\n')).toEqual([
            'elaborate/bad-range 3:18-3:24 range [3..1] must go from a whole number up to a larger or equal one',
            "elaborate/index-out-of-range 5:22-5:25 index 2 is out of range: 's' is declared [0..1]"
        ]);
    });

    test('unresolved names say what kind of thing was looked for', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..3] : Accel\n    switch s : S\n    connect a[*] to sw all-to-all via L length 1 m\n}\n')).toEqual([
            "linking-error 3:27-3:32 cannot resolve 'Accel': no part type named 'Accel' is declared in this file or its imports",
            "linking-error 5:21-5:23 cannot resolve 'sw': no instance, group or layer named 'sw' is visible here"
        ]);
    });

    test('a member of something that has none', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    rack R { accelerator a[0..1] : A }\n    connect R.a[*].port ring via L length 1 m\n}\n')).toEqual([
            "linking-error 4:20-4:24 cannot resolve 'port': 'a' is an accelerator and has no members; remove '.port'"
        ]);
    });

    test('cyclic import', async () => {
        expect(await diagnosticsOf('import "./b"\nswitch X { radix 2 }\n', { 'b.fabric': 'import "./main"\nswitch Y { radix 2 }\n' })).toEqual([
            'import/cycle 1:8-1:13 import cycle: main.fabric → b.fabric → main.fabric'
        ]);
    });

    test('missing import', async () => {
        const [message] = await diagnosticsOf('import "./nowhere"\n');
        expect(message).toMatch(/^import\/not-found 1:8-1:19 cannot find \.\/nowhere: looked for .*\/nowhere\.fabric$/);
    });

    test('patterns that cannot be satisfied', async () => {
        const main = (pattern: string) => `import "./base"\nfabric F {\n    accelerator a[0..4] : A\n    connect a[*] ${pattern} via L length 1 m\n}\n`;
        expect(await diagnosticsOf(main('torus 2x2'))).toEqual(['elaborate/pattern 4:18-4:27 a 2x2 torus needs 4 endpoints; this selection has 5']);
        expect(await diagnosticsOf(main('to a[0..1] one-to-one'))).toEqual(['elaborate/pattern 4:29-4:39 one-to-one needs as many endpoints on each side: 5 vs 2; use all-to-all or rails, or narrow a selection']);
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a : A\n    connect a ring via L length 1 m\n}\n')).toEqual([
            'elaborate/pattern 4:15-4:19 a ring needs at least 2 endpoints; this selection has 1'
        ]);
    });

    test('missing and unknown part properties', async () => {
        expect(await diagnosticsOf('switch T { latency 5 ns colour 3 }\n')).toEqual([
            "parsing-error 1:25-1:31 expected '}' but found 'colour'",
            "part/missing-property 1:8-1:9 switch 'T' needs 'radix' (ports on the switch)"
        ]);
        expect(await diagnosticsOf('link K { kind fiber lanes 1 x 100 Gbps reach 2 m }\n')).toEqual([
            "part/bad-value 1:15-1:20 'kind' of link 'K' must be one of: dac, aec, pluggable, lpo, npo, cpo, vcsel, ocs-circuit; found 'fiber'"
        ]);
    });

    test('instance of the wrong kind of type', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..1] : S\n}\n')).toEqual([
            "part/wrong-kind 3:27-3:28 'a' is declared as an accelerator, but 'S' is a switch type"
        ]);
    });

    test('phases run over accelerators with at least two participants', async () => {
        const main = (phase: string) => `import "./base"\nfabric F {\n    accelerator a[0..3] : A\n    switch s : S\n    connect a[*] to s all-to-all via L length 1 m\n    workload w { ${phase} }\n}\n`;
        expect(await diagnosticsOf(main('phase p all-reduce 1 GiB over s'))).toEqual([
            "elaborate/not-an-accelerator 6:48-6:49 phases run over accelerators; 's' is a switch"
        ]);
        expect(await diagnosticsOf(main('phase p all-reduce 1 GiB over a[0]'))).toEqual([
            'elaborate/bad-phase 6:48-6:52 all-reduce needs at least 2 participants; this selection has 1'
        ]);
        expect(await diagnosticsOf(main('phase p all-reduce 1 GiB over a[*] algorithm magic'))).toEqual([
            "elaborate/bad-algorithm 6:63-6:68 unknown algorithm 'magic'; expected one of: ring, tree, halving-doubling, hierarchical, in-network, direct, multi-dimensional"
        ]);
    });

    test('an absurd array size is refused instead of hanging', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..99999999] : A\n}\n')).toEqual([
            'elaborate/bad-range 3:18-3:31 range [0..99999999] has 100000000 elements; at most 1000000 are allowed'
        ]);
    });

    test('patterns and nested arrays too large to build are refused, not built', async () => {
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    accelerator a[0..99999] : A\n    connect a[*] all-to-all via L length 1 m\n}\n')).toEqual([
            'elaborate/pattern 4:18-4:28 this all-to-all would create 4,999,950,000 links; at most 2,000,000 are allowed per connection: narrow a selection'
        ]);
        expect(await diagnosticsOf('import "./base"\nfabric F {\n    rack r[0..999] { tray t[0..999] { accelerator a[0..999] : A } }\n}\n')).toEqual([
            'elaborate/bad-range 3:39-3:64 the fabric expands to more than 500,000 nodes and groups here; nested arrays multiply: reduce a range'
        ]);
    });

    test('random truncations of an example never throw', async () => {
        const text = 'import "./base"\nfabric F {\n    rack R[0..1] { accelerator a[0..3] : A  switch s : S  connect a[*] to s all-to-all via L length 1 m }\n    failure domain d[t in 0..1] = R[t]\n    workload w { phase p all-to-all 1 MiB over R[*].a[*] }\n}\n';
        for (let cut = 0; cut <= text.length; cut += 7) {
            const { diagnostics } = await checkFiles(text.slice(0, cut), { 'base.fabric': BASE });
            expect(diagnostics.every(d => !/internal error|An error occurred/.test(d.message))).toBe(true);
        }
    });
});
