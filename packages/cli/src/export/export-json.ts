/**
 * `fabric export --format json`: the elaborated model and its analysis in one document
 * (`fabric-export/1`), validated by the published schema `packages/cli/schema/fabric-export.schema.json`.
 * Numbers are in base units; the analysis part is the `fabric-analysis/2` document of ANALYSIS-JSON.md.
 */
import { analysisToJson, finiteJson, type Analysis, type FabricModel } from '@fabric/simulator';

export const EXPORT_JSON_SCHEMA = 'fabric-export/1';

export function exportJson(file: string, model: FabricModel, analysis: Analysis, version: string): object {
    return {
        schema: EXPORT_JSON_SCHEMA,
        generator: { name: 'fabric', version },
        file,
        model: finiteJson(model), // an unbounded figure (Infinity) becomes null, as in the analysis
        analysis: analysisToJson(analysis)
    };
}
