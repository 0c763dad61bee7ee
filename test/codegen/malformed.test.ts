import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate } from "../../codegen/src/pipeline.js";
import { SpecError, type Problem } from "../../codegen/src/validate/problem.js";

// Malformed specs (issues 3, 4 and 12): each case is one small edit of the five-model fixture (or of
// the real API document, for the OpenAPI cases), and generate must reject it with a SpecError whose
// problem names the file, the line and column of the mistake, the field path, what is wrong and how
// to fix it: never a crash, never a silent acceptance. Expected lines are found from the edited text
// (the line holding a marker), never written as numbers.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtureDir = path.join(repoRoot, "test/fixtures/specs/first-models");

/** The fixture's two files, and the real API document with one of the files it $refs. */
type SpecFile = "models" | "pricing" | "openapi" | "errors";
const FILE_PATHS: Record<SpecFile, string> = { models: "models.yaml", pricing: "pricing.yaml", openapi: "openapi.yaml", errors: "api/components/errors.yaml" };

interface Edit {
  file: SpecFile;
  /** `from` must occur exactly once in the base fixture (a RegExp: exactly one match). */
  replace: [from: string | RegExp, to: string];
}

interface Case extends Edit {
  name: string;
  /** A second edit, where one alone cannot make the mistake. */
  also?: Edit;
  /** Raw bytes (not UTF-8 text) written into the edited file just before the first occurrence of `before`. */
  bytes?: { before: string; insert: number[] };
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
const HAILUO = 'models["minimax-plus/hailuo-2.3-pro/text-to-video"]';
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

