/**
 * Loads the generator's third-party tools from `packages/schema`, which owns them as
 * devDependencies: Node resolves bare imports from a file's own folder, and `scripts/` sits
 * outside every workspace package, so a plain `import 'yaml'` here would find nothing.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

type SwaggerParserModule =
  typeof import('../../packages/schema/node_modules/@apidevtools/swagger-parser/lib/index.js');
type Swagger2OpenapiModule =
  typeof import('../../packages/schema/node_modules/@types/swagger2openapi/index.js');
type OpenapiTsModule =
  typeof import('../../packages/schema/node_modules/openapi-typescript/dist/index.mjs');
type YamlModule = typeof import('../../packages/schema/node_modules/yaml/dist/index.js');

const requireFromSchema = createRequire(
  new URL('../../packages/schema/package.json', import.meta.url),
);

async function load<T>(specifier: string): Promise<T> {
  const url = pathToFileURL(requireFromSchema.resolve(specifier)).href;
  const mod = (await import(url)) as T & { default?: T };
  // CommonJS modules arrive as `{ default: module.exports, ...named }`.
  return (mod.default ?? mod) as T;
}

/** The generator's tools, loaded once. */
export interface GeneratorDeps {
  swaggerParser: SwaggerParserModule;
  swagger2openapi: Swagger2OpenapiModule;
  openapiTS: OpenapiTsModule;
  yaml: YamlModule;
}

let cached: Promise<GeneratorDeps> | undefined;

/** Loads swagger-parser, swagger2openapi, openapi-typescript and yaml from packages/schema. */
export function loadDeps(): Promise<GeneratorDeps> {
  cached ??= (async () => {
    const [swaggerParser, swagger2openapi, yaml] = await Promise.all([
      load<SwaggerParserModule>('@apidevtools/swagger-parser'),
      load<Swagger2OpenapiModule>('swagger2openapi'),
      load<YamlModule>('yaml'),
    ]);
    // openapi-typescript's default export is the function; keep the whole namespace.
    const openapiTS = (await import(
      pathToFileURL(requireFromSchema.resolve('openapi-typescript')).href
    )) as OpenapiTsModule;
    return { swaggerParser, swagger2openapi, openapiTS, yaml };
  })();
  return cached;
}
