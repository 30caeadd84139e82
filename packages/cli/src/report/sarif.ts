/**
 * `fabric check --format sarif`: the check report as SARIF 2.1.0, with rule metadata per code, for
 * code-scanning tools. Paths are relative to the directory `fabric` ran in (`%SRCROOT%`); columns
 * count UTF-16 code units, as the language server's positions do.
 */
import { pathToFileURL } from 'node:url';
import type { CheckReport, ReportPosition } from './check-report.js';
import { RULES, ruleName, type RuleLevel } from './rule-catalog.js';
import type { SeverityName } from '../workspace.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<SeverityName, RuleLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function location(p: ReportPosition) {
    return {
        physicalLocation: {
            artifactLocation: { uri: p.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
            region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn }
        }
    };
}

export function checkReportToSarif(report: CheckReport, toolVersion: string, cwd: string = process.cwd()): object {
    const codes = [...new Set(report.files.flatMap(f => f.diagnostics.map(d => d.code)))].sort();
    const ruleIndex = new Map(codes.map((c, i) => [c, i]));
    const rules = codes.map(code => {
        const rule = RULES[code];
        return {
            id: code,
            name: ruleName(code),
            shortDescription: { text: rule?.description ?? `Fabric diagnostic ${code}.` },
            defaultConfiguration: { level: rule?.level ?? 'warning' },
            properties: { category: code.includes('/') ? code.split('/')[0] : 'syntax' }
        };
    });
    const results = report.files.flatMap(f => f.diagnostics.map(d => ({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code)!,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [location(d)],
        ...(d.related.length > 0 ? { relatedLocations: d.related.map((r, id) => ({ id, ...location(r), message: { text: r.message } })) } : {})
    })));
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'fabric', semanticVersion: toolVersion, version: toolVersion, rules } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
            artifacts: report.files.map(f => ({ location: { uri: f.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' }, sourceLanguage: 'fabric' })),
            columnKind: 'utf16CodeUnits',
            results
        }]
    };
}