  // --- issue 12: files that cannot be read as what they should be (the loader) ----------------------
  {
    name: "issue 12: an empty models.yaml (only a comment left)",
    file: "models",
    replace: [/^[\s\S]+$/, "# emptied by mistake\n"],
    expect: { line: "# emptied by mistake", column: "#", path: "(document)", check: "yaml", message: "the file holds nothing (the file is empty or only comments), not a mapping of keys", fix: "as a YAML mapping" },
  },
  {
    name: "issue 12: invalid UTF-8 in pricing.yaml (a Latin-1 é)",
    file: "pricing",
    replace: ["Flat per request, whatever the duration.", "Flat per request, whatever the duration (cafe-latin1)."],
    bytes: { before: "-latin1)", insert: [0xe9] },
    expect: { line: "(cafe-latin1)", column: "-latin1", path: `${HAILUO}.examples[0].note`, check: "yaml", message: "the file is not valid UTF-8 (bytes E9 2D 6C 61 at this position)", fix: "save the file as UTF-8" },
  },
  {
    name: "issue 12: invalid UTF-8 in a file the API document $refs",
    file: "errors",
    replace: ["    Machine-readable error code.", "    Machine-readable error code (ok)."],
    bytes: { before: "(ok)", insert: [0xff, 0xfe] },
    expect: { line: "Machine-readable error code (ok)", column: "(ok)", path: "ErrorCode.description", check: "yaml", message: "the file is not valid UTF-8 (bytes FF FE 28 6F at this position)", fix: "save the file as UTF-8" },
  },
  {
    name: "a NUL byte (binary content) in pricing.yaml",
    file: "pricing",
    replace: ["    unit: request\n", "    unit: request # here\n"],
    bytes: { before: "# here", insert: [0x00, 0x89, 0x50, 0x4e, 0x47] },
    expect: { line: "unit: request # here", column: "# here", path: `${HAILUO}.unit`, check: "yaml", message: "the file holds a NUL byte: it is a binary file, not text", fix: "must be a UTF-8 text file" },
  },
  {
    name: "a control character (BEL) in a description",
    file: "models",
    replace: ["description: URL of the input image.", "description: URL of the input image (bell)."],
    bytes: { before: "(bell)", insert: [0x07] },
    expect: { line: "URL of the input image (bell)", column: "(bell)", path: "components.schemas.BytedancePlusSeedance15ProSuperImageToVideoInput.properties.image_url.description", check: "yaml", message: "character U+0007 is a control character", fix: "delete it" },
  },
  {
    name: "issue 12: a YAML alias bomb (billion laughs)",
    file: "pricing",
    replace: ["currency: micro-cents\n", ["x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]", ..."bcdefg"].map((c, i) => (i === 0 ? c : `x-${c}: &${c} [${Array(10).fill(`*${"abcdefg"[i - 1]}`).join(", ")}]`)).join("\n") + "\ncurrency: micro-cents\n"],
    expect: { line: "x-b: &b", column: "*a", path: '["x-b"][0]', check: "yaml", message: 'the aliases of this file expand to too much data: anchored content may be repeated at most 100 times, and aliases inside anchors multiply (a "billion laughs" document)', fix: "write the values out instead of nesting aliases" },
  },
  {
    name: "an alias whose anchor does not exist",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: *kling_base\n"],
    expect: { line: "base: *kling_base", column: "*kling_base", path: `${KLING}.base`, check: "yaml", message: "alias *kling_base has no anchor &kling_base before it", fix: "define &kling_base on the value it repeats" },
  },
  {
    name: "an alias inside the value it repeats (a cycle)",
    file: "pricing",
    replace: ['table: {"false": "1", "true": "1.5"}', 'table: &sound {"false": "1", "true": *sound}'],
    expect: { line: "*sound}", column: "*sound}", path: `${KLING}.factors[1].table["true"]`, check: "yaml", message: "alias *sound is inside the value anchored as &sound, so it would repeat itself forever", fix: "write the value out instead of the alias" },
  },
  {
    name: "issue 12: OpenAPI 2.0 (Swagger) instead of 3.1",
    file: "openapi",
    replace: ["openapi: 3.1.0\n", 'swagger: "2.0"\n'],
    expect: { line: 'swagger: "2.0"', column: "swagger", path: "swagger", check: "openapi-version", message: "this is a Swagger / OpenAPI 2.0 document; the spec is OpenAPI 3.1", fix: "openapi: 3.1.0" },
  },
  {
    name: "models.yaml declared as OpenAPI 3.0",
    file: "models",
    replace: ["openapi: 3.1.0", "openapi: 3.0.3"],
    expect: { line: "openapi: 3.0.3", column: "3.0.3", path: "openapi", check: "openapi-version", message: 'OpenAPI "3.0.3" is not supported; the spec is OpenAPI 3.1', fix: "write openapi: 3.1.0" },
  },
  {
    name: "issue 12: a circular $ref (two schemas that only point at each other)",
    file: "errors",
    replace: [/\n$/, "\nLoopA:\n  $ref: '#/LoopB' # the loop\nLoopB:\n  $ref: '#/LoopA'\n"],
    also: { file: "openapi", replace: ["    ErrorCode:\n", "    LoopA:\n      $ref: ./api/components/errors.yaml#/LoopA\n    ErrorCode:\n"] },
    expect: { line: "# the loop", column: "'#/LoopB'", path: "LoopA.$ref", check: "ref", message: '$ref "#/LoopB" leads back to itself (#/LoopA -> #/LoopB -> #/LoopA) without reaching a schema', fix: "point one $ref of the loop at the schema itself" },
  },
  {
    name: "a $ref to itself",
    file: "openapi",
    replace: ["      $ref: ./api/components/errors.yaml#/ErrorCode", "      $ref: '#/components/schemas/ErrorCode'"],
    expect: { line: "$ref: '#/components/schemas/ErrorCode'", column: "'#", path: "components.schemas.ErrorCode.$ref", check: "ref", message: '$ref "#/components/schemas/ErrorCode" leads back to itself (#/components/schemas/ErrorCode -> #/components/schemas/ErrorCode)', fix: "point one $ref of the loop at the schema itself" },
  },
  {
    name: "a $ref to a URL (generate reads only local files)",
    file: "openapi",
    replace: ["      $ref: ./api/components/errors.yaml#/ErrorCode", "      $ref: https://example.com/errors.yaml#/ErrorCode"],
    expect: { line: "$ref: https://example.com", column: "https", path: "components.schemas.ErrorCode.$ref", check: "ref", message: '$ref "https://example.com/errors.yaml#/ErrorCode" points at a URL; generate reads only local files', fix: "relative path" },
  },

