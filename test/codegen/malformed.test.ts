import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate } from "../../codegen/src/pipeline.js";
import { SpecError, type Problem } from "../../codegen/src/validate/problem.js";

// Malformed specs (issues 3 and 4): each case is one small edit of the five-model fixture, and
// generate must reject it with a SpecError whose problem names the file, the line and column of
// the mistake, the field path, what is wrong and how to fix it. Expected lines are found from the
// edited text (the line holding a marker), never written as numbers.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtureDir = path.join(repoRoot, "test/fixtures/specs/first-models");

type SpecFile = "models" | "pricing";

interface Edit {
  file: SpecFile;
  /** `from` must occur exactly once in the base fixture (a RegExp: exactly one match). */
  replace: [from: string | RegExp, to: string];
}

interface Case extends Edit {
  name: string;
  /** A second edit, where one alone cannot make the mistake. */
  also?: Edit;
  /** The problem this case is about. */
  expect: {
    /** The file it is reported in; defaults to the edited file. */
    file?: SpecFile;
    /** Text that occurs exactly once in that file after the edits: the problem is on the line where it starts. */
    line: string;
    /** Text on that line where the problem's column is (its first occurrence on the line). */
    column?: string;
    path: string;
    check: string;
    message: string;
    fix: string;
  };
  /** How many problems generate reports in all (default 1): more only where each is a true, separate fact. */
  problems?: number;
}

const KLING = 'models["kling-plus/kling-o3-standard/text-to-video"]';
const SEEDANCE = 'models["bytedance-plus/seedance-1.5-pro-super/image-to-video"]';
const SORA = 'models["openai/sora-2-pro/text-to-video"]';
const PIXEL = 'models["pixelbyte-plus/pixel-image-1.0/text-to-image"]';
const SORA_SCHEMA = "components.schemas.OpenaiSora2ProTextToVideoInput";

