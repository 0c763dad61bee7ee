// Compiles the generator to plain JavaScript: codegen/dist/<source hash>/cli.js and its lazily loaded
// chunks (esbuild, one bundle split at every dynamic import), plus the templates. Runs at install
// (the root postinstall) and from run.mjs whenever the sources (or the lockfile) changed since.
// Dependencies are bundled in, minified (Redocly loads in a third of the time from one file than from
// its hundreds), except typescript and openapi-typescript, which are required as they are installed;
// @pixelbyte/pricing's runtime is bundled from its TypeScript sources.
//   node codegen/build.mjs
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { buildDirFor, codegenDir, distDir, sourceHash } from "./source-hash.mjs";

/** Builds (unless a build of the same sources exists) and returns where it is. `hash`: sourceHash(), when the caller has it already. */
export async function build(hash = sourceHash()) {
  const started = performance.now();
  const dir = buildDirFor(hash);
  if (existsSync(path.join(dir, "build-info.json"))) return { dir, hash, built: false, ms: 0 };
  const { build: esbuild, version } = await import("esbuild");
  // Built aside, then renamed into place: a concurrent run sees no build or a whole one.
  const temporary = `${dir}.tmp-${process.pid}-${Math.round(performance.now())}`;
  try {
    await esbuild({
      // The worker thread's script sits next to the chunk that starts it (src/tools/worker-tools.ts).
      entryPoints: { cli: path.join(codegenDir, "src/cli.ts"), "tools-worker": path.join(codegenDir, "src/tools/tools-worker.ts") },
      outdir: temporary,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      conditions: ["source"],
      logLevel: "warning",
      // Identifiers kept: a profile or a stack trace stays readable.
      minifyWhitespace: true,
      minifySyntax: true,
      // Bundled CommonJS dependencies require Node's built-ins: give the ES module chunks a require.
      banner: { js: 'import { createRequire as __pbCreateRequire } from "node:module"; const require = __pbCreateRequire(import.meta.url);' },
      // The generator's identity in caches: these exact sources (see src/generator-id.ts).
      define: { CODEGEN_BUILD_HASH: JSON.stringify(hash) },
      plugins: [
        {
          name: "external-dependencies",
          setup(b) {
            // typescript (9 MB) and openapi-typescript, which loads it, stay in node_modules: required only to print the API types.
            b.onResolve({ filter: /^(typescript|openapi-typescript)(\/|$)/ }, (args) => ({ path: args.path, external: true }));
          },
        },
      ],
    });
    cpSync(path.join(codegenDir, "src/emit/templates"), path.join(temporary, "templates"), { recursive: true });
    writeFileSync(path.join(temporary, "templates/precompiled.cjs"), await precompiledTemplates());
    writeFileSync(path.join(temporary, "build-info.json"), `${JSON.stringify({ sourceHash: hash, esbuild: version }, null, 2)}\n`);
    try {
      renameSync(temporary, dir);
    } catch (error) {
      // Another process finished the same build first: use theirs.
      if (!existsSync(path.join(dir, "build-info.json"))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  prune(dir);
  return { dir, hash, built: true, ms: Math.round(performance.now() - started) };
}

/**
 * Every template precompiled (Handlebars.precompile, the options render.ts compiles with), and each
 * template's cut parts (see src/emit/template-parts.mjs): a run from the build compiles no template.
 */
async function precompiledTemplates() {
  const Handlebars = createRequire(import.meta.url)("handlebars");
  const { COMPILE_OPTIONS, cutTemplate } = await import("./src/emit/template-parts.mjs");
  const dir = path.join(codegenDir, "src/emit/templates");
  const lines = [];
  const add = (key, source) => lines.push(`${JSON.stringify(key)}: ${Handlebars.precompile(source, COMPILE_OPTIONS)},`);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".hbs")).sort()) {
    const name = file.slice(0, -".hbs".length);
    const source = readFileSync(path.join(dir, file), "utf8");
    add(name, source);
    const { outer, bodies } = cutTemplate(name, source);
    if (bodies.length === 0) continue;
    add(`${name}#outer`, outer);
    bodies.forEach((body, i) => add(`${name}#${i}`, body));
    lines.push(`${JSON.stringify(`${name}#count`)}: ${bodies.length},`);
  }
  return `// Precompiled by codegen/build.mjs from src/emit/templates.\nmodule.exports = {\n${lines.join("\n")}\n};\n`;
}

/** Builds of older sources, and abandoned temporary folders, once they are an hour old (a run may still be using one). */
function prune(keep) {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(distDir)) {
    const entry = path.join(distDir, name);
    if (entry === keep) continue;
    try {
      if (statSync(entry).mtimeMs < hourAgo) rmSync(entry, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another run.
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The root postinstall. The build only makes `generate` start faster: when it cannot be made (esbuild
  // or its platform binary not installed), the install goes on, and run.mjs runs the sources with tsx.
  try {
    const result = await build();
    console.log(result.built ? `codegen: built ${path.relative(process.cwd(), result.dir)} in ${result.ms} ms` : `codegen: ${path.relative(process.cwd(), result.dir)} is up to date`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(`codegen: could not build codegen/dist (${reason}); \`pnpm generate\` will run the TypeScript sources with tsx instead (slower start)`);
  }
}
