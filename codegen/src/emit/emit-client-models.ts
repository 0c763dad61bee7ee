import { outputDirs } from "../config.js";
import { prefixToSrc } from "../model/names.js";
import type { ModelEntry, SpecModel } from "../model/types.js";
import { docText, header, literal, render, renderChunks, renderJoined, type GeneratedFile } from "./render.js";
import type { EmitContext, ModelContext } from "./model-outputs.js";

/** The map templates' chunks of one model, rendered when it is built (kept between runs: JSON only). */
export interface ClientMapView {
  inputs: string[];
  schemas: string[];
  registry: string[];
}

/** What the map templates read of one model. */
interface ClientMapItem {
  typeName: string;
  descriptorName: string;
  slugLiteral: string;
  importPath: string;
  summary: string;
  docsUrl: string;
  interfaceBody: string;
}

/** The map templates. */
const MAPS: Record<keyof ClientMapView, string> = { inputs: "client-model-inputs", schemas: "client-model-schemas", registry: "client-model-registry" };

/**
 * One model's file (input type, schema and the model descriptor: the entry point
 * `@pixelbyte/client/models/<slug>`), and its lines in the root entry's maps.
 */
export function emitClientModel(m: ModelEntry, ctx: ModelContext): { files: GeneratedFile[]; view: ClientMapView } {
  const item: ClientMapItem = {
    typeName: m.typeName,
    descriptorName: m.typeName.replace(/Input$/, ""),
    slugLiteral: literal(m.slug),
    importPath: `./models/${m.slug}.gen.js`,
    summary: docText(`${m.title} (${m.slug}).`),
    docsUrl: docText(m.docsUrl),
    interfaceBody: m.interfaceBody,
  };
  const content = render("client-model", {
    header: header(ctx.sources.models),
    ...item,
    titleLiteral: literal(m.title),
    toSrc: prefixToSrc(m.slug),
    // The price comes from @pixelbyte/pricing's own per-model entry point, so one model pulls one price.
    pricingImport: literal(`@pixelbyte/pricing/models/${m.slug}`),
    schemaLiteral: literal(m.validationSchema),
  });
  const view: ClientMapView = { inputs: renderChunks(MAPS.inputs, item), schemas: renderChunks(MAPS.schemas, item), registry: renderChunks(MAPS.registry, item) };
  return { files: [{ path: `${outputDirs.clientGen}/models/${m.slug}.gen.ts`, content }], view };
}

/**
 * What only the root entry imports: every input type in one file with the slug -> type map (a
 * typecheck by slug then reads one file, not one per model), the thin slug -> schema and
 * slug -> descriptor maps, and the error-code table.
 */
export function emitClientMaps(views: readonly ClientMapView[], ctx: EmitContext): GeneratedFile[] {
  const view = { header: header(ctx.sources.models) };
  const joined = (part: keyof ClientMapView) => renderJoined(MAPS[part], view, () => [views.map((v) => v[part])]);
  return [
    { path: `${outputDirs.clientGen}/model-inputs.gen.ts`, content: joined("inputs") },
    { path: `${outputDirs.clientGen}/model-schemas.gen.ts`, content: joined("schemas") },
    { path: `${outputDirs.clientGen}/model-registry.gen.ts`, content: joined("registry") },
    {
      path: `${outputDirs.clientGen}/error-codes.gen.ts`,
      content: render("client-error-codes", {
        header: header(ctx.sources.openapi),
        codes: ctx.errorCodes.map((e) => ({ codeLiteral: literal(e.code), status: e.status })),
      }),
    },
  ];
}

/** Every model's file, plus the root entry's maps. */
export function emitClientModels(model: SpecModel): GeneratedFile[] {
  const ctx = { sources: model.sources, rounding: model.rounding, errorCodes: model.errorCodes };
  const outputs = model.models.map((m) => emitClientModel(m, ctx));
  return [...outputs.flatMap((o) => o.files), ...emitClientMaps(outputs.map((o) => o.view), ctx)];
}
