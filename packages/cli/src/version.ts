import { readFileSync } from 'node:fs';

/** The version in packages/cli/package.json (dist/ sits one level below it, bundled or not). */
export function cliVersion(): string {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
}
