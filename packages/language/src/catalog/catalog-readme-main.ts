import { writeCatalogReadme } from './catalog-readme.js';

await writeCatalogReadme();
