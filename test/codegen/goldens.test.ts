import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { generateScenario, scenarios } from "./scenarios.js";

// One golden per generated file. Goldens keep their .ts extension and are typechecked
// (test/codegen/goldens/tsconfig.json). In CI (CI=true) vitest never writes a missing golden.
describe.each(scenarios)("goldens: %s", (scenario) => {
  test("every generated file matches its golden, and no golden is left over", async () => {
    const { files } = await generateScenario(scenario);
    const dir = path.join(import.meta.dirname, "goldens", scenario);
    for (const file of files) {
      await expect(file.content).toMatchFileSnapshot(path.join(dir, file.path));
    }
    const onDisk = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort();
    expect(onDisk).toEqual(files.map((f) => f.path).sort());
  });
});