const cases: Case[] = [
  // --- YAML that does not parse -------------------------------------------------------------
  {
    name: "YAML syntax error: a flow mapping that is never closed",
    file: "pricing",
    replace: ['table: {"false": "1", "true": "1.5"}', 'table: {"false": "1", "true": "1.5"'],
    expect: { line: '"true": "1.5"', column: "{", path: `${KLING}.factors[1].table`, check: "yaml", message: "the { opened here is never closed", fix: "closing }" },
  },
  {
    name: "YAML syntax error: a tab used for indentation",
    file: "pricing",
    replace: ["    unit: request\n", "\tunit: request\n"],
    expect: { line: "\tunit: request", column: "\t", path: "(syntax)", check: "yaml", message: "Tabs are not allowed", fix: "indent with spaces" },
  },
  {
    name: "YAML syntax error: an unquoted value containing ': '",
    file: "pricing",
    replace: ["        note: Flat per request, whatever the duration.", "        note: Flat per request: whatever the duration."],
    expect: { line: "Flat per request: whatever", column: "Flat", path: `models["minimax-plus/hailuo-2.3-pro/text-to-video"].examples[0].note`, check: "yaml", message: 'this unquoted value contains ": "', fix: "put the whole value in quotes" },
  },
  {
    name: "duplicated key",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 84000\n    base: 84000 # pasted twice\n"],
    expect: { line: "# pasted twice", column: "base", path: `${KLING}.base`, check: "yaml", message: 'key "base" appears twice in the same mapping', fix: 'keep one "base"' },
  },

  // --- pricing.yaml against pricing.schema.json ------------------------------------------------
  {
    name: "pricing key misspelt (unknown key)",
    file: "pricing",
    replace: ["        note: Flat per request, whatever the duration.", "        notes: Flat per request, whatever the duration."],
    expect: { line: "notes: Flat", column: "notes", path: 'models["minimax-plus/hailuo-2.3-pro/text-to-video"].examples[0].notes', check: "pricing-schema", message: 'unknown key "notes"', fix: 'did you mean "note"?' },
  },
  {
    name: "missing base",
    file: "pricing",
    replace: ["    base: 84000\n", ""],
    expect: { line: "  kling-plus/kling-o3-standard/text-to-video:", column: "kling-plus", path: KLING, check: "pricing-schema", message: 'missing required key "base"', fix: 'add "base" (base cost in integer micro-cents per unit)' },
  },
  {
    name: "base not an integer",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 84000.5\n"],
    expect: { line: "base: 84000.5", column: "84000.5", path: `${KLING}.base`, check: "pricing-schema", message: "base must be an integer, got 84000.5", fix: "write a whole number, unquoted, with no decimals" },
  },
  {
    name: "base quoted (a string)",
    file: "pricing",
    replace: ["    base: 84000\n", '    base: "84000"\n'],
    expect: { line: 'base: "84000"', column: '"84000"', path: `${KLING}.base`, check: "pricing-schema", message: 'base must be an integer, got "84000" (a string)', fix: "unquoted" },
  },
  {
    name: 'multiplier written "1.5x"',
    file: "pricing",
    replace: ['"true": "1.5"}', '"true": "1.5x"}'],
    expect: { line: '"true": "1.5x"', column: '"1.5x"', path: `${KLING}.factors[1].table["true"]`, check: "pricing-schema", message: 'multiplier "1.5x" is not an exact decimal', fix: 'quoted exact decimal such as "1.5" (no "x"' },
  },
  {
    name: "multiplier unquoted (a YAML float)",
    file: "pricing",
    replace: ['"true": "1.5"}', '"true": 1.5}'],
    expect: { line: '"true": 1.5}', column: "1.5}", path: `${KLING}.factors[1].table["true"]`, check: "pricing-schema", message: "multiplier 1.5 (a number) must be a quoted decimal string", fix: "YAML reads 1.5 as a float" },
  },
  {
    name: "unknown rounding rule",
    file: "pricing",
    replace: ["rounding: half-up", "rounding: half_up"],
    expect: { line: "rounding: half_up", column: "half_up", path: "rounding", check: "pricing-schema", message: 'rounding "half_up" is not one of the allowed values', fix: 'did you mean "half-up"? use one of "half-up", "half-even", "floor", "ceil"' },
  },
  {
    name: "slug not matching the pattern",
    file: "pricing",
    replace: ["  openai/sora-2-pro/text-to-video:", "  OpenAI/sora-2-pro/text-to-video:"],
    expect: { line: "  OpenAI/sora-2-pro/text-to-video:", column: "OpenAI", path: 'models["OpenAI/sora-2-pro/text-to-video"]', check: "pricing-schema", message: 'model slug "OpenAI/sora-2-pro/text-to-video" is not provider/model[/capability] in lower case', fix: "use the slug exactly as POST /v1/jobs/submit takes it" },
  },
  {
    name: "factor with both a table and a range",
    file: "pricing",
    replace: ["        range: {min: 4, max: 12}\n", '        range: {min: 4, max: 12}\n        table: {"4": "4"}\n'],
    expect: { line: "      - field: duration\n        range:", column: "field", path: `${SEEDANCE}.factors[2]`, check: "pricing-schema", message: 'the factor has both "table" and "range"; it must have exactly one', fix: "keep one of table or range" },
  },
  {
    name: "factor with neither a table nor a range",
    file: "pricing",
    replace: ["        range: {min: 4, max: 12}\n", ""],
    expect: { line: "      - field: duration\n    examples:", column: "field", path: `${SEEDANCE}.factors[2]`, check: "pricing-schema", message: 'the factor has neither "table" nor "range"', fix: "add a table:" },
  },
  {
    name: "empty table",
    file: "pricing",
    replace: ['{"1": "1", "2": "2", "3": "3", "4": "4"}', "{}"],
    expect: { line: "table: {}", column: "{}", path: `${PIXEL}.factors[0].table`, check: "pricing-schema", message: "table is empty", fix: 'add a row "<value>": "<multiplier>"' },
  },

  // --- models.yaml against the OpenAPI linter ----------------------------------------------------
  {
    name: "OpenAPI lint error in models.yaml (type: strng)",
    file: "models",
    replace: ["        thinking_mode:\n          type: boolean", "        thinking_mode:\n          type: strng"],
    expect: { line: "type: strng", column: "strng", path: "components.schemas.PixelbytePlusPixelImage10TextToImageInput.properties.thinking_mode.type", check: "openapi-lint/struct", message: "`type` can be one of the following only", fix: 'did you mean "string"?' },
  },
  {
    name: "enum value of the wrong type",
    file: "models",
    replace: ['enum: ["4", "8", "12"]', 'enum: ["4", 8, "12"]'],
    expect: { line: 'enum: ["4", 8, "12"]', column: "8", path: `${SORA_SCHEMA}.properties.duration.enum[1]`, check: "openapi-lint/no-enum-type-mismatch", message: 'expected "string" but received "integer"', fix: "quote a number on a string field" },
  },

  // --- input schemas (cross-check) ----------------------------------------------------------------
  {
    name: "x-slug not matching the pattern",
    file: "models",
    replace: ["x-slug: openai/sora-2-pro/text-to-video", "x-slug: OpenAI/sora-2-pro/text-to-video"],
    expect: { line: "x-slug: OpenAI/", column: "OpenAI", path: `${SORA_SCHEMA}["x-slug"]`, check: "cross-check", message: 'x-slug "OpenAI/sora-2-pro/text-to-video" of schema OpenaiSora2ProTextToVideoInput is not provider/model[/capability] in lower case', fix: "set x-slug to the model slug exactly as POST /v1/jobs/submit takes it" },
    // ...and so the price of openai/sora-2-pro/text-to-video has no input schema.
    problems: 2,
  },
  {
    name: "schema key not matching its slug",
    file: "models",
    replace: ["    OpenaiSora2ProTextToVideoInput:", "    OpenAISora2ProInput:"],
    expect: { line: "OpenAISora2ProInput:", column: "OpenAISora2ProInput", path: "components.schemas.OpenAISora2ProInput", check: "cross-check", message: 'schema key OpenAISora2ProInput does not match its slug "openai/sora-2-pro/text-to-video"', fix: "rename the key to OpenaiSora2ProTextToVideoInput" },
  },
  {
    name: "schema without additionalProperties: false",
    file: "models",
    replace: ["      additionalProperties: false\n      required: [prompt]\n      properties:\n        prompt:\n          type: string\n          maxLength: 1000", "      required: [prompt]\n      properties:\n        prompt:\n          type: string\n          maxLength: 1000"],
    expect: { line: "OpenaiSora2ProTextToVideoInput:", column: "OpenaiSora2ProTextToVideoInput", path: `${SORA_SCHEMA}.additionalProperties`, check: "cross-check", message: "schema OpenaiSora2ProTextToVideoInput is open to unknown fields", fix: "set additionalProperties: false" },
  },
  {
    name: "default not in the enum",
    file: "models",
    replace: ['enum: ["720p", "1080p"]\n          default: "720p"', 'enum: ["720p", "1080p"]\n          default: "480p"'],
    expect: { line: 'default: "480p"', column: '"480p"', path: `${SORA_SCHEMA}.properties.resolution.default`, check: "cross-check", message: 'default "480p" is not one of the enum values', fix: 'use one of "720p", "1080p"' },
  },
  {
    name: "default of the wrong type (unquoted 4 on a string field)",
    file: "models",
    replace: ['enum: ["4", "8", "12"]\n          default: "4"', 'enum: ["4", "8", "12"]\n          default: 4'],
    expect: { line: "default: 4\n", column: "4", path: `${SORA_SCHEMA}.properties.duration.default`, check: "cross-check", message: "default 4 is not a string", fix: "quote the default" },
  },
  {
    name: "required field that is not a property",
    file: "models",
    replace: ["      required: [prompt]\n      properties:\n        prompt:\n          type: string\n          maxLength: 1000", "      required: [promt]\n      properties:\n        prompt:\n          type: string\n          maxLength: 1000"],
    expect: { line: "required: [promt]", column: "promt", path: `${SORA_SCHEMA}.required[0]`, check: "cross-check", message: 'required field "promt" is not a property of OpenaiSora2ProTextToVideoInput', fix: 'did you mean "prompt"?' },
  },

  // --- prices against input schemas (cross-check) ------------------------------------------------
  {
    name: "priced slug with no input schema",
    file: "pricing",
    replace: ["  openai/sora-2-pro/text-to-video:", "  openai/sora-2-pro/text-to-videos:"],
    expect: { line: "  openai/sora-2-pro/text-to-videos:", column: "openai", path: 'models["openai/sora-2-pro/text-to-videos"]', check: "cross-check", message: 'priced model "openai/sora-2-pro/text-to-videos" has no input schema', fix: 'did you mean "openai/sora-2-pro/text-to-video"?' },
    // ...and, as a separate fact, the schema of openai/sora-2-pro/text-to-video now has no price.
    problems: 2,
  },
  {
    name: "input schema with no price",
    file: "pricing",
    replace: [/ {2}minimax-plus\/hailuo-2\.3-pro\/text-to-video:\n[\s\S]*?\n\n/, ""],
    expect: { file: "models", line: "MinimaxPlusHailuo23ProTextToVideoInput:", column: "Minimax", path: "components.schemas.MinimaxPlusHailuo23ProTextToVideoInput", check: "cross-check", message: 'model "minimax-plus/hailuo-2.3-pro/text-to-video" has an input schema but no price', fix: 'add "minimax-plus/hailuo-2.3-pro/text-to-video" under models:' },
  },
  {
    name: "factor reading a non-existent field",
    file: "pricing",
    replace: ["      - field: has_sound", "      - field: has_sond"],
    expect: { line: "field: has_sond", column: "has_sond", path: `${KLING}.factors[1].field`, check: "cross-check", message: 'factor reads "has_sond", which is not an input field of kling-plus/kling-o3-standard/text-to-video', fix: 'did you mean "has_sound"?' },
  },
  {
    name: "issue 4: a priced value that is not an enum value",
    file: "pricing",
    replace: ['{"720p": "1", "1080p": "1.67"}', '{"720p": "1", "1080p": "1.67", "4k": "3"}'],
    expect: { line: '"4k": "3"', column: '"4k"', path: `${SORA}.factors[1].table["4k"]`, check: "cross-check", message: 'priced value "4k" is not a valid value of "resolution" (720p, 1080p)', fix: "add it to the field's enum or remove the row" },
  },
  {
    name: "issue 4: an enum value without a multiplier",
    file: "models",
    replace: ['enum: ["720p", "1080p"]', 'enum: ["720p", "1080p", "4k"]'],
    expect: { file: "pricing", line: '{"720p": "1", "1080p": "1.67"}', column: "{", path: `${SORA}.factors[1].table`, check: "cross-check", message: 'value "4k" of "resolution" has no multiplier', fix: 'add "4k": "<multiplier>" to the table' },
  },
  {
    name: "boolean field priced with keys other than true/false",
    file: "pricing",
    replace: ['{"false": "1", "true": "2"}', '{"no": "1", "yes": "2"}'],
    expect: { line: '{"no": "1", "yes": "2"}', column: '"yes"', path: `${SEEDANCE}.factors[1].table["yes"]`, check: "cross-check", message: '"yes" is not a boolean value of "generate_audio"', fix: 'use the keys "false" and "true"' },
    // "no" is wrong the same way, and "false" and "true" each have no multiplier.
    problems: 4,
  },
  {
    name: "range factor not matching the field's enum",
    file: "pricing",
    replace: ["range: {min: 4, max: 12}", "range: {min: 4, max: 15}"],
    expect: { line: "range: {min: 4, max: 15}", column: "{", path: `${SEEDANCE}.factors[2].range`, check: "cross-check", message: 'range 4..15 does not match the values of "duration" (4, 5, 6, 7, 8, 9, 10, 11, 12)', fix: 'make the field\'s enum exactly "4".."15" or change the range' },
  },
  {
    name: "priced array field",
    file: "pricing",
    replace: ['        table: {"false": "1", "true": "1.5"}\n', '        table: {"false": "1", "true": "1.5"}\n      - field: multishot\n        table: {"1": "1"}\n'],
    expect: { line: "field: multishot", column: "multishot", path: `${KLING}.factors[2].field`, check: "cross-check", message: '"multishot" is an array field; only string, boolean, integer and number fields can be priced', fix: "remove this factor" },
  },
  {
    name: "example input with an unknown field",
    file: "pricing",
    replace: ['{duration: "8", resolution: "1080p"}', '{duration: "8", resolutoin: "1080p"}'],
    expect: { line: "resolutoin", column: "resolutoin", path: `${SORA}.examples[1].input.resolutoin`, check: "cross-check", message: 'example input "resolutoin" is not an input field of openai/sora-2-pro/text-to-video', fix: 'did you mean "resolution"?' },
  },

  // --- worked examples --------------------------------------------------------------------------
  {
    name: "issue 4: worked example off by one micro-cent",
    file: "pricing",
    replace: ["micro_cents: 4008000", "micro_cents: 4008001"],
    expect: { line: "micro_cents: 4008001", column: "4008001", path: `${SORA}.examples[1].micro_cents`, check: "example", message: "worked example is 4008001 micro-cents but the spec prices it at 4008000", fix: "otherwise set micro_cents: 4008000" },
  },
  {
    name: "worked example rounded the wrong way (half a micro-cent rounded down)",
    file: "pricing",
    replace: ["micro_cents: 140003", "micro_cents: 140002"],
    expect: { line: "micro_cents: 140002", column: "140002", path: `${SEEDANCE}.examples[1].micro_cents`, check: "example", message: "worked example is 140002 micro-cents but the spec prices it at 140003 (exact 140002.5, half-up)", fix: "set micro_cents: 140003" },
  },
  {
    name: "example with a half micro-cent result and no exact",
    file: "pricing",
    replace: ['        exact: "140002.5"\n', ""],
    expect: { line: "micro_cents: 140003", column: "140003", path: `${SEEDANCE}.examples[1].micro_cents`, check: "example", message: "the exact price is 140002.5, rounded to 140003", fix: 'add exact: "140002.5"' },
  },
  {
    name: "example with a wrong exact",
    file: "pricing",
    replace: ['exact: "140002.5"', 'exact: "140002.4"'],
    expect: { line: 'exact: "140002.4"', column: '"140002.4"', path: `${SEEDANCE}.examples[1].exact`, check: "example", message: 'exact is "140002.4" but the spec computes 140002.5', fix: 'set exact: "140002.5"' },
  },
  {
    name: "example missing a priced field that has no default",
    file: "pricing",
    replace: ['      - input: {num_images: "4"}', "      - input: {} # num_images left out"],
    also: { file: "models", replace: ['enum: ["1", "2", "3", "4"]\n          default: "1"\n', 'enum: ["1", "2", "3", "4"]\n'] },
    expect: { line: "# num_images left out", column: "{}", path: `${PIXEL}.examples[1].input`, check: "example", message: '"num_images" is priced and has no default', fix: 'add "num_images" to the example\'s input' },
  },
  {
    name: "example value unquoted where the field is a string",
    file: "pricing",
    replace: ['{duration: "10", has_sound: "true"}', '{duration: "10", has_sound: true}'],
    expect: { line: "has_sound: true}", column: "true}", path: `${KLING}.examples[1].input.has_sound`, check: "example", message: '"has_sound" must be one of "false", "true" (got true (a boolean))', fix: 'quote it ("true"): "has_sound" is a string field' },
  },
];

