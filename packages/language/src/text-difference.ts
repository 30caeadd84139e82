/** Lengths of the common prefix and suffix of two texts (the suffix not overlapping the prefix): where an edit changed `old` into `now`. */
export function commonEnds(old: string, now: string): { prefix: number; suffix: number } {
    const shorter = Math.min(old.length, now.length);
    let prefix = 0;
    while (prefix < shorter && old.charCodeAt(prefix) === now.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === now.charCodeAt(now.length - 1 - suffix)) suffix++;
    return { prefix, suffix };
}
