import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { FabricElaboration } from './elaboration/fabric-elaboration.js';
import { FabricAnalyses } from './lsp/fabric-analyses.js';
import { FabricCodeActionProvider } from './lsp/fabric-code-actions.js';
import { FabricCodeLensProvider } from './lsp/fabric-code-lenses.js';
import { FabricHoverProvider } from './lsp/fabric-hover.js';
import { FabricDefinitionProvider } from './lsp/fabric-definition.js';
import { FabricInlayHintProvider } from './lsp/fabric-inlay-hints.js';
import { FabricCompletionProvider } from './lsp/fabric-completion.js';
import { FabricDocumentSymbolProvider, FabricNodeKindProvider } from './lsp/fabric-document-symbols.js';
import { FabricFormatter } from './lsp/fabric-formatter.js';
import { FabricSemanticTokenProvider } from './lsp/fabric-semantic-tokens.js';
import { FabricLexer } from './parser/fabric-lexer.js';
import { createFabricParser } from './parser/fabric-parser.js';
import { createFabricCompletionParser } from './parser/fabric-completion-parser.js';
import { FabricSyntaxCheck } from './parser/fabric-recognizer.js';
import { EditSyntaxCheck } from './parser/edit-syntax-check.js';
import { FabricGeneratedSharedModule, FabricLanguageGeneratedModule } from './generated/module.js';
import { FabricScopeComputation } from './scoping/fabric-scope-computation.js';
import { FabricLinker } from './scoping/fabric-linker.js';
import { FabricReferences } from './scoping/fabric-references.js';
import { FabricScopeProvider } from './scoping/fabric-scope-provider.js';
import { FabricDocumentValidator } from './validation/fabric-document-validator.js';
import { FabricValidationRegistry } from './validation/fabric-validation-registry.js';
import { FabricValidator, registerValidationChecks } from './validation/fabric-validator.js';
import { FabricImports } from './workspace/fabric-imports.js';
import { FabricReferenceDescriptionProvider } from './workspace/fabric-reference-descriptions.js';
import { FabricParserErrorMessageProvider } from './workspace/fabric-parser-messages.js';
import { FabricSettings } from './workspace/fabric-settings.js';
import { FabricWorkspaceManager } from './workspace/fabric-workspace-manager.js';
import { FabricDocumentBuilder } from './workspace/fabric-document-builder.js';
import { FabricDocumentUpdateHandler } from './workspace/fabric-document-update-handler.js';
import { FabricRenameProvider } from './lsp/fabric-rename.js';

/** Services Fabric adds to Langium's. */
export type FabricAddedServices = {
    workspace: { FabricImports: FabricImports };
    parser: { FabricSyntaxCheck: FabricSyntaxCheck; EditSyntaxCheck: EditSyntaxCheck };
    elaboration: { FabricElaboration: FabricElaboration };
    validation: { FabricValidator: FabricValidator };
    analysis: { FabricAnalyses: FabricAnalyses };
    settings: { FabricSettings: FabricSettings };
};

export type FabricServices = LangiumServices & FabricAddedServices;

export const FabricModule: Module<FabricServices, PartialLangiumServices & FabricAddedServices> = {
    workspace: {
        FabricImports: services => new FabricImports(services.shared),
        ReferenceDescriptionProvider: services => new FabricReferenceDescriptionProvider(services)
    },
    elaboration: {
        FabricElaboration: services => new FabricElaboration(services)
    },
    parser: {
        ParserErrorMessageProvider: () => new FabricParserErrorMessageProvider(),
        Lexer: services => new FabricLexer(services),
        LangiumParser: services => createFabricParser(services),
        CompletionParser: services => createFabricCompletionParser(services),
        FabricSyntaxCheck: services => new FabricSyntaxCheck(services),
        EditSyntaxCheck: services => new EditSyntaxCheck(services)
    },
    references: {
        ScopeComputation: services => new FabricScopeComputation(services),
        ScopeProvider: services => new FabricScopeProvider(services),
        Linker: services => new FabricLinker(services),
        References: services => new FabricReferences(services)
    },
    validation: {
        FabricValidator: services => new FabricValidator(services),
        DocumentValidator: services => new FabricDocumentValidator(services),
        ValidationRegistry: services => new FabricValidationRegistry(services)
    },
    analysis: {
        FabricAnalyses: () => new FabricAnalyses()
    },
    settings: {
        FabricSettings: services => new FabricSettings(services)
    },
    lsp: {
        CodeActionProvider: services => new FabricCodeActionProvider(services),
        Formatter: () => new FabricFormatter(),
        SemanticTokenProvider: services => new FabricSemanticTokenProvider(services),
        DocumentSymbolProvider: services => new FabricDocumentSymbolProvider(services),
        CompletionProvider: services => new FabricCompletionProvider(services),
        HoverProvider: services => new FabricHoverProvider(services),
        DefinitionProvider: services => new FabricDefinitionProvider(services),
        InlayHintProvider: services => new FabricInlayHintProvider(services),
        CodeLensProvider: services => new FabricCodeLensProvider(services),
        RenameProvider: services => new FabricRenameProvider(services)
    }
};

export const FabricSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        WorkspaceManager: services => new FabricWorkspaceManager(services),
        DocumentBuilder: services => new FabricDocumentBuilder(services)
    },
    lsp: {
        NodeKindProvider: () => new FabricNodeKindProvider(),
        DocumentUpdateHandler: services => new FabricDocumentUpdateHandler(services)
    }
};

/** Creates the shared services and the Fabric language services (`context` brings the file system and, for a server, the connection; `overrides` replace services, for tests). */
export function createFabricServices(context: DefaultSharedModuleContext, overrides: Module<FabricServices, PartialLangiumServices> = {}): { shared: LangiumSharedServices; Fabric: FabricServices } {
    const shared = inject(createDefaultSharedModule(context), FabricGeneratedSharedModule, FabricSharedModule);
    const Fabric = inject(createDefaultModule({ shared }), FabricLanguageGeneratedModule, FabricModule, overrides);
    shared.ServiceRegistry.register(Fabric);
    registerValidationChecks(Fabric);
    if (!context.connection) {
        // Without a language client nothing sends the configuration: mark it as received.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Fabric };
}
