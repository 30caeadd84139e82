/**
 * The diagram's palette from the editor theme: VS Code sets `--vscode-*` variables on the page and
 * a `vscode-light` / `vscode-dark` / `vscode-high-contrast` class on the body. Outside VS Code (the
 * browser harness) the light defaults stand.
 */
import { DARK_PALETTE, LIGHT_PALETTE, type Palette } from '@fabric/diagram';

function hex(colour: string): string | null {
    const c = colour.trim();
    if (/^#[0-9a-f]{6}$/i.test(c)) return c.toLowerCase();
    if (/^#[0-9a-f]{8}$/i.test(c)) return c.slice(0, 7).toLowerCase();
    if (/^#[0-9a-f]{3}$/i.test(c)) return '#' + [...c.slice(1)].map(d => d + d).join('').toLowerCase();
    const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(c);
    return m ? '#' + m.slice(1, 4).map(v => Number(v).toString(16).padStart(2, '0')).join('') : null;
}

export function themePalette(body: HTMLElement): Palette {
    const style = getComputedStyle(body);
    const v = (name: string) => hex(style.getPropertyValue(name));
    const dark = body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast') && !body.classList.contains('vscode-high-contrast-light');
    const base = dark ? DARK_PALETTE : LIGHT_PALETTE;
    const highContrast = body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
    const or = (name: string, fallback: string) => v(name) ?? fallback;
    const contrast = v('--vscode-contrastBorder');
    return {
        ...base,
        background: or('--vscode-editor-background', base.background),
        foreground: or('--vscode-editor-foreground', base.foreground),
        muted: or('--vscode-descriptionForeground', base.muted),
        frame: contrast ?? or('--vscode-panel-border', base.frame),
        frameFill: or('--vscode-sideBar-background', base.frameFill),
        border: contrast ?? or('--vscode-editorWidget-border', base.border),
        highlight: or('--vscode-focusBorder', base.highlight),
        error: or('--vscode-errorForeground', base.error),
        warning: or('--vscode-editorWarning-foreground', base.warning),
        failed: or('--vscode-charts-red', base.failed),
        affected: or('--vscode-charts-orange', base.affected),
        fontFamily: style.getPropertyValue('--vscode-font-family').trim() || base.fontFamily,
        highContrast
    };
}
