/**
 * Loads the generator's third-party tools, declared in this package's own `dependencies`.
 * They are imported lazily so that a run can time the load and a test that needs only one
 * pure helper does not pay for all of them.
 */
type SwaggerParserModule = typeof import('@apidevtools/swagger-parser');
type Swagger2OpenapiModule = typeof import('swagger2openapi');
type OpenapiTsModule = typeof import('openapi-typescript');
type YamlModule = typeof import('yaml');

/** The generator's tools, loaded once. */
export interface GeneratorDeps {
  swaggerParser: SwaggerParserModule;
  swagger2openapi: Swagger2OpenapiModule;
  openapiTS: OpenapiTsModule;
  yaml: YamlModule;
}

let cached: Promise<GeneratorDeps> | undefined;

/** Loads swagger-parser, swagger2openapi, openapi-typescript and yaml. */
export function loadDeps(): Promise<GeneratorDeps> {
  cached ??= (async () => {
    const [swaggerParser, swagger2openapi, openapiTS, yaml] = await Promise.all([
      import('@apidevtools/swagger-parser'),
      import('swagger2openapi'),
      // openapi-typescript's default export is the function; keep the whole namespace.
      import('openapi-typescript'),
      import('yaml'),
    ]);
    // CommonJS modules arrive as `{ default: module.exports, ...named }`.
    return {
      swaggerParser: swaggerParser.default ?? swaggerParser,
      swagger2openapi:
        (swagger2openapi as { default?: Swagger2OpenapiModule }).default ?? swagger2openapi,
      openapiTS,
      yaml,
    } as GeneratorDeps;
  })();
  return cached;
}
