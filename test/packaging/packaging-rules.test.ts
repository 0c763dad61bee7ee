import { describe, expect, test } from "vitest";
import { checkDependencies } from "./dependencies.js";
import { entryPoints, exportProblems } from "./exports-map.js";

// The rules `pnpm check:packages` applies to a packed tarball, beyond publint and attw.
describe("exports map of a packed package", () => {
  const files = new Set(["package.json", "dist/index.js", "dist/index.d.ts", "dist/gen/models/a/b.gen.js", "dist/gen/models/a/b.gen.d.ts", "dist/gen/models/c/d/e.gen.js", "dist/gen/models/c/d/e.gen.d.ts"]);

  test("a published condition pointing outside the tarball, such as a workspace `source`, is a problem", () => {
    const exports = { ".": { source: "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" } };
    expect(exportProblems(exports, files)).toEqual([
      'exports["."].source -> ./src/index.ts: no such file in the package',
      'exports["."]: "types" must be the first condition (it is #2)',
    ]);
  });

  test("types first and every target packed is clean; a `*` pattern needs at least one match", () => {
    expect(exportProblems({ ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" }, files)).toEqual([]);
    expect(exportProblems({ "./models/*": { types: "./dist/gen/models/*.gen.d.ts", default: "./dist/gen/models/*.gen.js" } }, files)).toEqual([]);
    expect(exportProblems({ "./x/*": "./dist/x/*.js" }, files)).toEqual(['exports["./x/*"].default -> ./dist/x/*.js: no such file in the package']);
  });

  test("entry points expand `*` patterns to every matching file, slashes included", () => {
    const exports = { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./models/*": { types: "./dist/gen/models/*.gen.d.ts", default: "./dist/gen/models/*.gen.js" }, "./package.json": "./package.json" };
    expect(entryPoints(exports, files)).toEqual([".", "./models/a/b", "./models/c/d/e"]);
  });
});

describe("dependencies of a packed package", () => {
  const manifest = { name: "@pixelbyte/client", version: "0.1.0", dependencies: { "@pixelbyte/pricing": "^1.0.0", "openapi-fetch": "^0.17.0" }, devDependencies: { typescript: "5.9.3", tsx: "4" } };

  test("every bare import of the code and the types is a declared dependency", () => {
    const report = checkDependencies(manifest, [
      { path: "dist/index.js", text: 'import createClient from "openapi-fetch";\nexport { estimate } from "@pixelbyte/pricing";\nimport { x } from "./core/x.js";' },
      { path: "dist/index.d.ts", text: 'import type { PriceQuote } from "@pixelbyte/pricing/runtime";\nimport type { IncomingMessage } from "node:http";' },
    ]);
    expect(report).toEqual({ problems: [], nodeTypes: ["node:http"] });
  });

  test("a dependency pinned to one exact version is a problem: the packed tarballs once pinned each other at 0.1.0", () => {
    const pinned = checkDependencies({ ...manifest, dependencies: { "@pixelbyte/pricing": "0.1.0", "openapi-fetch": "=0.17.0", ajv: "^8.20.0", yaml: "~2.9.1", x: "1.0.0-rc.1" } }, []);
    expect(pinned.problems.map((p) => p.slice(0, p.indexOf(",")))).toEqual(['dependencies.@pixelbyte/pricing is "0.1.0"', 'dependencies.openapi-fetch is "=0.17.0"', 'dependencies.x is "1.0.0-rc.1"']);
    expect(pinned.problems[0]).toContain('depend on it by a range: "workspace:^" for a package of this repository, a ^ range in the pnpm catalog for any other');
  });

  test("a dev dependency or an undeclared package imported by published code is a problem, and so is a workspace range", () => {
    const report = checkDependencies({ ...manifest, dependencies: { ...manifest.dependencies, "@pixelbyte/pricing": "workspace:*" } }, [
      { path: "dist/a.js", text: 'const ts = await import("typescript");' },
      { path: "dist/b.d.ts", text: 'export type { Foo } from "left-pad";' },
    ]);
    expect(report.problems).toEqual([
      'dependencies.@pixelbyte/pricing is "workspace:*": not installable from the registry',
      'dist/a.js imports "typescript", a devDependency: consumers will not have it',
      'dist/b.d.ts imports "left-pad", which is not a dependency',
    ]);
  });
});
