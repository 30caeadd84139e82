import { UriUtils, type URI } from 'langium';
import { CATALOG_DIR } from './fabric-imports.js';

/**
 * The shipped parts catalog is read-only to every edit the server proposes (rename, quick fixes,
 * formatting): its figures carry their sources, and a user's change belongs in their own file
 * (a derived type: `accelerator MyB200 extends B200 { … }`).
 */
export function isCatalogFile(uri: URI | string): boolean {
    return UriUtils.contains(CATALOG_DIR, uri);
}

/** How the catalog file is named in imports and messages: `catalog/nvidia.fabric`. */
export function catalogName(uri: URI | string): string {
    return `catalog/${UriUtils.relative(CATALOG_DIR, uri)}`;
}
