import ts from "typescript";
import { expect, test } from "vitest";
import { generateScenario } from "./scenarios.js";

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
