/**
 * The colours the diagram draws with. In the webview they come from the editor theme's
 * `--vscode-*` variables (light, dark, high contrast); exports and tests use the defaults.
 */
import type { OpticsKind } from '@fabric/simulator';

export interface Palette {
    readonly background: string;
    readonly foreground: string;
    readonly muted: string;
    readonly frame: string;
    readonly frameFill: string;
    readonly nodeFill: Readonly<Record<'compute' | 'switch' | 'ocs', string>>;
    readonly collapsedFill: string;
    readonly border: string;
    readonly kinds: Readonly<Record<OpticsKind | 'unknown', string>>;
    /** Load / watts ramp, low to high. */
    readonly ramp: readonly [string, string, string];
    readonly failed: string;
    readonly cutOff: string;
    readonly affected: string;
    readonly highlight: string;
    readonly error: string;
    readonly warning: string;
    readonly fontFamily: string;
    /** High-contrast themes: thicker outlines. */
    readonly highContrast: boolean;
}

export const LIGHT_PALETTE: Palette = {
    background: '#ffffff', foreground: '#1f1f1f', muted: '#6e6e6e', frame: '#9a9a9a', frameFill: '#f6f6f6',
    nodeFill: { compute: '#dbe9f7', switch: '#e6dcf3', ocs: '#f7e6cf' }, collapsedFill: '#e8eef4', border: '#5a5a5a',
    kinds: { dac: '#b26a00', aec: '#8c564b', pluggable: '#1f77b4', lpo: '#17becf', npo: '#2ca02c', cpo: '#9467bd', vcsel: '#e377c2', 'ocs-circuit': '#0f8b8d', unknown: '#7f7f7f' },
    ramp: ['#2ca02c', '#e0b000', '#d62728'],
    failed: '#d62728', cutOff: '#7b0000', affected: '#ff7f0e', highlight: '#0066cc', error: '#e51400', warning: '#bf8803',
    fontFamily: 'sans-serif', highContrast: false
};

export const DARK_PALETTE: Palette = {
    ...LIGHT_PALETTE,
    background: '#1e1e1e', foreground: '#cccccc', muted: '#9d9d9d', frame: '#5a5a5a', frameFill: '#252526',
    nodeFill: { compute: '#1d3b57', switch: '#3b2d52', ocs: '#4d3a1f' }, collapsedFill: '#2d3640', border: '#a0a0a0',
    kinds: { dac: '#e8a33d', aec: '#c49c94', pluggable: '#6baed6', lpo: '#5fd3e0', npo: '#74c476', cpo: '#b59ce0', vcsel: '#f7a1d6', 'ocs-circuit': '#3fc1c3', unknown: '#a0a0a0' },
    highlight: '#3794ff'
};
