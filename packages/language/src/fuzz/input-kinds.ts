import { UNITS } from '@fabric/simulator';
import * as fc from 'fast-check';
import { PART_PROPERTIES } from '../elaboration/part-properties.js';
import type { PartKind } from '../generated/ast.js';

/**
 * The kinds of input the fuzz campaign feeds the pipeline, each a fast-check arbitrary of texts.
 * Sizes stay small enough that one input's analysis takes well under a second: the campaign
 * looks for crashes, lies and broken invariants, not for slow analyses (the bench does that).
 */
export interface InputKind {
    readonly name: string;
    readonly about: string;
    readonly inputs: fc.Arbitrary<string>;
}

/**
 * Deepest nesting the campaign writes: well past the lexer's limit of 64 blocks
 * (`syntax/nesting-too-deep`), so inputs on both sides of it and far beyond (where the parser's
 * stack used to overflow, at about 128 unclosed or 240 closed levels) go through every provider.
 */
export const MAX_FUZZ_NESTING = 300;

const RACK = `import "catalog/nvidia"

fabric Rack {
    rack R {
        budget power 132 kW
        tray compute[0..3] { accelerator gpu[0..3] : B200 }
        tray nvswitch[0..1] { switch sw[0..1] : NVLinkSwitch }
        connect compute[*].gpu[*] to nvswitch[*].sw[*] all-to-all via NVLinkCopper length 1.2 m
    }
    failure domain switch_tray[t in 0..1] = R.nvswitch[t]
    workload train {
        phase grads all-reduce 4 GiB over R.compute[*].gpu[*]
        phase experts all-to-all 512 MiB over R.compute[*].gpu[*] algorithm direct
    }
}
`;

const OCS = `import "catalog/google"
import "catalog/optics"

fabric Pod {
    pod P { group cube[0..1] { accelerator chip[0..7] : TPUv4 } }
    layer ici { connect P.cube[*].chip[*] torus 4x2x2 tiles 2x2x2 edges within via ICICopper length 1 m }
    layer optical ocs {
        ocs o[0..5] : Palomar
        configuration twisted { connect P.cube[*].chip[*] torus 4x2x2 tiles 2x2x2 edges across via OCSFiber400G length 20 m through o[*] }
    }
    workload w { phase g all-reduce 1 GiB over P.cube[*].chip[*] on twisted }
}
`;

const LASERS = `import "catalog/optics"
import "catalog/nvidia"

fabric Lit {
    tray t[0..1] {
        switch sw[0..1] : NVLinkSwitch
        laser els[0..1] : ELSFP
    }
    connect t[0].sw[*] to t[1].sw[*] all-to-all via CPO1600 lanes 2 length 5 m laser t[*].els[*]
}
`;

/** Texts to mutate: small fabrics covering racks, OCS layers and lasers, plus the caller's own (the examples). */
export function seedTexts(extra: readonly string[] = []): string[] {
    return [RACK, OCS, LASERS, ...extra];
}

const NAMES = ['R', 'compute', 'gpu', 'sw', 'nvswitch', 'x', 'ring', 'rack', 'a', 'b', 'é', '名前', 'gpu_1'];
const EDGE_NUMBERS = ['0', '1', '2', '0.5', '1e308', '1e-308', '5e-324', '1e309', '99999999', '1.5e3', '00', '3e'];
const UNIT_WORDS = [...UNITS.keys()];
const PUNCTUATION = ['{', '}', '[', ']', '..', '.', ',', ':', '=', '*', '+', '-', '"catalog/nvidia"', '"./self"', '//c\n', '/*c*/', '\n', '\r\n', ' ', '\t'];

