import { AstUtils, interruptAndCheck, type Cancellation, type LangiumDocuments, type References, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { FabricAstType, FabricFile, Import } from '../generated/ast.js';
import { isConfiguration, isFabric, isGroup, isInstance, isLayer, isPartType, type Fabric, type Group, type Layer } from '../generated/ast.js';
import type { FabricServices } from '../fabric-module.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';
import { displayUri, type FabricImports } from '../workspace/fabric-imports.js';
import type { FabricAnalyses } from '../lsp/fabric-analyses.js';
import { analysisShouldFitItsBudget, fabricShouldSurviveAnalysis } from './analysis-rules.js';
import type { FabricLexingReport } from '../parser/fabric-lexer.js';
import { FabricCode } from './fabric-codes.js';
import { ANALYSIS_CATEGORY, SOURCES_CATEGORY } from './fabric-validation-registry.js';
import { figuresShouldBeSourced, sourceShouldBeComplete } from './source-rules.js';
import { linkEndsShouldAgree } from './link-end-rules.js';
import { visiblePartTypes } from './part-lookup.js';
import { portsShouldFitRadix } from './port-rules.js';
import { cableShouldBeWithinReach } from './reach-rules.js';
import { declarationsShouldBeUsed } from './usage-rules.js';

/** Registers the Fabric checks. Each check is one method named as the assertion it makes. */
export function registerValidationChecks(services: FabricServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.FabricValidator;
    const checks: ValidationChecks<FabricAstType> = {
        FabricFile: [validator.fileShouldNotNestTooDeep, validator.fabricShouldElaborate, validator.namesShouldBeUnique, validator.declarationsShouldBeUsed],
        Fabric: [validator.membersShouldHaveUniqueNames, validator.fabricShouldFit],
        Connect: cableShouldBeWithinReach,
        Group: validator.membersShouldHaveUniqueNames,
        Layer: validator.membersShouldHaveUniqueNames,
        Import: [validator.importShouldExist, validator.importShouldNotCycle],
        Source: sourceShouldBeComplete
    };
    registry.register(checks, validator);
    registry.register<FabricAstType>({ FabricFile: validator.fabricShouldSurviveAnalysis }, validator, ANALYSIS_CATEGORY);
    registry.register<FabricAstType>({ FabricFile: validator.figuresShouldBeSourced }, validator, SOURCES_CATEGORY);
}

export class FabricValidator {
    private readonly elaboration: FabricElaboration;
    private readonly imports: FabricImports;
    private readonly documents: LangiumDocuments;
    private readonly references: References;
    private readonly analyses: FabricAnalyses;

    constructor(services: FabricServices) {
        this.elaboration = services.elaboration.FabricElaboration;
        this.imports = services.workspace.FabricImports;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.references = services.references.References;
        this.analyses = services.analysis.FabricAnalyses;
    }

    /** The simulator's findings for each fabric of the file (the 'analysis' category: after the cheap checks; a newer edit cancels it). */
    fabricShouldSurviveAnalysis = async (file: FabricFile, accept: ValidationAcceptor, token: Cancellation.CancellationToken): Promise<void> => {
        const document = AstUtils.getDocument(file);
        for (const [fabric, model] of this.elaboration.of(document).modelOf) {
            await interruptAndCheck(token);
            // The server's scheduler has the outcome ready (a stage of it); the CLI and tests compute it here.
            const outcome = this.analyses.outcome(model) ?? await this.analyses.run(model, token);
            if (outcome.analysis) {
                const partTypes = visiblePartTypes(file, this.documents, this.imports);
                fabricShouldSurviveAnalysis({ document, fabric, model, analysis: outcome.analysis, partTypes }, accept);
            }
            if (outcome.budgetReached) analysisShouldFitItsBudget(fabric, model, outcome.budgetReached, accept);
        }
    };

    /** Every figure the file's fabrics rest on (or, for a catalog, every figure it declares) that is assumed or unsourced. */
    figuresShouldBeSourced = (file: FabricFile, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(file);
        figuresShouldBeSourced(file, document.uri.toString(), this.elaboration.of(document).modelOf, accept);
    };

    /** Ports within radix, link ends agreeing on rate and protocol: checks on the elaborated model, cheap enough for every edit. */
    fabricShouldFit = (fabric: Fabric, accept: ValidationAcceptor): void => {
        const model = this.elaboration.of(AstUtils.getDocument(fabric)).modelOf.get(fabric);
        if (!model) return;
        const partTypes = visiblePartTypes(fabric.$container, this.documents, this.imports);
        portsShouldFitRadix(fabric, model, partTypes, accept);
        linkEndsShouldAgree(fabric, { model, partTypes }, accept);
    };

    /** Blocks nested past the parser's limit were read as empty (FabricLexer): say where, and what to do. */
    fileShouldNotNestTooDeep = (file: FabricFile, accept: ValidationAcceptor): void => {
        const report = AstUtils.getDocument(file).parseResult.lexerReport as FabricLexingReport | undefined;
        const tooDeep = report?.nestingTooDeep;
        if (!tooDeep) return;
        const start = { line: tooDeep.line - 1, character: tooDeep.column - 1 };
        const blocks = tooDeep.blocks === 1 ? 'its contents are' : `the contents of ${tooDeep.blocks.toLocaleString('en-US')} such blocks are`;
        accept('error', `nesting deeper than ${tooDeep.limit} levels: ${blocks} not read; flatten the nesting`,
            { node: file, range: { start, end: { line: start.line, character: start.character + tooDeep.length } }, code: FabricCode.NestingTooDeep, data: { code: FabricCode.NestingTooDeep } });
    };

    declarationsShouldBeUsed = (file: FabricFile, accept: ValidationAcceptor): void => {
        declarationsShouldBeUsed(file, this.references, accept);
    };

    /** Elaboration problems (units, properties, ranges, patterns, selections) at the offending text. */
    fabricShouldElaborate = (file: FabricFile, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(file);
        for (const problem of this.elaboration.of(document).problems) {
            // Problems inside an imported part type belong to that file's own diagnostics.
            if (AstUtils.getDocument(problem.node) !== document) continue;
            accept(problem.severity, problem.message, { node: problem.node, property: problem.property as never, index: problem.index, code: problem.code, data: { code: problem.code } });
        }
    };

    /** Part types visible in one file must not share a name (imports included). */
    namesShouldBeUnique = (file: FabricFile, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const element of file.elements) {
            if ((!isPartType(element) && !isFabric(element)) || !element.name) continue;
            if (seen.has(element.name)) {
                accept('error', `'${element.name}' is declared twice in this file`, { node: element, property: 'name', code: FabricCode.DuplicateName, data: { code: FabricCode.DuplicateName } });
            }
            seen.add(element.name);
        }
    };

    membersShouldHaveUniqueNames = (container: Fabric | Group | Layer, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        for (const member of container.members) {
            if (!(isInstance(member) || isGroup(member) || isLayer(member) || isPartType(member) || isConfiguration(member)) || !member.name) continue;
            if (seen.has(member.name)) {
                accept('error', `'${member.name}' is declared twice in '${container.name}'; rename one`, { node: member, property: 'name', code: FabricCode.DuplicateName, data: { code: FabricCode.DuplicateName } });
            }
            seen.add(member.name);
        }
    };

    importShouldExist = (node: Import, accept: ValidationAcceptor): void => {
        if (!this.imports.importExists(node)) {
            accept('error', `cannot find ${node.path}: looked for ${this.imports.resolveImport(node).fsPath}`, { node, property: 'path', code: FabricCode.ImportNotFound, data: { code: FabricCode.ImportNotFound } });
        }
    };

    importShouldNotCycle = (node: Import, accept: ValidationAcceptor): void => {
        const cycle = this.imports.findCycle(node);
        if (cycle) {
            accept('error', `import cycle: ${cycle.map(displayUri).join(' → ')}`, { node, property: 'path', code: FabricCode.ImportCycle, data: { code: FabricCode.ImportCycle } });
        }
    };
}
