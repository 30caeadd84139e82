import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createFabricServices } from './fabric-module.js';

// The language server entry: speaks LSP over the process's stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createFabricServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
