import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { registryRuntimes } from "./runtimes.js";

// The README's runtime table names the exact versions `pnpm test:runtimes` downloads; a bump in
// runtimes.ts without the README (or the other way round) fails here, not in a reader's hands.
const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../README.md"), "utf8");
const section = readme.slice(readme.indexOf("### Runtimes"), readme.indexOf("## Auditing prices"));

test("the README's Runtimes section names every pinned runtime version", () => {
  expect(section.length).toBeGreaterThan(0);
  for (const rt of registryRuntimes()) expect(section, `${rt.label} ${rt.version}`).toContain(rt.version);
});