/** Every keyword of the grammar (passed in by the caller, who has the grammar). */
export function inputKinds(keywords: readonly string[], examples: readonly string[] = []): InputKind[] {
    const seeds = seedTexts(examples);
    return [
        { name: 'mutated-example', about: 'examples with spans cut, copied, swapped, or a token put in', inputs: mutated(seeds, keywords) },
        { name: 'token-stream', about: 'random streams of the grammar\'s keywords, names, numbers, units and punctuation', inputs: tokenStream(keywords) },
        { name: 'deep-nesting', about: `groups and blocks nested up to ${MAX_FUZZ_NESTING} deep, closed or not`, inputs: deepNesting() },
        { name: 'ranges', about: 'huge, reversed, empty and out-of-range arrays and indices', inputs: ranges() },
        { name: 'quantities', about: 'zero, negative, huge and tiny quantities, swapped and unknown units', inputs: quantities() },
        { name: 'imports', about: 'self-imports, missing and repeated imports, imports of the catalog', inputs: imports() },
        { name: 'unicode-crlf', about: 'CRLF line ends, tabs, unicode in names, comments and strings', inputs: unicodeAndLineEnds(seeds) }
    ];
}

function mutated(seeds: readonly string[], keywords: readonly string[]): fc.Arbitrary<string> {
    const token = fc.oneof(fc.constantFrom(...keywords), fc.constantFrom(...NAMES), fc.constantFrom(...EDGE_NUMBERS), fc.constantFrom(...PUNCTUATION));
    const edit = fc.record({ op: fc.constantFrom('cut', 'copy', 'swap-lines', 'insert', 'truncate'), at: fc.nat(), length: fc.nat({ max: 40 }), token });
    return fc.record({ seed: fc.constantFrom(...seeds), edits: fc.array(edit, { minLength: 1, maxLength: 4 }) }).map(({ seed, edits }) => edits.reduce((text, e) => {
        const at = text.length === 0 ? 0 : e.at % text.length;
        switch (e.op) {
            case 'cut': return text.slice(0, at) + text.slice(at + e.length);
            case 'copy': return text.slice(0, at) + text.slice(at, at + e.length) + text.slice(at);
            case 'truncate': return text.slice(0, at);
            case 'insert': return `${text.slice(0, at)} ${e.token} ${text.slice(at)}`;
            default: {
                const lines = text.split('\n');
                const i = at % lines.length, j = (at + e.length) % lines.length;
                [lines[i], lines[j]] = [lines[j], lines[i]];
                return lines.join('\n');
            }
        }
    }, seed));
}

function tokenStream(keywords: readonly string[]): fc.Arbitrary<string> {
    const token = fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...keywords) },
        { weight: 2, arbitrary: fc.constantFrom(...NAMES) },
        { weight: 2, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
        { weight: 1, arbitrary: fc.constantFrom(...UNIT_WORDS) },
        { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) }
    );
    return fc.array(token, { minLength: 1, maxLength: 60 }).map(tokens => tokens.join(' '));
}

function deepNesting(): fc.Arbitrary<string> {
    return fc.record({
        depth: fc.integer({ min: 1, max: MAX_FUZZ_NESTING }),
        kind: fc.constantFrom('group', 'rack', 'tray', 'pod', 'layer'),
        closed: fc.boolean(),
        leaf: fc.constantFrom('accelerator a[0..1] : B200', 'connect a[*] ring via NVLinkCopper length 1 m', '', 'workload w { phase p all-reduce 1 GiB over a[*] }')
    }).map(({ depth, kind, closed, leaf }) => {
        const open = Array.from({ length: depth }, (_, i) => `${'    '.repeat(i + 1)}${kind} g${i} {`).join('\n');
        const close = closed ? Array.from({ length: depth }, (_, i) => `${'    '.repeat(depth - i)}}`).join('\n') : '';
        return `import "catalog/nvidia"\nfabric Deep {\n${open}\n${'    '.repeat(depth + 1)}accelerator a[0..1] : B200\n${'    '.repeat(depth + 1)}${leaf}\n${close}\n}\n`;
    });
}

