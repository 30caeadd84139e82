/**
 * What `fabric check` found, as plain data: per file, its diagnostics (1-based positions) and a
 * summary of each fabric. The text, JSON and SARIF outputs are three views of this one report.
 */
import type { FabricModel } from '@fabric/simulator';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fileURLToPath } from 'node:url';
import { diagnosticCode, displayFsPath, displayPath, severityName, type SeverityName } from '../workspace.js';

export interface ReportPosition {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
}

export interface ReportedDiagnostic extends ReportPosition {
    readonly severity: SeverityName;
    readonly code: string;
    readonly message: string;
    readonly related: ReadonlyArray<ReportPosition & { readonly message: string }>;
}

export interface FabricSummary {
    readonly name: string;
    readonly nodes: number;
    readonly accelerators: number;
    readonly links: number;
    readonly linksByKind: Readonly<Record<string, number>>;
    readonly ocsConfigurations: number;
    readonly circuits: number;
    readonly failureDomains: number;
    readonly phases: number;
}

export interface CheckedFile {
    readonly file: string;
    readonly diagnostics: readonly ReportedDiagnostic[];
    readonly fabrics: readonly FabricSummary[];
}

export interface CheckReport {
    readonly files: readonly CheckedFile[];
    readonly counts: Readonly<Record<SeverityName, number>>;
}

function position(uri: string, range: Diagnostic['range']): ReportPosition {
    return {
        file: uri.startsWith('file:') ? displayFsPath(fileURLToPath(uri)) : uri,
        line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1
    };
}

export function reportDiagnostic(document: LangiumDocument, diagnostic: Diagnostic): ReportedDiagnostic {
    return {
        ...position(document.uri.toString(), diagnostic.range),
        file: displayPath(document),
        severity: severityName(diagnostic), code: diagnosticCode(diagnostic), message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        related: (diagnostic.relatedInformation ?? []).map(r => ({ ...position(r.location.uri, r.location.range), message: r.message }))
    };
}

export function summarizeFabric(model: FabricModel): FabricSummary {
    const linksByKind: Record<string, number> = {};
    for (const link of model.links) {
        const kind = model.types.optics[link.optics]?.kind ?? link.optics;
        linksByKind[kind] = (linksByKind[kind] ?? 0) + 1;
    }
    return {
        name: model.name, nodes: model.nodes.length, accelerators: model.nodes.filter(n => n.kind === 'accelerator').length,
        links: model.links.length, linksByKind,
        ocsConfigurations: model.ocsConfigurations.length, circuits: model.ocsConfigurations.reduce((n, c) => n + c.circuits.length, 0),
        failureDomains: model.failureDomains.length, phases: model.workloads.reduce((n, w) => n + w.phases.length, 0)
    };
}

/** `NVL72: 90 nodes, 1296 links (dac 1296), 27 failure domains, 2 phases` */
export function summaryLine(s: FabricSummary): string {
    const kinds = Object.entries(s.linksByKind).map(([k, n]) => `${k} ${n}`).join(', ');
    const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    return [
        `${s.name}: ${count(s.nodes, 'node')}`,
        `${count(s.links, 'link')}${kinds ? ` (${kinds})` : ''}`,
        ...(s.ocsConfigurations > 0 ? [`${count(s.ocsConfigurations, 'OCS configuration')} (${count(s.circuits, 'circuit')})`] : []),
        count(s.failureDomains, 'failure domain'),
        count(s.phases, 'phase')
    ].join(', ');
}

export function countSeverities(files: readonly CheckedFile[]): Record<SeverityName, number> {
    const counts: Record<SeverityName, number> = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of files) for (const d of f.diagnostics) counts[d.severity]++;
    return counts;
}
