/** The webview bundle's entry: the diagram in the page template's container. */
import { DiagramApp } from './app.js';

const root = document.getElementById('fabric-diagram');
if (root) new DiagramApp(root);
