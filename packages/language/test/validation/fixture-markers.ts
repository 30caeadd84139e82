import type { Range } from 'vscode-languageserver-types';

/**
 * The marker language of validation fixtures:
 *
 *     // $WARNING reach/exceeded "beyond the reach"
 *     connect a to b via NVLinkCopper length »20 m«
 *
 * A `$ERROR`, `$WARNING`, `$INFO` or `$HINT` comment expects one diagnostic with that severity and
 * code, whose message contains the quoted text (if any), exactly on the next `»…«` range;
 * `related "nvidia.fabric: radix 72"` also expects related information in that file, on a line
 * holding that text: the declaration that sets the limit.
 * `// $NONE code` expects no diagnostic with that code anywhere in the file.
 * The markers `»` and `«` are removed before the text is parsed.
 */
export type ExpectedSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface ExpectedDiagnostic {
    readonly severity: ExpectedSeverity;
    readonly code: string;
    readonly message?: string;
    /** `file.fabric: text on the line` of the expected related information. */
    readonly related?: string;
    readonly range: Range;
    /** 1-based line of the marker comment, for test names. */
    readonly markerLine: number;
}

export interface FixtureMarkers {
    /** The text without `»` and `«`. */
    readonly text: string;
    readonly expected: readonly ExpectedDiagnostic[];
    readonly absentCodes: readonly string[];
}

const EXPECT = /\/\/\s*\$(ERROR|WARNING|INFO|HINT)\s+(\S+)(?:\s+"([^"]*)")?(?:\s+related\s+"([^"]*)")?/;
const NONE = /\/\/\s*\$NONE\s+(\S+)/;

export function readFixtureMarkers(source: string): FixtureMarkers {
    const pending: Array<Omit<ExpectedDiagnostic, 'range'>> = [];
    const expected: ExpectedDiagnostic[] = [];
    const absentCodes: string[] = [];
    const open: Array<{ line: number; character: number }> = [];
    let text = '';
    let line = 0;
    let character = 0;
    const lines = source.split('\n');
    lines.forEach((sourceLine, lineIndex) => {
        const expect = EXPECT.exec(sourceLine);
        if (expect) {
            pending.push({ severity: expect[1].toLowerCase() as ExpectedSeverity, code: expect[2], message: expect[3], related: expect[4], markerLine: lineIndex + 1 });
        }
        const none = NONE.exec(sourceLine);
        if (none) absentCodes.push(none[1]);
        for (const char of sourceLine) {
            if (char === '»') {
                open.push({ line, character });
            } else if (char === '«') {
                const start = open.pop();
                const next = pending.shift();
                if (!start || !next) throw new Error(`fixture line ${lineIndex + 1}: '«' without a '»' or without a marker comment before it`);
                expected.push({ ...next, range: { start, end: { line, character } } });
            } else {
                text += char;
                character += char.length;
            }
        }
        if (lineIndex < lines.length - 1) {
            text += '\n';
            line++;
            character = 0;
        }
    });
    if (pending.length > 0) throw new Error(`fixture line ${pending[0].markerLine}: marker without a »range«`);
    if (open.length > 0) throw new Error('fixture: unclosed »');
    return { text, expected, absentCodes };
}
