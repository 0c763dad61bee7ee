// The compiler's error for a wrong input must name the one model's schema, and a consumer calling
// 50 different models must typecheck quickly. Both are checked by running the TypeScript compiler.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { afterAll, expect, test } from "vitest";
import { generate } from "../../codegen/src/pipeline.js";
import type { ModelEntry } from "../../codegen/src/model/types.js";

const root = path.resolve(import.meta.dirname, "../..");
// Inside the repository so that module resolution sees the workspace.
const dir = await mkdtemp(path.join(root, "test/types/.tmp-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

function diagnosticsOf(file: string): string[] {
  const program = ts.createProgram([file], options);
  // The related information is where TypeScript says which declaration the expected type comes from.
  return ts.getPreEmitDiagnostics(program).map((d) =>
    [d, ...(d.relatedInformation ?? [])].map((r) => ts.flattenDiagnosticMessageText(r.messageText, "\n")).join("\n"),
  );
}

const preamble = `import type { ModelInputs, ModelSlug } from "../../../packages/client/src/gen/model-inputs.gen.js";
declare function submit<S extends ModelSlug>(model: S, input: ModelInputs[S]): void;
`;

/** A valid input: every required field, with a value of its type. */
function validInput(m: ModelEntry): string {
  const fields = m.fields.filter((f) => f.required).map((f) => {
    const value = f.enum ? JSON.stringify(f.enum[0]) : f.type === "boolean" ? "true" : f.type === "integer" || f.type === "number" ? "1" : f.type.endsWith("[]") ? "[]" : '"x"';
    return `${JSON.stringify(f.name)}: ${value}`;
  });
  return `{ ${fields.join(", ")} }`;
}

test("a wrong value names the model's own input type, not a union of every model", async () => {
  const file = path.join(dir, "wrong.ts");
  await writeFile(file, `${preamble}submit("kling-plus/kling-o3-standard/text-to-video", { prompt: "x", has_sound: true });
submit("openai/sora-2-pro/text-to-video", { prompt: "x", durations: "4" });
`);
  const messages = diagnosticsOf(file);
  expect(messages).toHaveLength(2);
  expect(messages[0]).toContain("KlingPlusKlingO3StandardTextToVideoInput");
  expect(messages[0]).toMatch(/'"true" \| "false" \| undefined'/);
  expect(messages[1]).toContain("OpenaiSora2ProTextToVideoInput");
  expect(messages[1]).toMatch(/Did you mean to write 'duration'\?/);
  for (const m of messages) expect(m).not.toContain("AlibabaPlus");
});

test("a consumer calling 50 different models typechecks cleanly and quickly", async () => {
  const { model } = await generate({ root });
  const fifty = model.models.slice(0, 50);
  expect(fifty).toHaveLength(50);
  const file = path.join(dir, "fifty.ts");
  await writeFile(file, preamble + fifty.map((m) => `submit(${JSON.stringify(m.slug)}, ${validInput(m)});`).join("\n") + "\n");
  const started = performance.now();
  expect(diagnosticsOf(file)).toEqual([]);
  // Not a speed assertion (that lives in the benchmarks); reported for the closing note.
  console.log(`50-model consumer typechecked in ${Math.round(performance.now() - started)} ms`);
});
