import { reflection } from './generated/ast.js';

/**
 * The `$type` of an AST type that no other type derives from, checked against the grammar's
 * reflection when the module loads: a node is of that type exactly when its `$type` is this
 * string. The elaboration's hot paths compare `$type` instead of calling the generated guards
 * (`isConnect`, `isLengthOption`, …): each guard asks the reflection, whose cache of answers
 * allocated 48 to 88 bytes per call once a few pairs of types had been asked — several calls for
 * each of a 50k-line fabric's 40k connections. Should the grammar give such a type a subtype,
 * loading fails here rather than the comparison quietly missing it.
 */
export function leafType<T extends string>(type: T): T {
    const types = reflection.getAllSubTypes(type);
    if (types.length !== 1 || types[0] !== type) {
        throw new Error(`AST type ${type} has subtypes (${types.join(', ')}): test it with its generated guard`);
    }
    return type;
}
