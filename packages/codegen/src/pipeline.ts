/**
 * The generation pipeline, as a function: specs in, generated files out (in memory). Both
 * `generate.ts` (write or check) and the tests call it. Each API is one `ApiDefinition` run
 * through the shared steps of `generate-api.ts`; only what differs is written here.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AppliedCorrection,
  applyCorrections,
  type Correction,
  parseCorrections,
} from './corrections.ts';
import { loadDeps } from './deps.ts';
import {
  type ApiDefinition,
  type ApiReport,
  type GenerateContext,
  type GeneratedFile,
  generateApi,
  readYaml,
  time,
  validate,
} from './generate-api.ts';
import { isObject, type JsonObject } from './json-pointer.ts';
import { applyOperationIds } from './operation-ids.ts';
import { idempotentPostShapes } from './operations.ts';
import { emitTokensModule } from './tokens.ts';
import { emitWebhooksModules, withEventTable } from './webhooks.ts';

export { type ApiReport, type GeneratedFile, readYaml } from './generate-api.ts';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Inputs and the output folder, relative to the repository root. */
export const PATHS = {
  api2Spec: 'specs/socialhub-api2.yaml',
  api2Corrections: 'specs/socialhub-api2.corrections.yaml',
  publicSpec: 'specs/socialhub-public.yaml',
  outDir: 'packages/schema/src/generated',
  /** The README whose event table (between markers) lists the generated routing keys. */
  webhookKitReadme: 'packages/webhook-kit/README.md',
  /** The last run's report (git-ignored; read by scripts/summary.ts). */
  report: 'packages/schema/.tmp/generate-report.json',
} as const;

/** What a run produced, for the summary. */
export interface PipelineReport {
  api2: ApiReport & { corrections: AppliedCorrection[]; derivedOperationIds: number };
  public: (ApiReport & { webhooks: number; events: string[] }) | null;
  /** Milliseconds per step. */
  timings: Record<string, number>;
  warnings: string[];
}

/** Files and report. */
export interface PipelineResult {
  files: GeneratedFile[];
  report: PipelineReport;
}

/** Overrides for tests. */
export interface PipelineOptions {
  root?: string;
  api2Spec?: string;
  api2Corrections?: string;
  publicSpec?: string;
}

/** Loads and parses the corrections file. */
export async function loadCorrections(
  file = join(ROOT, PATHS.api2Corrections),
): Promise<Correction[]> {
  const deps = await loadDeps();
  return parseCorrections(await readYaml(deps, file));
}

/** Swagger 2.0 + corrections (not yet validated): the document every API2 artefact comes from. */
export function correctedApi2(
  raw: unknown,
  corrections: readonly Correction[],
): { doc: JsonObject; applied: AppliedCorrection[]; derived: number } {
  const doc = structuredClone(raw);
  if (!isObject(doc) || doc.swagger !== '2.0')
    throw new Error('the API2 spec is not a Swagger 2.0 document');
  const applied = applyCorrections(doc, corrections);
  const derived = corrections.some((c) => c.change.kind === 'derive-operation-ids')
    ? applyOperationIds(doc.paths)
    : 0;
  return { doc, applied, derived };
}