function ranges(): fc.Arbitrary<string> {
    const bound = fc.constantFrom('0', '1', '3', '7', '99', '199999', '1000000', '99999999', '1e309', '1.5', '2');
    const range = fc.tuple(bound, bound).map(([a, b]) => `[${a}..${b}]`);
    const index = fc.oneof(range, fc.constantFrom('[*]', '[0]', '[9]', '[t]', '[t + 1]', '[t - 1]', '[1..0]', ''));
    return fc.record({ spare: range, tray: fc.constantFrom('[0..1]', '[1..0]', '[0..0]', '[2..3]', ''), pick: index, domain: range, other: index }).map(r => `import "catalog/nvidia"
fabric Ranges {
    accelerator spare${r.spare} : B200
    tray t${r.tray} { accelerator gpu[0..3] : B200 }
    switch sw[0..1] : NVLinkSwitch
    connect t${r.pick}.gpu${r.other} to sw[*] all-to-all via NVLinkCopper length 1 m
    failure domain d[t in ${r.domain.slice(1, -1)}] = t[t], sw${r.other}
    workload w { phase p all-reduce 1 GiB over t${r.pick}.gpu[*] }
}
`);
}

function quantities(): fc.Arbitrary<string> {
    const number = fc.oneof(fc.constantFrom(...EDGE_NUMBERS, '-1', '-0', '200', '1.2'), fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }).map(x => String(x).replace('+', '')));
    const unit = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...UNIT_WORDS) }, { weight: 1, arbitrary: fc.constantFrom('', 'furlongs', 'x', 'bidirectional') });
    const quantity = fc.tuple(number, unit).map(([n, u]) => `${n}${u ? ` ${u}` : ''}`);
    const property = (kind: PartKind) => fc.tuple(fc.constantFrom(...Object.keys(PART_PROPERTIES[kind])), quantity).map(([name, q]) => `${name} ${q}`);
    const props = (kind: PartKind) => fc.array(property(kind), { maxLength: 4 }).map(p => p.join(' '));
    return fc.record({
        link: props('link'), accelerator: props('accelerator'), sw: props('switch'), laser: props('laser'),
        length: quantity, size: quantity, budget: quantity, lanes: number
    }).map(q => `link L { kind cpo lanes 2 x 200 Gbps reach 10 m energy 2 pJ/bit laser external ${q.link} }
accelerator A { ports 8 port-rate 400 Gbps tdp 700 W ${q.accelerator} }
switch S { radix 16 port-rate 400 Gbps latency 100 ns ${q.sw} }
laser E { lasers 8 power 10 W ${q.laser} }
fabric Numbers {
    budget power ${q.budget}
    tray t[0..1] { accelerator a[0..1] : A  switch s : S  laser e : E }
    connect t[*].a[*] to t[*].s all-to-all via L lanes ${q.lanes} length ${q.length} laser t[*].e
    failure domain d[k in 0..1] = t[k]
    workload w { phase p all-reduce ${q.size} over t[*].a[*] }
}
`);
}

function imports(): fc.Arbitrary<string> {
    const path = fc.constantFrom('"./self"', '"./input"', '"./missing"', '"catalog/nvidia"', '"catalog/optics"', '"catalog/nothing"', '"/abs/x"', '""', '"catalog/"', '"../catalog/nvidia"');
    return fc.record({ paths: fc.array(path, { maxLength: 5 }), body: fc.constantFrom('', 'fabric F { accelerator a[0..1] : B200 }', 'link Mine { kind dac lanes 1 x 100 Gbps reach 2 m }') })
        .map(({ paths, body }) => `${paths.map(p => `import ${p}`).join('\n')}\n${body}\n`);
}

function unicodeAndLineEnds(seeds: readonly string[]): fc.Arbitrary<string> {
    const strange = fc.constantFrom('é', '名前', '🙂', '\u200b', '\u202e', '\ufeff', 'ﬁ', '\u0301', '\t', '\r', '\u2028');
    return fc.record({ seed: fc.constantFrom(...seeds), crlf: fc.boolean(), at: fc.array(fc.tuple(fc.nat(), strange), { maxLength: 4 }) }).map(({ seed, crlf, at }) => {
        let text = crlf ? seed.replace(/\n/g, '\r\n') : seed;
        for (const [offset, char] of at) {
            const i = offset % (text.length + 1);
            text = text.slice(0, i) + char + text.slice(i);
        }
        return text;
    });
}
