/** A Markdown table; cells are escaped for pipes. */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    return [
        `| ${headers.map(cell).join(' | ')} |`,
        `| ${headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
        ...rows.map(row => `| ${row.map(cell).join(' | ')} |`)
    ].join('\n');
}