let scratch: string;
let base: Record<SpecFile, string>;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-malformed-"));
  base = {
    models: await readFile(path.join(fixtureDir, "models.yaml"), "utf8"),
    pricing: await readFile(path.join(fixtureDir, "pricing.yaml"), "utf8"),
  };
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
});

function applyEdit(text: string, [from, to]: Edit["replace"], label: string): string {
  const matches = typeof from === "string" ? text.split(from).length - 1 : [...text.matchAll(new RegExp(from.source, `${from.flags.replace("g", "")}g`))].length;
  if (matches !== 1) throw new Error(`${label}: the text to replace occurs ${matches} times in the base fixture, not once`);
  return text.replace(from, () => to);
}

/** 1-based line and column of `lineMarker` (which may span lines: its first line counts) and of `columnMarker` on that line. */
function position(text: string, lineMarker: string, columnMarker: string | undefined): { line: number; column?: number } {
  const at = text.indexOf(lineMarker);
  if (at < 0 || text.indexOf(lineMarker, at + 1) >= 0) throw new Error(`marker ${JSON.stringify(lineMarker)} must occur exactly once in the edited file`);
  const line = text.slice(0, at).split("\n").length;
  if (columnMarker === undefined) return { line };
  const lineText = text.split("\n")[line - 1]!;
  const column = lineText.indexOf(columnMarker);
  if (column < 0) throw new Error(`column marker ${JSON.stringify(columnMarker)} is not on line ${line}: ${lineText}`);
  return { line, column: column + 1 };
}

