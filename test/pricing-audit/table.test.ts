import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadRevision, pricingMarkdown, tableOf } from "@pixelbyte/pricing-audit";
import { here, pricing } from "./helpers.js";

const OLD = "fixtures/old-pricing.yaml";

describe("pricing table", () => {
  test("markdown: base, unit, factors, default, cheapest and dearest per model", async () => {
    const run = await pricing(["table", OLD]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // The half micro-cent is shown exactly, with the rounding named, dollars beside micro-cents.
    expect(run.stdout).toContain("140,003 µ¢ ($0.140003)<br>exact 140,002.5 µ¢ rounded half-up");
    // A priced field without a schema default: no default cost, and the reason.
    expect(run.stdout).toContain('none: "style" has no default');
    await expect(run.stdout).toMatchFileSnapshot("./__snapshots__/table-old.md");
  });

  test("--matrix lists every combination with its price", async () => {
    const run = await pricing(["table", OLD, "--matrix"]);
    expect(run.code).toBe(0);
    // clip-1: 3 resolutions × 2 × durations 4..8 = 30; edit-1 2×2; flat-1 1; image-1 4; old-1 2.
    expect(run.stdout).toContain("5 models, 41 combinations.");
    expect(run.stdout).toMatch(/\| 720p \| false \| 5 \| 140,003 \| \$0\.140003 \| 140,002\.5 \|/);
    expect(run.stdout).toMatch(/\| 1080p \| true \| 8 \| 895,992 \| \$0\.895992 \|  \|/);
    await expect(run.stdout).toMatchFileSnapshot("./__snapshots__/matrix-old.md");
  });

  test("--model takes globs (repeatable); * crosses slashes", async () => {
    const run = await pricing(["table", OLD, "--model", "acme/*/text-to-*", "--model=acme/flat-1/upscale"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("4 of 5 models.");
    expect(run.stdout).not.toContain("acme/edit-1");
    await expect(run.stdout).toMatchFileSnapshot("./__snapshots__/table-old-filtered.md");
  });

  test("csv", async () => {
    const run = await pricing(["table", OLD, "--format", "csv"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      'acme/clip-1/text-to-video,Acme Video,second,15000,"resolution: 480p ×1, 720p ×1.8667, 1080p ×3.7333; generate_audio: false ×1, true ×2; duration: 4–8 (× the value)",30,140003,140002.5,$0.140003,60000,$0.06,"resolution=480p, generate_audio=false, duration=4",895992,$0.895992,"resolution=1080p, generate_audio=true, duration=8",half-up',
    );
    await expect(run.stdout).toMatchFileSnapshot("./__snapshots__/table-old.csv");
  });

  test("csv matrix: one row per combination, exact value and exact dollars beside the rounded ones", async () => {
    const run = await pricing(["table", OLD, "--format", "csv", "--matrix"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1 + 41);
    expect(lines).toContain('acme/clip-1/text-to-video,"resolution=720p, generate_audio=false, duration=5",140003,140002.5,$0.140003,$0.1400025,half-up');
  });

  test("json: typed values, integer micro-cents, exact decimals as strings", async () => {
    const run = await pricing(["table", OLD, "--format", "json"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.rounding).toBe("half-up");
    const clip = data.models.find((m: { slug: string }) => m.slug === "acme/clip-1/text-to-video");
    expect(clip.default).toEqual({
      input: { resolution: "720p", generate_audio: false, duration: "5" },
      microCents: 140003,
      exactMicroCents: "140002.5",
      usd: "$0.140003",
      rounded: true,
      exactUsd: "$0.1400025",
    });
    expect(clip.factors[2]).toEqual({ field: "duration", kind: "range", type: "string", default: "5", min: 4, max: 8 });
    const image = data.models.find((m: { slug: string }) => m.slug === "acme/image-1/text-to-image");
    expect(image.dearest.input).toEqual({ num_images: 4 });
    await expect(run.stdout).toMatchFileSnapshot("./__snapshots__/table-old.json");
  });

  test("json matrix", async () => {
    const run = await pricing(["table", OLD, "--format", "json", "--matrix"]);
    const data = JSON.parse(run.stdout);
    expect(data.combinations).toBe(41);
    expect(data.models.map((m: { rows: unknown[] }) => m.rows.length)).toEqual([30, 4, 1, 4, 2]);
  });

  test("the table of the working tree's spec covers every model in it", async () => {
    const run = await pricing(["table", "--format", "json"], join(here, ".."));
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.models.length).toBeGreaterThanOrEqual(5);
    const seedance = data.models.find((m: { slug: string }) => m.slug === "bytedance-plus/seedance-1.5-pro-super/image-to-video");
    expect(seedance.default.microCents).toBe(280005);
  });
});

describe("pricingMarkdown (the PRICING.md layout)", () => {
  test("every model grouped by provider, with base, unit, factors, default and min–max", async () => {
    const revision = await loadRevision(OLD, { cwd: here });
    const md = pricingMarkdown(revision);
    expect(md.match(/^## .*/gm)).toEqual(["## Acme Images", "## Acme Video"]);
    // A title with a pipe stays inside its cell.
    expect(md).toContain("[Edit 1 \\| Edit Image](https://docs.example.com/acme/edit-1)");
    expect(pricingMarkdown(revision)).toBe(md);
    await expect(md).toMatchFileSnapshot("./__snapshots__/pricing-md-old.md");
  });

  test("tableOf is the data behind the table", async () => {
    const revision = await loadRevision(OLD, { cwd: here });
    const table = tableOf(revision, { models: ["acme/image-1/*"] });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.combinations).toBe(4n);
    expect(table.rows[0]!.dearest.price.microCents).toBe(120000n);
  });
});
