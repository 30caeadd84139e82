import { ValidationRegistry, type LangiumDocument, type ValidationCategory } from 'langium';

/** Simulator-backed checks: never run on a keystroke, only when a build asks for this category by name. */
export const ANALYSIS_CATEGORY: ValidationCategory = 'analysis';

/** `fabric check --strict-sources`: every figure a design rests on that is assumed or has no source (never on a keystroke). */
export const SOURCES_CATEGORY: ValidationCategory = 'sources';

const ON_REQUEST: ReadonlySet<ValidationCategory> = new Set([ANALYSIS_CATEGORY, SOURCES_CATEGORY]);

/**
 * Keeps the analysis and sources categories out of "all categories", so that a build with `validation: true`
 * (the CLI, the workspace's first build, every edit) runs only the cheap checks; the language
 * server's AnalysisScheduler and callers that want the simulator's findings request it explicitly.
 */
export class FabricValidationRegistry extends ValidationRegistry {
    override getAllValidationCategories(document: LangiumDocument): ReadonlySet<ValidationCategory> {
        return new Set([...super.getAllValidationCategories(document)].filter(category => !ON_REQUEST.has(category)));
    }
}