  // --- issue 12: numbers the data would not carry exactly ---------------------------------------------
  {
    name: "issue 12: a base of 2^53 + 1 (read as 2^53)",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 9007199254740993\n"],
    expect: { line: "base: 9007199254740993", column: "9007199254740993", path: `${KLING}.base`, check: "yaml", message: "9007199254740993 is above 9007199254740991 (2^53 - 1), the largest integer a JavaScript number holds exactly; it would be read as 9007199254740992", fix: "use a number of at most 9007199254740991" },
  },
  {
    name: "issue 12: a price beyond 2^53 micro-cents (base × the largest multipliers)",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 900719925474099\n"],
    expect: { line: "base: 900719925474099", column: "900719925474099", path: `${KLING}.base`, check: "price-limit", message: "the dearest combination costs 20266198323167227.5 micro-cents (900719925474099 × 15 × 1.5), above 9007199254740991 (2^53 - 1, about $9 billion), the largest price a quote holds exactly", fix: "check the base (integer micro-cents per unit" },
  },
  {
    name: "issue 12: .inf as a base",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: .inf\n"],
    expect: { line: "base: .inf", column: ".inf", path: `${KLING}.base`, check: "yaml", message: ".inf is not a finite number: JSON, and so OpenAPI and the generated code, cannot hold it", fix: "write a finite number in plain digits" },
  },
  {
    name: ".nan in a worked example's input",
    file: "pricing",
    replace: ['{num_images: "4"}', "{num_images: .nan}"],
    expect: { line: "{num_images: .nan}", column: ".nan", path: `${PIXEL}.examples[1].input.num_images`, check: "yaml", message: ".nan is not a finite number", fix: "write a finite number in plain digits" },
  },
  {
    name: "-.inf as a maxLength",
    file: "models",
    replace: ["maxLength: 1000", "maxLength: -.inf"],
    expect: { line: "maxLength: -.inf", column: "-.inf", path: `${SORA_SCHEMA}.properties.prompt.maxLength`, check: "yaml", message: "-.inf is not a finite number", fix: "write a finite number in plain digits" },
  },
  {
    name: "a base written in hex (0x14820)",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 0x14820\n"],
    expect: { line: "base: 0x14820", column: "0x14820", path: `${KLING}.base`, check: "yaml", message: "0x14820 is written in a notation that YAML versions and JSON read differently", fix: "write it in plain decimal digits: 84000" },
  },
  {
    name: "a base written with an exponent (8.4e4)",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 8.4e4\n"],
    expect: { line: "base: 8.4e4", column: "8.4e4", path: `${KLING}.base`, check: "yaml", message: "8.4e4 is written in a notation that YAML versions and JSON read differently", fix: "write it in plain decimal digits: 84000" },
  },
  {
    name: "a base with a leading zero (YAML 1.1 would read octal)",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: 084000\n"],
    expect: { line: "base: 084000", column: "084000", path: `${KLING}.base`, check: "yaml", message: "084000 is written in a notation that YAML versions and JSON read differently", fix: "write it in plain decimal digits: 84000" },
  },
  {
    name: "a number with more digits than a double holds",
    file: "models",
    replace: ["maxLength: 1000", "maxLength: 1000.0000000000000000001"],
    expect: { line: "maxLength: 1000.0000000000000000001", column: "1000", path: `${SORA_SCHEMA}.properties.prompt.maxLength`, check: "yaml", message: "1000.0000000000000000001 has more digits than a JavaScript number holds: it would be read as 1000", fix: "at most 15 significant digits" },
  },
  {
    name: "a huge unquoted number as a table key",
    file: "pricing",
    replace: ['{"720p": "1", "1080p": "1.67"}', '{"720p": "1", "1080p": "1.67", 123456789012345678901234567890: "1"}'],
    expect: { line: "123456789012345678901234567890:", column: "123456789012345678901234567890", path: `${SORA}.factors[1].table["1.2345678901234568e+29"]`, check: "yaml", message: "123456789012345678901234567890 is above 9007199254740991 (2^53 - 1)", fix: "use a number of at most" },
  },
  {
    name: "a negative base",
    file: "pricing",
    replace: ["    base: 84000\n", "    base: -84000\n"],
    expect: { line: "base: -84000", column: "-84000", path: `${KLING}.base`, check: "pricing-schema", message: "base must be >= 0, got -84000 (an integer)", fix: "use a value >= 0" },
  },
  {
    name: "a range of a billion values",
    file: "pricing",
    replace: ["range: {min: 4, max: 12}", "range: {min: 4, max: 1000000000}"],
    expect: { line: "range: {min: 4, max: 1000000000}", column: "{", path: `${SEEDANCE}.factors[2].range`, check: "cross-check", message: "range 4..1000000000 has 999999997 values; a priced field may have at most 1000", fix: "narrow the range" },
  },
  {
    name: 'multiplier written "1e3"',
    file: "pricing",
    replace: ['"true": "1.5"}', '"true": "1e3"}'],
    expect: { line: '"true": "1e3"', column: '"1e3"', path: `${KLING}.factors[1].table["true"]`, check: "pricing-schema", message: 'multiplier "1e3" is not an exact decimal', fix: "quoted exact decimal" },
  },
  {
    name: "issue 12: a multiplier with 40 decimals is priced exactly (the example must say so)",
    file: "pricing",
    replace: ['"true": "1.5"}', '"true": "1.5000000000000000000000000000000000000001"}'],
    expect: { line: "micro_cents: 1260000", column: "1260000", path: `${KLING}.examples[1].micro_cents`, check: "example", message: "the exact price is 1260000.000000000000000000000000000000000084, rounded to 1260000", fix: 'add exact: "1260000.000000000000000000000000000000000084"' },
  },

