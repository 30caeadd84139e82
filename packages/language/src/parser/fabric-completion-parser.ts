import { LangiumCompletionParser, type LangiumCoreServices } from 'langium';
import { buildRules } from './lean-parser-builder.js';

/**
 * Langium's completion parser (it finds the grammar elements that can follow the text before the
 * cursor) with the rules built as the Fabric parser's are: so that where the parser reads a
 * declaration after a connection's options (declaration-gate.ts), completion reads it so too and
 * offers what follows in a declaration (`laser els[0..1] : ` → laser types), not what follows in a
 * `laser` option.
 */
export function createFabricCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    return buildRules(services, new LangiumCompletionParser(services));
}
