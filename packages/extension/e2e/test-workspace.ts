import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

/**
 * A copy of the examples folder to edit freely (the repository's files are never touched), without
 * `examples/bad/`: its deliberately bad design would fill the Problems view the scenarios read.
 */
export function copyExamples(repoRoot: string): string {
    const workspace = join(mkdtempSync(join(tmpdir(), 'fabric-e2e-workspace-')), 'examples');
    const bad = join(repoRoot, 'examples', 'bad');
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true, filter: source => source !== bad && !source.startsWith(bad + sep) });
    return workspace;
}
