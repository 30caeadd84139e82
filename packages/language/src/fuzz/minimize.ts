/**
 * Shrinks a failing input while it still fails the same way: removes ever smaller chunks of
 * lines, then of characters (delta debugging), within a bounded number of tries.
 */
export async function minimize(input: string, stillFails: (text: string) => Promise<boolean>, maxTries = 150): Promise<string> {
    let current = input;
    let tries = 0;
    for (const unit of ['line', 'char'] as const) {
        let parts = split(current, unit);
        let chunk = Math.max(1, Math.floor(parts.length / 2));
        while (chunk >= 1 && tries < maxTries) {
            let removed = false;
            for (let start = 0; start < parts.length && tries < maxTries; start += chunk) {
                const candidate = [...parts.slice(0, start), ...parts.slice(start + chunk)].join('');
                if (candidate === current) continue;
                tries++;
                if (await stillFails(candidate)) {
                    current = candidate;
                    parts = split(current, unit);
                    removed = true;
                    start -= chunk;
                }
            }
            if (!removed) chunk = Math.floor(chunk / 2);
        }
    }
    return current;
}

function split(text: string, unit: 'line' | 'char'): string[] {
    return unit === 'line' ? text.split(/(?<=\n)/) : [...text];
}
