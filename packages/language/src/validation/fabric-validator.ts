import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { FabricAstType, FabricFile, Import } from '../generated/ast.js';
import { isConfiguration, isFabric, isGroup, isInstance, isLayer, isPartType, type Fabric, type Group, type Layer } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';
import { displayUri, type FabricImports } from '../workspace/fabric-imports.js';
import { FabricCode } from './fabric-codes.js';

/** Registers the Fabric checks. Each check is one method named as the assertion it makes. */
export function registerValidationChecks(services: FabricServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.FabricValidator;
    const checks: ValidationChecks<FabricAstType> = {
        FabricFile: [validator.fabricShouldElaborate, validator.namesShouldBeUnique],
        Fabric: validator.membersShouldHaveUniqueNames,
        Group: validator.membersShouldHaveUniqueNames,
        Layer: validator.membersShouldHaveUniqueNames,
        Import: [validator.importShouldExist, validator.importShouldNotCycle]
    };
    registry.register(checks, validator);
}

export class FabricValidator {
    private readonly elaboration: FabricElaboration;
    private readonly imports: FabricImports;

    constructor(services: FabricServices) {
        this.elaboration = services.elaboration.FabricElaboration;
        this.imports = services.workspace.FabricImports;
    }

    /** Elaboration problems (units, properties, ranges, patterns, selections) at the offending text. */
    fabricShouldElaborate = (file: FabricFile, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(file);
        for (const problem of this.elaboration.of(document).problems) {
            // Problems inside an imported part type belong to that file's own diagnostics.
            if (AstUtils.getDocument(problem.node) !== document) continue;
            accept(problem.severity, problem.message, { node: problem.node, property: problem.property as never, index: problem.index, code: problem.code });
        }
    };

    /** Part types visible in one file must not share a name (imports included). */
    namesShouldBeUnique = (file: FabricFile, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const element of file.elements) {
            if ((!isPartType(element) && !isFabric(element)) || !element.name) continue;
            if (seen.has(element.name)) {
                accept('error', `'${element.name}' is declared twice in this file`, { node: element, property: 'name', code: FabricCode.DuplicateName });
            }
            seen.add(element.name);
        }
    };

    membersShouldHaveUniqueNames = (container: Fabric | Group | Layer, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const member of container.members) {
            if (!(isInstance(member) || isGroup(member) || isLayer(member) || isPartType(member) || isConfiguration(member)) || !member.name) continue;
            if (seen.has(member.name)) {
                accept('error', `'${member.name}' is declared twice in '${container.name}'; rename one`, { node: member, property: 'name', code: FabricCode.DuplicateName });
            }
            seen.add(member.name);
        }
    };

    importShouldExist = (node: Import, accept: ValidationAcceptor): void => {
        if (!this.imports.importExists(node)) {
            accept('error', `cannot find ${node.path}: looked for ${this.imports.resolveImport(node).fsPath}`, { node, property: 'path', code: FabricCode.ImportNotFound });
        }
    };

    importShouldNotCycle = (node: Import, accept: ValidationAcceptor): void => {
        const cycle = this.imports.findCycle(node);
        if (cycle) {
            accept('error', `import cycle: ${cycle.map(displayUri).join(' → ')}`, { node, property: 'path', code: FabricCode.ImportCycle });
        }
    };
}
