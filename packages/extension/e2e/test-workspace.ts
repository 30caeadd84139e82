import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A copy of the examples folder to edit freely (the repository's files are never touched). */
export function copyExamples(repoRoot: string): string {
    const workspace = join(mkdtempSync(join(tmpdir(), 'fabric-e2e-workspace-')), 'examples');
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
    return workspace;
}
