// A fixed workload that uses none of Fabric's code, so that bench tables taken on different machines
// (or on one machine under different load) can be compared: the same commit (6f182ac) took 1.34 s
// for the TPU-style pod's full analysis on one 2-core machine of this kind and 0.58 s on another,
// both idle. A target met on one may not be met on the other; this row says which kind of machine
// a table came from. Its two halves are the shapes of
// work the project's targets are made of: breadth-first searches over typed arrays (the
// simulator's routing) and a large tree of small objects that survives young-generation
// collections (the parser's syntax tree).
const SIDE = 16;

/** Arcs of a SIDE³ torus in CSR form. */
function torus() {
    const n = SIDE ** 3;
    const start = new Int32Array(n + 1);
    const head = new Int32Array(6 * n);
    const at = (x, y, z) => ((x + SIDE) % SIDE) + SIDE * (((y + SIDE) % SIDE) + SIDE * ((z + SIDE) % SIDE));
    let a = 0;
    for (let z = 0; z < SIDE; z++) for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) {
        start[at(x, y, z)] = a;
        for (const [dx, dy, dz] of [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]]) head[a++] = at(x + dx, y + dy, z + dz);
    }
    start[n] = a;
    return { n, start, head };
}

/** Shortest-path counts from `sources` sources; returns a checksum so the work cannot be skipped. */
function searches(g, sources) {
    const dist = new Int32Array(g.n), order = new Int32Array(g.n);
    const sigma = new Float64Array(g.n);
    let check = 0;
    for (let s = 0; s < sources; s++) {
        dist.fill(-1);
        dist[s] = 0; sigma[s] = 1; order[0] = s;
        let headAt = 0, tail = 1;
        while (headAt < tail) {
            const x = order[headAt++];
            for (let a = g.start[x]; a < g.start[x + 1]; a++) {
                const y = g.head[a];
                if (dist[y] < 0) { dist[y] = dist[x] + 1; sigma[y] = 0; order[tail++] = y; }
                if (dist[y] === dist[x] + 1) sigma[y] += sigma[x];
            }
        }
        check += sigma[order[g.n - 1]];
    }
    return check;
}

/** A tree of `count` small objects, all alive until the end (what a parse leaves behind, in small). */
function tree(count) {
    const root = { kind: 0, offset: 0, children: [], parent: null };
    let parent = root, total = 0;
    for (let i = 1; i < count; i++) {
        const node = { kind: i % 7, offset: i, children: [], parent };
        parent.children.push(node);
        if (i % 8 === 0) parent = node;
        total += node.kind;
    }
    return total;
}

export const benchCases = [{
    name: 'machine: reference workload (2,000 searches of a 16³ torus, 4 trees of 300k small objects)',
    prepare: torus,
    run(g) {
        // Sizes chosen so that the median of 5 runs varies by a few per cent on an idle machine (a
        // single tree of millions of objects varied 3× with how the heap happened to grow).
        let check = searches(g, 2000);
        for (let i = 0; i < 4; i++) check += tree(300_000);
        if (!(check > 0)) throw new Error('reference workload computed nothing');
        return { note: 'none of Fabric\'s code: compares machines' };
    }
}];