  // --- issue 12: accepted silently before ------------------------------------------------------------
  {
    name: "issue 12: a duplicated enum value",
    file: "models",
    replace: ['enum: ["720p", "1080p"]', 'enum: ["720p", "1080p", "720p"]'],
    expect: { line: 'enum: ["720p", "1080p", "720p"]', column: '"720p"]', path: `${SORA_SCHEMA}.properties.resolution.enum[2]`, check: "unique-values", message: '"720p" is listed twice in this enum (also at [0])', fix: "delete one of the two" },
  },
  {
    name: "a duplicated error code in a file the API document $refs",
    file: "errors",
    replace: ["    - JOB_NOT_FOUND\n", "    - JOB_NOT_FOUND\n    - JOB_NOT_FOUND # pasted twice\n"],
    expect: { line: "# pasted twice", column: "JOB_NOT_FOUND", path: "ErrorCode.enum[8]", check: "unique-values", message: '"JOB_NOT_FOUND" is listed twice in this enum (also at [7])', fix: "delete one of the two" },
  },
  {
    name: "a field listed twice in required",
    file: "models",
    replace: ["      required: [prompt]\n      properties:\n        prompt:\n          type: string\n          maxLength: 1000", "      required: [prompt, prompt]\n      properties:\n        prompt:\n          type: string\n          maxLength: 1000"],
    expect: { line: "required: [prompt, prompt]", column: "prompt]", path: `${SORA_SCHEMA}.required[1]`, check: "unique-values", message: '"prompt" is listed twice in this required list (also at [0])', fix: "delete one of the two" },
  },
  {
    name: "issue 12: a checked: date that does not exist (2026-02-30)",
    file: "pricing",
    replace: ["    checked: 2026-11-25\n    base: 84000\n", "    checked: 2026-02-30\n    base: 84000\n"],
    expect: { line: "checked: 2026-02-30", column: "2026", path: `${KLING}.checked`, check: "pricing-schema", message: 'checked "2026-02-30" is not a day of the calendar', fix: "write a date that exists, as YYYY-MM-DD" },
  },
  {
    name: "a checked: date of February 29 in a year that is not a leap year",
    file: "pricing",
    replace: ["    checked: 2026-11-25\n    base: 84000\n", "    checked: 2026-02-29\n    base: 84000\n"],
    expect: { line: "checked: 2026-02-29", column: "2026", path: `${KLING}.checked`, check: "pricing-schema", message: 'checked "2026-02-29" is not a day of the calendar', fix: "write a date that exists" },
  },
  {
    name: "issue 12: a $ref inside a model input schema",
    file: "models",
    replace: ["          maxLength: 1000\n", "          maxLength: 1000\n        tags:\n          type: array\n          items:\n            $ref: '#/components/schemas/KlingPlusKlingO3StandardTextToVideoInput/properties/prompt'\n"],
    expect: { line: "$ref: '#/components/schemas/Kling", column: "$ref", path: `${SORA_SCHEMA}.properties.tags.items.$ref`, check: "input-schema", message: '$ref "#/components/schemas/KlingPlusKlingO3StandardTextToVideoInput/properties/prompt" in a model input schema: input schemas are self-contained, so the reference would be lost', fix: "write the referenced schema here in place of the $ref" },
  },
  {
    name: "a rule the client does not check in a model input (format: uri)",
    file: "models",
    replace: ["          description: URL of the input image.\n", "          description: URL of the input image.\n          format: uri\n"],
    expect: { line: "format: uri", column: "format", path: "components.schemas.BytedancePlusSeedance15ProSuperImageToVideoInput.properties.image_url.format", check: "input-schema", message: '"format" is not a keyword the generated client checks, so the rule would be silently ignored', fix: "state the rule with type, enum" },
  },
  {
    name: "a combinator the client does not check in a model input (oneOf)",
    file: "models",
    replace: ["        shot_type:\n          type: string\n", "        shot_type:\n          type: string\n          oneOf: [{const: customize}, {const: intelligent}]\n"],
    expect: { line: "oneOf: [", column: "oneOf", path: "components.schemas.KlingPlusKlingO3StandardTextToVideoInput.properties.shot_type.oneOf", check: "input-schema", message: '"oneOf" is not a keyword the generated client checks', fix: "state the rule with type, enum" },
  },
  {
    name: "a slug segment too long to be a file name",
    file: "models",
    replace: ["x-slug: openai/sora-2-pro/text-to-video", `x-slug: openai/sora-2-pro/${"t".repeat(300)}`],
    expect: { line: "x-slug: openai/sora-2-pro/ttt", column: "openai", path: `${SORA_SCHEMA}["x-slug"]`, check: "cross-check", message: `x-slug segment "${"t".repeat(40)}…" is 300 characters; each segment names a generated file or folder, so at most 100`, fix: "use the slug exactly as POST /v1/jobs/submit takes it" },
    // ...and so the price of openai/sora-2-pro/text-to-video has no input schema.
    problems: 2,
  },
  {
    name: "an unknown top-level key in pricing.yaml",
    file: "pricing",
    replace: ["currency: micro-cents\n", "currency: micro-cents\ncurrencies: [usd]\n"],
    expect: { line: "currencies: [usd]", column: "currencies", path: "currencies", check: "pricing-schema", message: 'unknown key "currencies"', fix: 'did you mean "currency"?' },
  },
];

