/**
 * The paths a command is given, expanded to `.fabric` files: a directory stands for the `.fabric`
 * files below it, a glob (quoted, so the shell left it alone) for the files it matches. Anything
 * else that is not a `.fabric` file is a usage error, never handed to the language services.
 */
import { globSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from './exit-codes.js';

const GLOB = /[*?[\]{}]/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'out']);

export function isFabricPath(path: string): boolean {
    return path.endsWith('.fabric');
}

function fabricFilesBelow(directory: string): string[] {
    const found: string[] = [];
    const stack = [directory];
    while (stack.length > 0) {
        const dir = stack.pop()!;
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (entry.name.startsWith('.')) continue;
            const path = join(dir, entry.name);
            if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) stack.push(path);
            else if (entry.isFile() && isFabricPath(entry.name)) found.push(path);
        }
    }
    return found.sort();
}

function kindOf(path: string): 'file' | 'directory' | 'missing' {
    try {
        return statSync(path).isDirectory() ? 'directory' : 'file';
    } catch {
        return 'missing';
    }
}

/** Expands directories and globs; rejects what is not a `.fabric` file. Order is kept, duplicates dropped. */
export function expandFabricPaths(args: readonly string[]): string[] {
    const files: string[] = [];
    for (const arg of args) {
        const kind = kindOf(arg);
        if (kind === 'directory') {
            const below = fabricFilesBelow(arg);
            if (below.length === 0) throw new UsageError(`${arg} is a directory with no .fabric files in it`);
            files.push(...below);
        } else if (kind === 'missing' && GLOB.test(arg)) {
            const matched = globSync(arg).filter(p => isFabricPath(p) && kindOf(p) === 'file').sort();
            if (matched.length === 0) throw new UsageError(`no .fabric files match '${arg}'`);
            files.push(...matched);
        } else if (!isFabricPath(arg)) {
            throw new UsageError(`${arg} is not a .fabric file (give .fabric files, directories holding them, or a quoted glob such as 'examples/*.fabric')`);
        } else if (kind === 'missing') {
            throw new UsageError(`cannot read ${arg}: no such file`);
        } else {
            files.push(arg);
        }
    }
    const seen = new Set<string>();
    return files.filter(f => {
        const key = relative('.', f);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** One `.fabric` file for the commands that read one. */
export function singleFabricPath(arg: string): string {
    const kind = kindOf(arg);
    if (kind === 'directory') throw new UsageError(`${arg} is a directory; this command reads one .fabric file`);
    if (!isFabricPath(arg)) throw new UsageError(`${arg} is not a .fabric file`);
    if (kind === 'missing') throw new UsageError(`cannot read ${arg}: no such file`);
    return arg;
}
