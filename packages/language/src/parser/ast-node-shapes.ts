/**
 * AST nodes built with their properties in the object itself. Langium starts every node as the
 * literal `{ $type }`, whose hidden class has room for that one property: the rest (`$container`,
 * `$containerProperty`, `$containerIndex`, `$cstNode` and the features) go to a separate,
 * out-of-object property array — a second allocation per node that the garbage collector copies
 * with it (117k of them, 7.7 MB, for a 10k-line fabric). A node made by a constructor gets in-object
 * room from V8's estimate of the properties the constructor assigns (plus slack, trimmed to what
 * the first instances use), so each parser rule gets its own class whose constructor sets `$type`
 * and, in a branch never taken, names enough properties for the estimate. The node still has only
 * the keys Langium's would, in the same order (test/core/lean-parser-identity.test.ts).
 */
export type AstNodeShape = new () => Record<string, unknown>;

/**
 * Classes by `$type`, made once per process: a parser made later (fresh services: the CLI, a test,
 * the bench) builds its nodes with the classes the earlier ones used, so the linker's and the
 * elaborator's optimised code, which depends on the nodes' hidden classes, stays valid for them
 * (with a class per parser every new parser's nodes deoptimised it: "wrong map").
 */
const shapes = new Map<string, AstNodeShape>();

/** The class of the nodes of `type`, so that each type's nodes get their own hidden class and room. */
export function astNodeShape(type: string): AstNodeShape {
    let shape = shapes.get(type);
    if (!shape) { shape = newShape(type); shapes.set(type, shape); }
    return shape;
}

function newShape(type: string): AstNodeShape {
    return class {
        [property: string]: unknown;
        constructor(wide?: boolean) {
            this.$type = type;
            // Never run: only V8's estimate of in-object properties (what a node holds at most) reads these.
            if (wide) {
                this.p1 = 0; this.p2 = 0; this.p3 = 0; this.p4 = 0; this.p5 = 0; this.p6 = 0; this.p7 = 0; this.p8 = 0;
                this.p9 = 0; this.p10 = 0; this.p11 = 0; this.p12 = 0; this.p13 = 0; this.p14 = 0; this.p15 = 0; this.p16 = 0;
            }
        }
    };
}
