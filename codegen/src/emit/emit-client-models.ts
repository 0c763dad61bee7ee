import { outputDirs } from "../config.js";
import type { SpecModel } from "../model/types.js";
import { docText, header, literal, render, type GeneratedFile } from "./render.js";

/** One input-type file per model, plus the thin slug -> type and slug -> schema maps. */
export function emitClientModels(model: SpecModel): GeneratedFile[] {
  const views = model.models.map((m) => ({
    typeName: m.typeName,
    slugLiteral: literal(m.slug),
    summary: docText(`${m.title} (${m.slug}).`),
    docsUrl: docText(m.docsUrl),
    interfaceBody: m.interfaceBody,
    schemaLiteral: literal(m.validationSchema),
    importPath: `./models/${m.slug}.gen.js`,
    path: `${outputDirs.clientGen}/models/${m.slug}.gen.ts`,
  }));
  const headerText = header(model.sources.models);
  return [
    ...views.map((view) => ({ path: view.path, content: render("client-model", { header: headerText, ...view }) })),
    { path: `${outputDirs.clientGen}/model-inputs.gen.ts`, content: render("client-model-inputs", { header: headerText, models: views }) },
    { path: `${outputDirs.clientGen}/model-schemas.gen.ts`, content: render("client-model-schemas", { header: headerText, models: views }) },
    {
      path: `${outputDirs.clientGen}/error-codes.gen.ts`,
      content: render("client-error-codes", {
        header: header(model.sources.openapi),
        codes: model.errorCodes.map((e) => ({ codeLiteral: literal(e.code), status: e.status })),
      }),
    },
  ];
}
