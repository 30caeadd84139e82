/**
 * Array helpers safe at any size: spreading an array into arguments (`Math.max(...values)`,
 * `list.push(...items)`) overflows the call stack at around 100,000 elements, which a
 * 200,000-laser fabric or a 600-way all-to-all reaches.
 */

/** Smallest and largest of the values; undefined for none. */
export function minMax(values: Iterable<number>): { min: number; max: number } | undefined {
    let min = Infinity, max = -Infinity, any = false;
    for (const value of values) {
        any = true;
        if (value < min) min = value;
        if (value > max) max = value;
    }
    return any ? { min, max } : undefined;
}

/** Appends every item to `target` (in place) and returns it. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
    for (const item of items) target.push(item);
    return target;
}