/** API2: Swagger 2.0 + corrections, validated, converted to OpenAPI 3.0. */
async function api2(
  context: GenerateContext,
  files: { spec: string; corrections: string; publicSpec: string },
): Promise<{ files: GeneratedFile[]; report: PipelineReport['api2'] }> {
  const { deps, warnings } = context;
  const extra = { corrections: [] as AppliedCorrection[], derivedOperationIds: 0 };
  // API2 copies the public routes under /public: their POSTs are as idempotent as the originals.
  const inherited = existsSync(files.publicSpec)
    ? idempotentPostShapes((await readYaml(deps, files.publicSpec)) as JsonObject, '/public')
    : new Set<string>();
  const definition: ApiDefinition = {
    prefix: 'api2',
    title: 'SocialHub API2',
    spec: files.spec,
    inputs: [PATHS.api2Spec, PATHS.api2Corrections],
    label: 'the converted API2 document',
    operations: { inputs: [PATHS.publicSpec], inherited },
    async prepare(raw, step) {
      const corrections = await step('corrections', () => loadCorrections(files.corrections));
      const { doc, applied, derived } = await step('apply corrections', () =>
        correctedApi2(raw, corrections),
      );
      extra.corrections = applied;
      extra.derivedOperationIds = derived;
      for (const a of applied) {
        if (a.moved.length)
          warnings.push(
            `correction ${a.id}: found at ${a.appliedAt.join(', ')}, not at ${a.moved.join(', ')}`,
          );
        if (a.skipped)
          warnings.push(`interim correction ${a.id} skipped (delete it?): ${a.skipped}`);
      }
      await step('validate swagger 2.0', () => validate(deps, doc, 'the corrected API2 spec'));
      return step('convert to openapi 3.0', async () => {
        const { openapi } = await deps.swagger2openapi.convertObj(structuredClone(doc) as never, {
          patch: false,
          warnOnly: false,
        });
        return openapi as unknown as JsonObject;
      });
    },
  };
  const { files: out, report } = await generateApi(definition, context);
  return { files: out, report: { ...report, ...extra } };
}

/** The public Integration API and its webhooks: OpenAPI 3.1 as written, no conversion. */
async function publicApi(
  context: GenerateContext,
  files: { spec: string; readme: string },
): Promise<{ files: GeneratedFile[]; report: NonNullable<PipelineReport['public']> }> {
  const extra = { webhooks: 0, events: [] as string[] };
  const definition: ApiDefinition = {
    prefix: 'public',
    title: 'SocialHub Public API',
    spec: files.spec,
    inputs: [PATHS.publicSpec],
    label: PATHS.publicSpec,
    prepare(parsed) {
      if (
        !isObject(parsed) ||
        typeof parsed.openapi !== 'string' ||
        !parsed.openapi.startsWith('3.')
      )
        throw new Error(`${PATHS.publicSpec} is not an OpenAPI 3.x document`);
      return parsed;
    },
    async artefacts(doc, { header, names, step, out, write }) {
      out(
        'public.tokens.gen.ts',
        emitTokensModule({ doc, header, typesModule: 'public.types.gen.js' }),
      );
      const webhooks = await step('webhooks', () => emitWebhooksModules({ doc, header, names }));
      for (const file of webhooks.files) out(file.name, file.content);
      if (webhooks.routes.length && existsSync(files.readme)) {
        const text = await readFile(files.readme, 'utf8');
        write({
          path: PATHS.webhookKitReadme,
          content: withEventTable(text, webhooks.routes, PATHS.webhookKitReadme),
        });
      }
      extra.webhooks = isObject(doc.webhooks) ? Object.keys(doc.webhooks).length : 0;
      extra.events = webhooks.events;
    },
  };
  const { files: out, report } = await generateApi(definition, context);
  return { files: out, report: { ...report, ...extra } };
}

/** Runs the whole pipeline in memory. */
export async function runPipeline(options: PipelineOptions = {}): Promise<PipelineResult> {
  const root = options.root ?? ROOT;
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const deps = await time(timings, 'load tools', loadDeps);
  const context: GenerateContext = { deps, outDir: PATHS.outDir, timings, warnings };
  const publicSpec = options.publicSpec ?? join(root, PATHS.publicSpec);

  const first = await api2(context, {
    spec: options.api2Spec ?? join(root, PATHS.api2Spec),
    corrections: options.api2Corrections ?? join(root, PATHS.api2Corrections),
    publicSpec,
  });
  const report: PipelineReport = { api2: first.report, public: null, timings, warnings };
  if (!existsSync(publicSpec)) {
    warnings.push(`${PATHS.publicSpec} does not exist yet; its artefacts were skipped`);
    return { files: first.files, report };
  }
  const second = await publicApi(context, {
    spec: publicSpec,
    readme: join(root, PATHS.webhookKitReadme),
  });
  report.public = second.report;
  return { files: [...first.files, ...second.files], report };
}