let scratch: string;
let base: Record<SpecFile, string>;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-malformed-"));
  base = {
    models: await readFile(path.join(fixtureDir, "models.yaml"), "utf8"),
    pricing: await readFile(path.join(fixtureDir, "pricing.yaml"), "utf8"),
    openapi: await readFile(path.join(repoRoot, "spec", FILE_PATHS.openapi), "utf8"),
    errors: await readFile(path.join(repoRoot, "spec", FILE_PATHS.errors), "utf8"),
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

/**
 * Writes the fixture, with the case's edits, as models.yaml and pricing.yaml in `dir` (plus a copy of
 * the API document, openapi.yaml and api/, when the case edits it); returns the edited texts and the
 * files generate should read.
 */
async function writeCase(c: Case | undefined, dir: string): Promise<{ texts: Record<SpecFile, string>; files: { models: string; pricing: string; openapi?: string } }> {
  const texts = { ...base };
  const edits = c ? [c, ...(c.also ? [c.also] : [])] : [];
  for (const edit of edits) texts[edit.file] = applyEdit(texts[edit.file], edit.replace, c!.name);
  const written: SpecFile[] = ["models", "pricing"];
  await mkdir(dir, { recursive: true });
  if (edits.some((e) => e.file === "openapi" || e.file === "errors")) {
    await cp(path.join(repoRoot, "spec/api"), path.join(dir, "api"), { recursive: true });
    written.push("openapi", "errors");
  }
  const bytesOf = (f: SpecFile): string | Buffer => {
    if (!c?.bytes || c.file !== f) return texts[f];
    const at = texts[f].indexOf(c.bytes.before);
    if (at < 0 || texts[f].indexOf(c.bytes.before, at + 1) >= 0) throw new Error(`${c.name}: ${JSON.stringify(c.bytes.before)} must occur exactly once in the edited ${f}`);
    return Buffer.concat([Buffer.from(texts[f].slice(0, at)), Buffer.from(c.bytes.insert), Buffer.from(texts[f].slice(at))]);
  };
  await Promise.all(written.map((f) => writeFile(path.join(dir, FILE_PATHS[f]), bytesOf(f))));
  const files = { models: path.join(dir, FILE_PATHS.models), pricing: path.join(dir, FILE_PATHS.pricing) };
  return { texts, files: written.includes("openapi") ? { ...files, openapi: path.join(dir, FILE_PATHS.openapi) } : files };
}

/** The problems generate rejects the spec with; anything else (success, another error) fails the test. */
async function problemsOf(files: { models: string; pricing: string; pricingSchema?: string; openapi?: string }): Promise<readonly Problem[]> {
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
    const { texts } = await writeCase(edit, dir);
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

  test("issue 12: an empty models.yaml (a stack trace from the OpenAPI linter before): located, exit 1, no stack trace", { timeout: 60_000 }, async () => {
    const dir = path.join(scratch, "cli-empty-models");
    await cp(path.join(repoRoot, "spec"), dir, { recursive: true });
    await writeFile(path.join(dir, "models.yaml"), "");
    const { code, stdout, stderr } = await run(["generate", "--check", "--spec-dir", dir]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const lines = stderr.split("\n");
    expect(lines).toContain(`${shown(path.join(dir, "models.yaml"))}:1:1 (document): the file holds nothing (the file is empty or only comments), not a mapping of keys`);
    expect(lines.some((l) => /^ {2}fix: write .*models\.yaml as a YAML mapping/.test(l))).toBe(true);
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
      const { texts, files } = await writeCase(c, dir);
      const problems = await problemsOf(files);

      const reportedIn = c.expect.file ?? c.file;
      const { line, column } = position(texts[reportedIn], c.expect.line, c.expect.column);
      const problem = problems.find((p) => p.line === line && p.check === c.expect.check && p.path === c.expect.path);
      expect(problem, `no ${c.expect.check} problem at line ${line} ${c.expect.path}; got:\n${problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("\n")}`).toBeDefined();
      expect(problem).toMatchObject({
        file: shown(path.join(dir, FILE_PATHS[reportedIn])),
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

  // Issue 12: files that are not there, not files, not text or not what they should be. Each is one
  // problem at the file's first position; the whole document is the "field" concerned.
  const fileCases: { name: string; file: "models" | "pricing" | "openapi" | "pricingSchema"; make: (at: string) => Promise<void>; path: string; check: string; message: string; fix: string; line?: number }[] = [
    { name: "models.yaml missing", file: "models", make: async () => {}, path: "(file)", check: "yaml", message: "the file does not exist", fix: "create" },
    { name: "a directory where pricing.yaml should be", file: "pricing", make: (at) => mkdir(at), path: "(file)", check: "yaml", message: "this is a directory, not a file", fix: "pass the path of the file itself" },
    { name: "models.yaml a loop of symbolic links", file: "models", make: async (at) => { await symlink(`${at}.other`, at); await symlink(at, `${at}.other`); }, path: "(file)", check: "yaml", message: "the path is a loop of symbolic links", fix: "point the link at a real file" },
    { name: "issue 12: an empty openapi.yaml (0 bytes)", file: "openapi", make: (at) => writeFile(at, ""), path: "(document)", check: "yaml", message: "the file holds nothing", fix: "as a YAML mapping" },
    { name: "openapi.yaml a list", file: "openapi", make: (at) => writeFile(at, "- openapi: 3.1.0\n"), path: "(document)", check: "yaml", message: "the file holds a list, not a mapping of keys", fix: "as a YAML mapping" },
    // The PNG signature, then the NUL bytes of its first chunk (on the signature's third "line").
    { name: "a binary file (a PNG) as pricing.yaml", file: "pricing", make: (at) => writeFile(at, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])), path: "(document)", check: "yaml", message: "the file holds a NUL byte: it is a binary file, not text", fix: "must be a UTF-8 text file", line: 3 },
    // "été: 1" in Latin-1: the path is the key as it reads with each bad byte replaced by U+FFFD.
    { name: "a Latin-1 file (not UTF-8) as models.yaml", file: "models", make: (at) => writeFile(at, Buffer.from([0xe9, 0x74, 0xe9, 0x3a, 0x20, 0x31, 0x0a])), path: '["\uFFFDt\uFFFD"]', check: "yaml", message: "the file is not valid UTF-8 (bytes E9 74 E9 3A at this position)", fix: "save the file as UTF-8" },
    { name: "pricing.schema.json not a JSON Schema", file: "pricingSchema", make: (at) => writeFile(at, '{"type": 12}'), path: "(document)", check: "json", message: "this is not a valid JSON Schema", fix: "restore" },
    { name: "pricing.schema.json a list", file: "pricingSchema", make: (at) => writeFile(at, "[]"), path: "(file)", check: "json", message: "the file holds a list, not a JSON Schema object", fix: "as a JSON object" },
  ];
  for (const [i, c] of fileCases.entries()) {
    test(c.name, async () => {
      const dir = path.join(scratch, `file-case-${i}`);
      await mkdir(dir, { recursive: true });
      const names = { models: "models.yaml", pricing: "pricing.yaml", openapi: "openapi.yaml", pricingSchema: "pricing.schema.json" };
      const at = path.join(dir, names[c.file]);
      await c.make(at);
      const files = { models: path.join(fixtureDir, "models.yaml"), pricing: path.join(fixtureDir, "pricing.yaml"), [c.file]: at };
      const problems = await problemsOf(files);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file: shown(at), line: c.line ?? 1, column: 1, path: c.path, check: c.check });
      expect(problems[0]!.message).toContain(c.message);
      expect(problems[0]!.fix).toContain(c.fix);
    });
  }

  test("CRLF line ends and a byte-order mark: problems are still at the right line and column", async () => {
    const edit = cases.find((c) => c.name === 'multiplier written "1.5x"')!;
    const dir = path.join(scratch, "crlf-bom");
    const { texts, files } = await writeCase(edit, dir);
    await writeFile(files.pricing, `\uFEFF${texts.pricing.replace(/\n/g, "\r\n")}`);
    const { line, column } = position(texts.pricing, edit.expect.line, edit.expect.column);
    const problems = await problemsOf(files);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, column, path: edit.expect.path, check: edit.expect.check });
  });
});
