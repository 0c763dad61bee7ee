import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkRevision, parseRevision } from "@pixelbyte/pricing-audit";
import { computePrice, type ModelPricing } from "@pixelbyte/pricing/runtime";
import ts from "typescript";
import { expect, test } from "vitest";
import { generateScenario, repoRoot } from "./scenarios.js";

// The hostile fixture's strings try to end a comment and declare `pwned` / `injected`, or open a
// template literal. Generated code must hold them only inside strings and comments.
test("hostile strings stay inside strings and comments in every generated file", async () => {
  const { files } = await generateScenario("hostile");
  const tsFiles = files.filter((f) => f.path.endsWith(".ts"));
  expect(tsFiles.length).toBeGreaterThan(5);
  for (const file of tsFiles) {
    const source = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.ES2022, true);
    // A file that does not parse cleanly was broken by a string.
    const parseErrors = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    expect(parseErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), file.path).toEqual([]);
    const identifiers = new Set<string>();
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node)) identifiers.add(node.text);
      if (ts.isTemplateExpression(node)) identifiers.add("<template literal>");
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const planted of ["pwned", "injected", "globalThis", "<template literal>"]) {
      expect(identifiers.has(planted), `${file.path} contains ${planted} as code`).toBe(false);
    }
  }
});

test("the hostile model's generated price still prices its hostile values", async () => {
  const { model } = await generateScenario("hostile");
  const factor = model.models[0]!.pricing.factors[0]!;
  expect(factor.kind === "table" && Object.keys(factor.rows)).toEqual(['a"b', "`${x}`", "*/", "ü", "back\\slash", "a|b"]);
});

// Issue 12: "a|b" is priced ×1.2500000000000000000000000000000000000001 (40 decimals). A double
// cannot hold it; the generated literal, the runtime and the audit's own rationals must all agree
// on the exact price, and on every other combination.
test("a 40-decimal multiplier is exact in the generated code, the pricing runtime and the audit", async () => {
  const { files, model } = await generateScenario("hostile");
  const file = files.find((f) => f.path.endsWith("pricing/src/gen/models/hostile/inject-test/text-to-video.gen.ts"))!;
  const literal = /export const pricing: ModelPricing = ([\s\S]*?);\n\n/.exec(file.content)![1]!;
  // The generated literal itself, evaluated: JSON plus bigint literals.
  const generated = new Function(`return (${literal});`)() as ModelPricing;
  expect(generated).toEqual(model.models[0]!.pricing);
  expect(generated.arithmetic).toBe("bigint");

  const quote = computePrice(generated, { style: "a|b" });
  expect(quote.exactMicroCents).toBe("1250.0000000000000000000000000000000000001");
  expect(quote.microCents).toBe(1250);
  expect(quote.rounded).toBe(true);
  expect(computePrice(generated, { style: "*/" })).toMatchObject({ microCents: 1500, exactMicroCents: "1500", rounded: false });

  const dir = path.join(repoRoot, "test/fixtures/specs/hostile");
  const revision = parseRevision({
    label: "hostile",
    origin: { kind: "text" },
    pricingText: await readFile(path.join(dir, "pricing.yaml"), "utf8"),
    modelsText: await readFile(path.join(dir, "models.yaml"), "utf8"),
  });
  const report = checkRevision(revision, { today: "2026-11-25", maxAgeDays: 36_500, estimate: (_slug, input) => computePrice(generated, input) });
  expect(report.problems).toEqual([]);
  expect(report.compared).toBe(6n);
});
