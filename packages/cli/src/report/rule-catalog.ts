/**
 * What each diagnostic code means, for SARIF's rule metadata (code-scanning tools show it beside a
 * finding). One entry per stable code: the language's codes (`FabricCode`) and the simulator's
 * problem codes (ANALYSIS-JSON.md), which are the same codes the editor shows. A test fails when a
 * code has no entry here.
 */
export type RuleLevel = 'error' | 'warning' | 'note';

export interface RuleDescription {
    /** The level a finding of this code usually has (SARIF `defaultConfiguration.level`). */
    readonly level: RuleLevel;
    /** One sentence: what the rule checks. */
    readonly description: string;
}

export const RULES: Readonly<Record<string, RuleDescription>> = {
    'parsing-error': { level: 'error', description: 'The text does not follow the Fabric grammar.' },
    'lexing-error': { level: 'error', description: 'The text holds a character or token the Fabric language does not know.' },
    'syntax/nesting-too-deep': { level: 'error', description: 'Blocks are nested deeper than 64 levels; the deeper blocks are read as empty.' },
    'linking-error': { level: 'error', description: 'A name refers to a part type, instance, layer or configuration that is not declared.' },
    'import/not-found': { level: 'error', description: 'An import names a file that neither sits beside the importing file nor is in the shipped catalog.' },
    'import/cycle': { level: 'error', description: 'Files import each other in a cycle.' },
    'name/duplicate': { level: 'error', description: 'Two declarations in one scope share a name.' },
    'name/unused': { level: 'note', description: 'A declared part type or configuration is never used.' },
    'unit/unknown': { level: 'error', description: 'A quantity carries a unit the units module does not know.' },
    'unit/wrong-dimension': { level: 'error', description: 'A quantity carries a unit of the wrong dimension for its property (a size where a length is expected).' },
    'unit/missing': { level: 'error', description: 'A quantity has no unit.' },
    'unit/negative': { level: 'error', description: 'A quantity that must not be negative is negative.' },
    'unit/out-of-range': { level: 'error', description: 'A quantity or count is too large or too small to be represented, or its derived figures cannot be.' },
    'part/unknown-property': { level: 'error', description: 'A part type sets a property its kind does not have.' },
    'part/missing-property': { level: 'error', description: 'A part type lacks a required property.' },
    'part/bad-value': { level: 'error', description: 'A property has a value outside what it accepts.' },
    'part/duplicate-property': { level: 'error', description: 'A part type sets the same property twice.' },
    'part/extends-cycle': { level: 'error', description: 'Part types extend each other in a cycle.' },
    'part/extends-kind': { level: 'error', description: 'A part type extends a type of another kind.' },
    'part/derived-power': { level: 'warning', description: 'A derived part type changes its radix, lanes or rate but inherits its power unchanged.' },
    'laser/not-needed': { level: 'error', description: 'A link type whose optics bring their own light (VCSEL, pluggable) names an external laser.' },
    'part/wrong-kind': { level: 'error', description: 'An instance or option names a part type of the wrong kind.' },
    'elaborate/bad-range': { level: 'error', description: 'An index range is empty or reversed.' },
    'elaborate/index-out-of-range': { level: 'error', description: 'A selection indexes past the end of an array.' },
    'elaborate/not-an-array': { level: 'error', description: 'A selection indexes something that is not an array.' },
    'elaborate/no-members': { level: 'error', description: 'A failure domain selects nothing.' },
    'elaborate/empty-selection': { level: 'error', description: 'A selection matches no instances.' },
    'elaborate/pattern': { level: 'error', description: 'A connection pattern cannot be satisfied by the selections given (sizes, torus dimensions, tiles).' },
    'elaborate/missing-length': { level: 'error', description: 'A connection does not give its cable or fibre length.' },
    'elaborate/missing-laser': { level: 'error', description: 'Optics that need an external laser have no laser source.' },
    'elaborate/bad-domain': { level: 'error', description: 'A failure-domain family declares as many spares as it has members, or more: the job would have none left.' },
    'elaborate/not-a-laser': { level: 'error', description: 'The laser option names something that is not a laser source.' },
    'elaborate/circuit-without-ocs': { level: 'error', description: 'An OCS configuration routes circuits through something that is not an OCS.' },
    'elaborate/not-an-accelerator': { level: 'error', description: 'A workload phase selects a participant that is not an accelerator.' },
    'elaborate/bad-algorithm': { level: 'error', description: 'A phase fixes an algorithm its collective does not have.' },
    'elaborate/bad-protocol': { level: 'error', description: 'A protocol name is not one of nvlink, ualink, ucie, pcie, ethernet.' },
    'elaborate/bad-phase': { level: 'error', description: 'A workload phase is malformed (participants, root or peers).' },
    'elaborate/self-link': { level: 'error', description: 'A connection pattern links an element to itself.' },
    'internal/error': { level: 'error', description: 'The elaborator failed on a statement; please report it with the file.' },
    'source/empty-citation': { level: 'warning', description: 'A source clause gives an empty citation: it should name the document, page or paper, or for an assumption its reasoning.' },
    'source/missing-arithmetic': { level: 'warning', description: 'A figure sourced as a derivation does not show the arithmetic it is derived by.' },
    'source/stray-arithmetic': { level: 'warning', description: 'A source that is not a derivation carries arithmetic; only a derivation has one.' },
    'source/assumption': { level: 'warning', description: 'A figure the design rests on is an assumption: written as one, or a default Fabric assumes for an undeclared figure (fabric check --strict-sources).' },
    'source/unsourced': { level: 'warning', description: 'A figure the design rests on has no source (fabric check --strict-sources).' },
    'analysis/budget-reached': { level: 'warning', description: "The language server's analysis stopped at its time budget; the figures it names were not computed." },
    'reach/exceeded': { level: 'warning', description: 'A link is longer than the reach of its optics.' },
    'capacity/ports-exceeded': { level: 'error', description: 'A node uses more ports than its type has.' },
    'capacity/oversubscribed': { level: 'note', description: "A group's accelerators inject more than its switch tier sends out of the group." },
    'link/rate-mismatch': { level: 'warning', description: "A link's lane rate differs from the port rate of a part it joins." },
    'link/protocol-mismatch': { level: 'warning', description: "A link's protocol is not one a part it joins speaks." },
    'link/zero-bandwidth': { level: 'error', description: 'A link carries nothing: lanes × lane rate is not positive.' },
    'link/negative-length': { level: 'error', description: 'A link length is negative or not a number.' },
    'model/unknown-type': { level: 'error', description: 'A node or link names a part type the model does not define.' },
    'model/dangling-endpoint': { level: 'error', description: 'A link or circuit does not join two distinct nodes.' },
    'model/invalid-number': { level: 'error', description: 'A phase size is not a positive number of bytes.' },
    'power/budget-exceeded': { level: 'warning', description: 'A group draws more power than its budget.' },
    'power/zero-budget': { level: 'error', description: 'A power budget of zero, which no group can meet; it is not applied.' },
    'power/duplicate-budget': { level: 'error', description: 'A second power budget in the same group; the first one counts.' },
    'laser/no-spares': { level: 'warning', description: 'An external laser source without spares feeds many links: one laser failure takes them all down.' },
    'failure/partitions': { level: 'warning', description: 'A failure domain splits the surviving accelerators: a single point of failure.' },
    'ocs/worse-configuration': { level: 'warning', description: 'A phase switches the OCS circuits and, switching included, runs slower than it would on the circuits in place.' },
    'laser/fan-out-exceeded': { level: 'warning', description: 'A laser source feeds more lanes than its lasers times lanes per laser.' },
    'ocs/reconfiguration-dominates': { level: 'warning', description: 'Switching OCS circuits takes longer than the phase that waits for it.' },
    'workload/no-path': { level: 'error', description: 'Two participants of a phase cannot reach each other.' },
    'workload/latency-asymmetry': { level: 'note', description: "Within one step of a phase the slowest path is much slower than the fastest; every step waits for the slowest." },
    'workload/empty-phase': { level: 'error', description: 'A phase has fewer usable participants than its collective needs.' },
    'workload/not-an-accelerator': { level: 'error', description: 'A phase participant is not an accelerator.' },
    'workload/unknown-configuration': { level: 'error', description: 'A phase names an OCS configuration the fabric does not declare.' },
    'workload/algorithm-not-applicable': { level: 'warning', description: 'The algorithm a phase fixes does not apply; it is priced with the fastest that does.' }
};

/** `power/budget-exceeded` → `PowerBudgetExceeded` (SARIF's `name`: an identifier-like rule name). */
export function ruleName(code: string): string {
    return code.split(/[/-]/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('');
}
