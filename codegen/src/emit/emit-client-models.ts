import { outputDirs } from "../config.js";
import type { ModelEntry, SpecModel } from "../model/types.js";
import { docText, header, literal, render, type GeneratedFile } from "./render.js";
import type { EmitContext, ModelContext } from "./model-outputs.js";

/** What the map templates read of one model (kept between runs: JSON only). */
export interface ClientMapView {
  typeName: string;
  slugLiteral: string;
  importPath: string;
}

/** One model's input-type file, and its line in the slug -> type and slug -> schema maps. */
export function emitClientModel(m: ModelEntry, ctx: ModelContext): { files: GeneratedFile[]; view: ClientMapView } {
  const view: ClientMapView = { typeName: m.typeName, slugLiteral: literal(m.slug), importPath: `./models/${m.slug}.gen.js` };
  const content = render("client-model", {
    header: header(ctx.sources.models),
    ...view,
    summary: docText(`${m.title} (${m.slug}).`),
    docsUrl: docText(m.docsUrl),
    interfaceBody: m.interfaceBody,
    schemaLiteral: literal(m.validationSchema),
  });
  return { files: [{ path: `${outputDirs.clientGen}/models/${m.slug}.gen.ts`, content }], view };
}

/** The thin slug -> type and slug -> schema maps over every model, and the error-code table. */
export function emitClientMaps(views: readonly ClientMapView[], ctx: EmitContext): GeneratedFile[] {
  const headerText = header(ctx.sources.models);
  return [
    { path: `${outputDirs.clientGen}/model-inputs.gen.ts`, content: render("client-model-inputs", { header: headerText, models: views }) },
    { path: `${outputDirs.clientGen}/model-schemas.gen.ts`, content: render("client-model-schemas", { header: headerText, models: views }) },
    {
      path: `${outputDirs.clientGen}/error-codes.gen.ts`,
      content: render("client-error-codes", {
        header: header(ctx.sources.openapi),
        codes: ctx.errorCodes.map((e) => ({ codeLiteral: literal(e.code), status: e.status })),
      }),
    },
  ];
}

/** One input-type file per model, plus the thin slug -> type and slug -> schema maps. */
export function emitClientModels(model: SpecModel): GeneratedFile[] {
  const ctx = { sources: model.sources, rounding: model.rounding, errorCodes: model.errorCodes };
  const outputs = model.models.map((m) => emitClientModel(m, ctx));
  return [...outputs.flatMap((o) => o.files), ...emitClientMaps(outputs.map((o) => o.view), ctx)];
}