/** Writes the fixture, with the case's edits, as models.yaml and pricing.yaml in `dir`; returns both texts. */
async function writeCase(c: Case | undefined, dir: string): Promise<Record<SpecFile, string>> {
  const texts = { ...base };
  for (const edit of c ? [c, ...(c.also ? [c.also] : [])] : []) texts[edit.file] = applyEdit(texts[edit.file], edit.replace, c!.name);
  await mkdir(dir, { recursive: true });
  await Promise.all((["models", "pricing"] as const).map((f) => writeFile(path.join(dir, `${f}.yaml`), texts[f])));
  return texts;
}

/** The problems generate rejects the spec with; anything else (success, another error) fails the test. */
async function problemsOf(files: { models: string; pricing: string; pricingSchema?: string }): Promise<readonly Problem[]> {
  try {
    await generate({ root: repoRoot, files: { openapi: "spec/openapi.yaml", pricingSchema: "spec/pricing.schema.json", ...files } });
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw new Error("generate crashed instead of throwing SpecError", { cause: error });
  }
  throw new Error("generate accepted the malformed spec");
}

/** Files outside the repository are named by absolute path, with "/" separators. */
const shown = (file: string) => file.split(path.sep).join("/");

describe.concurrent("the CLI prints each problem and exits 1", () => {
  const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
  const cli = path.join(repoRoot, "codegen/src/cli.ts");
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(tsx, ["--conditions=source", cli, ...args], { cwd: repoRoot, env: { ...process.env, INIT_CWD: repoRoot } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
      });
    });

  // First in the file, so the child processes start before the in-process cases take the CPU.
  test("generate --check --spec-dir <broken spec>: file:line:column path: message, then fix:, no stack trace", { timeout: 60_000 }, async () => {
    // The whole spec/ (openapi.yaml $refs spec/api/), with the fixture's models and a mistyped multiplier.
    const dir = path.join(scratch, "cli-spec");
    await cp(path.join(repoRoot, "spec"), dir, { recursive: true });
    const edit = cases.find((c) => c.name === 'multiplier written "1.5x"')!;
    const texts = await writeCase(edit, dir);
    const { line, column } = position(texts.pricing, edit.expect.line, edit.expect.column);

    // --check never writes, so even a spec that unexpectedly passed could not touch the generated files.
    const { code, stdout, stderr } = await run(["generate", "--check", "--spec-dir", dir]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const lines = stderr.split("\n");
    expect(lines).toContain(`${shown(path.join(dir, "pricing.yaml"))}:${line}:${column} ${edit.expect.path}: multiplier "1.5x" is not an exact decimal`);
    expect(lines.some((l) => /^ {2}fix: write the multiplier as a quoted exact decimal such as "1\.5"/.test(l))).toBe(true);
    expect(stderr).toContain("1 problem in the spec; nothing was generated.");
    expect(stderr).not.toContain("    at ");
  });
});

