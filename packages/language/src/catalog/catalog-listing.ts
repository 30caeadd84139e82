import { citationText, figureRowsOf, figureValue, type FigurePartKind, type FigureRow } from '@fabric/simulator';
import type { LangiumDocument } from 'langium';
import { isPartType, type FabricFile } from '../generated/ast.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { SourceRefs } from '../elaboration/source-refs.js';

/** One part of a catalog file with its figures, in declaration order. */
export interface CatalogPart {
    readonly name: string;
    readonly kind: string;
    readonly base?: string;
    /** The comment above the declaration, first line: what the part is. */
    readonly summary: string;
    readonly figures: readonly FigureRow[];
}

export interface CatalogFile {
    /** `optics` for `catalog/optics.fabric`. */
    readonly name: string;
    readonly parts: readonly CatalogPart[];
}

/** The parts a catalog document declares, resolved (inheritance merged) with their figures' provenance. */
export function catalogFile(name: string, document: LangiumDocument<FabricFile>): CatalogFile {
    const resolver = new PartTypeResolver(() => undefined, new SourceRefs());
    const text = document.textDocument.getText();
    const parts = document.parseResult.value.elements.filter(isPartType).flatMap(part => {
        const resolved = resolver.resolve(part);
        if (!resolved || !part.$cstNode) return [];
        return [{
            name: part.name, kind: part.kind, ...(part.base?.$refText ? { base: part.base.$refText } : {}),
            summary: commentAbove(text, part.$cstNode.offset),
            figures: figureRowsOf(resolved.kind as FigurePartKind, resolved.type.name, resolved.type, 0)
        }];
    });
    return { name, parts };
}

/** The `//` comment lines right above an offset, joined. */
function commentAbove(text: string, offset: number): string {
    const lines = text.slice(0, offset).split('\n');
    lines.pop(); // the declaration's own line
    const comment: string[] = [];
    while (lines.length > 0 && /^\s*\/\//.test(lines[lines.length - 1])) comment.unshift(lines.pop()!.replace(/^\s*\/\/\s?/, ''));
    return comment.join(' ').trim();
}

const STANDING: Readonly<Record<string, string>> = {
    vendor: 'vendor', secondary: 'secondary', derivation: 'derivation', assumption: '**assumption**', unsourced: '**no source**'
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The Markdown listing of catalog files: per part, every figure with its value, standing and source. */
export function catalogListing(files: readonly CatalogFile[]): string {
    const out: string[] = [];
    for (const file of files) {
        out.push(`### \`catalog/${file.name}\``, '');
        for (const part of file.parts) {
            out.push(`#### ${part.name} · ${part.kind}${part.base ? ` extends ${part.base}` : ''}`, '');
            if (part.summary) out.push(part.summary, '');
            out.push('| figure | value | standing | source |', '| --- | --- | --- | --- |');
            for (const f of part.figures) {
                const inherited = f.declaredIn && f.declaredIn !== part.name ? ` (from ${f.declaredIn})` : '';
                out.push(`| ${f.property}${inherited} | ${cell(figureValue(f))} | ${STANDING[f.status]} | ${cell(citationText(f).replace(/^[a-z]+(?: \(Fabric default\))?: /, ''))} |`);
            }
            out.push('');
        }
    }
    return out.join('\n');
}

/** Per file: parts and how many figures have each standing. */
export function catalogStanding(files: readonly CatalogFile[]): string {
    const rows = files.map(file => {
        const figures = file.parts.flatMap(p => p.figures);
        const n = (status: string) => figures.filter(f => f.status === status).length;
        return `| \`catalog/${file.name}\` | ${file.parts.length} | ${figures.length} | ${n('vendor')} | ${n('secondary')} | ${n('derivation')} | ${n('assumption')} | ${n('unsourced')} |`;
    });
    return ['| file | parts | figures | vendor | secondary | derivation | assumption | no source |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}