describe.concurrent("generate rejects a malformed spec with a located problem and a fix", () => {
  test("the base fixture itself generates cleanly (every failure below comes from its edit)", async () => {
    const dir = path.join(scratch, "base");
    await writeCase(undefined, dir);
    const { model } = await generate({
      root: repoRoot,
      files: { openapi: "spec/openapi.yaml", models: path.join(dir, "models.yaml"), pricing: path.join(dir, "pricing.yaml"), pricingSchema: "spec/pricing.schema.json" },
    });
    expect(model.models).toHaveLength(5);
  });

  test("the cases are distinct", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => `${c.expect.check} ${c.expect.message}`)).size).toBe(cases.length);
  });

  for (const [i, c] of cases.entries()) {
    test(c.name, async ({ expect }) => {
      const dir = path.join(scratch, `case-${i}`);
      const texts = await writeCase(c, dir);
      const problems = await problemsOf({ models: path.join(dir, "models.yaml"), pricing: path.join(dir, "pricing.yaml") });

      const reportedIn = c.expect.file ?? c.file;
      const { line, column } = position(texts[reportedIn], c.expect.line, c.expect.column);
      const problem = problems.find((p) => p.line === line && p.check === c.expect.check && p.path === c.expect.path);
      expect(problem, `no ${c.expect.check} problem at line ${line} ${c.expect.path}; got:\n${problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("\n")}`).toBeDefined();
      expect(problem).toMatchObject({
        file: shown(path.join(dir, `${reportedIn}.yaml`)),
        line,
        ...(column !== undefined ? { column } : {}),
        path: c.expect.path,
        check: c.expect.check,
      });
      expect(problem!.message).toContain(c.expect.message);
      expect(problem!.fix).toContain(c.expect.fix);
      expect(problems).toHaveLength(c.problems ?? 1);
      for (const p of problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
        expect(p.message.length).toBeGreaterThan(0);
        expect(p.fix.length).toBeGreaterThan(0);
      }
    });
  }

  test("a missing pricing schema file is a located problem, not a crash", async () => {
    const missing = path.join(scratch, "nowhere", "pricing.schema.json");
    const problems = await problemsOf({ models: path.join(fixtureDir, "models.yaml"), pricing: path.join(fixtureDir, "pricing.yaml"), pricingSchema: missing });
    expect(problems).toEqual([{ file: shown(missing), line: 1, column: 1, path: "(file)", message: "the file does not exist", fix: `create ${shown(missing)} or pass the right path`, check: "json" }]);
  });
});
