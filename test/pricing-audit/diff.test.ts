import { afterEach, describe, expect, test } from "vitest";
import { diffRevisions, loadRevision } from "@pixelbyte/pricing-audit";
import { expectOneLine, here, pricing, tempDir, write } from "./helpers.js";

const OLD = "fixtures/old-pricing.yaml";
const NEW = "fixtures/new-pricing.yaml";

describe("pricing diff between two fixture revisions", () => {
  test("markdown report (golden)", async () => {
    const run = await pricing(["diff", OLD, NEW]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    await expect(run.stdout).toMatchFileSnapshot("./__snapshots__/diff-old-new.md");
  });

  test("every kind of change is found", async () => {
    const diff = diffRevisions(await loadRevision(OLD, { cwd: here }), await loadRevision(NEW, { cwd: here }));
    expect(diff.added.map((m) => m.slug)).toEqual(["acme/new-1/text-to-video"]);
    expect(diff.removed.map((m) => m.slug)).toEqual(["acme/old-1/text-to-video"]);
    const changes = Object.fromEntries(diff.models.map((m) => [m.slug, m.changes]));
    expect(changes["acme/flat-1/upscale"]).toBeUndefined();
    expect(changes["acme/clip-1/text-to-video"]).toEqual([
      { kind: "multiplier", field: "resolution", value: "1080p", from: "3.7333", to: "3.5" },
      { kind: "multiplier", field: "generate_audio", value: "true", from: "2", to: "2.5" },
      { kind: "value-added", field: "duration", value: "9", multiplier: "9" },
      { kind: "value-added", field: "duration", value: "10", multiplier: "10" },
      { kind: "checked", from: "2026-01-10", to: "2026-06-01" },
    ]);
    expect(changes["acme/edit-1/edit-image"]!.map((c) => `${c.kind} ${"field" in c ? c.field : ""}`)).toEqual(["factor-removed style", "value-added size"]);
    expect(changes["acme/image-1/text-to-image"]).toContainEqual({ kind: "base", from: 30000n, to: 33000n });
    expect(changes["acme/image-1/text-to-image"]).toContainEqual({ kind: "value-removed", field: "num_images", value: "4", multiplier: "4" });
    expect(changes["acme/image-1/text-to-image"]!.some((c) => c.kind === "factor-added" && c.field === "quality")).toBe(true);

    expect(diff.summary).toEqual({
      modelsAdded: 1,
      modelsRemoved: 1,
      modelsChanged: 3,
      basesChanged: 1,
      unitsChanged: 0,
      factorsAdded: 1,
      factorsRemoved: 1,
      valuesAdded: 3,
      valuesRemoved: 1,
      multipliersChanged: 2,
      defaultsChanged: 0,
      // clip-1 30 (durations 4..8 in both), edit-1 4 (size 1K/2K × style), flat-1 1, image-1 6 (1..3 × quality).
      combinationsCompared: 41n,
      combinationsChanged: 28,
      increases: 21,
      decreases: 7,
      // clip-1 durations 9, 10 (3 × 2 × 2 = 12); edit-1 4K × both styles; image-1 num_images 4 × both qualities.
      combinationsAdded: 14n,
      combinationsRemoved: 2n,
    });
  });

  test("prices up and down, with old, new, absolute and percentage change", async () => {
    const diff = diffRevisions(await loadRevision(OLD, { cwd: here }), await loadRevision(NEW, { cwd: here }));
    const find = (model: string, input: Record<string, string>) =>
      diff.priceChanges.find((c) => c.model === model && JSON.stringify(c.input) === JSON.stringify(input));
    // Down: 1080p ×3.7333 → ×3.5; the old price was rounded (279,997.5 → 279,998).
    const down = find("acme/clip-1/text-to-video", { resolution: "1080p", generate_audio: "false", duration: "5" })!;
    expect([down.from.microCents, down.to.microCents, down.delta]).toEqual([279998n, 262500n, -17498n]);
    // Up: a base rise of exactly 10%.
    const up = find("acme/image-1/text-to-image", { num_images: "1", quality: "standard" })!;
    expect([up.from.microCents, up.to.microCents, up.delta]).toEqual([30000n, 33000n, 3000n]);
    expect(up.percent).toEqual({ num: 300000n, den: 30000n });
    // A removed factor: "art" cost ×1.1 and now costs the same as "plain".
    const art = find("acme/edit-1/edit-image", { size: "2K", style: "art" })!;
    expect([art.from.microCents, art.to.microCents]).toEqual([66000n, 60000n]);
    // An unchanged combination is not listed.
    expect(find("acme/clip-1/text-to-video", { resolution: "480p", generate_audio: "false", duration: "4" })).toBeUndefined();

    const json = JSON.parse((await pricing(["diff", OLD, NEW, "--format", "json"])).stdout);
    const row = json.priceChanges.find((c: { model: string; input: { resolution?: string; generate_audio?: string; duration?: string } }) =>
      c.model === "acme/clip-1/text-to-video" && c.input.resolution === "1080p" && c.input.generate_audio === "false" && c.input.duration === "5");
    expect(row).toEqual({
      model: "acme/clip-1/text-to-video",
      input: { resolution: "1080p", generate_audio: "false", duration: "5" },
      from: { microCents: 279998, exactMicroCents: "279997.5", usd: "$0.279998", rounded: true, exactUsd: "$0.2799975" },
      to: { microCents: 262500, exactMicroCents: "262500", usd: "$0.2625", rounded: false },
      changeMicroCents: -17498,
      percent: "-6.2493",
    });
    expect(json.summary.combinationsChanged).toBe(28);
    expect(json.gate).toBeUndefined();
  });

  test("a revision against itself: no differences", async () => {
    const run = await pricing(["diff", OLD, OLD, "--fail-on-increase"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No differences.");
    expect(run.stdout).toContain("**Gate:** passed: no price rose.");
  });
});

describe("changes of rule, unit and factor kind", () => {
  test("rounding half-up → floor, unit second → request, a table factor becoming a range", async () => {
    const t = tempDir("kinds");
    try {
      const spec = (rounding: string, unit: string, factor: string) =>
        `currency: micro-cents\nrounding: ${rounding}\nmodels:\n  acme/x/y:\n    source: https://docs.example.com/x\n    checked: 2026-01-01\n    base: 15000\n    unit: ${unit}\n    factors:\n      - {field: r, table: {"a": "1", "b": "1.8667"}}\n      - ${factor}\n    examples:\n      - {input: {r: "a", q: "1"}, micro_cents: 15000}\n`;
      write(t.dir, "a.yaml", spec("half-up", "second", '{field: q, table: {"1": "1", "5": "5"}}'));
      write(t.dir, "b.yaml", spec("floor", "request", "{field: q, range: {min: 1, max: 5}}"));
      const json = JSON.parse((await pricing(["diff", "a.yaml", "b.yaml", "--format", "json"], t.dir)).stdout);
      expect(json.rounding).toEqual({ from: "half-up", to: "floor" });
      expect(json.modelsChanged[0].changes).toEqual([
        { kind: "unit", from: "second", to: "request" },
        { kind: "factor-kind", field: "q", from: "table", to: "range" },
        { kind: "value-added", field: "q", value: "2", multiplier: "2" },
        { kind: "value-added", field: "q", value: "3", multiplier: "3" },
        { kind: "value-added", field: "q", value: "4", multiplier: "4" },
      ]);
      // Half micro-cents only at r=b with q=1 (28,000.5) and q=5 (140,002.5); q=2..4 are new values.
      expect(json.priceChanges.map((c: { input: unknown }) => c.input)).toEqual([{ r: "b", q: "1" }, { r: "b", q: "5" }]);
      expect(json.priceChanges[1]).toEqual(
        {
          model: "acme/x/y",
          input: { r: "b", q: "5" },
          from: { microCents: 140003, exactMicroCents: "140002.5", usd: "$0.140003", rounded: true, exactUsd: "$0.1400025" },
          to: { microCents: 140002, exactMicroCents: "140002.5", usd: "$0.140002", rounded: true, exactUsd: "$0.1400025" },
          changeMicroCents: -1,
          percent: "-0.0007",
        },
      );
      const md = (await pricing(["diff", "a.yaml", "b.yaml"], t.dir)).stdout;
      expect(md).toContain("**Rounding:** half-up → floor");
      expect(md).toContain("| `acme/x/y` | r=b, q=5 | 140,003 µ¢ ($0.140003), exact 140,002.5 µ¢ rounded half-up | 140,002 µ¢ ($0.140002), exact 140,002.5 µ¢ rounded floor | -1 µ¢ (-$0.000001) | -0.0007% |");
    } finally {
      t.cleanup();
    }
  });
});

describe("--fail-on-increase and --threshold", () => {
  test("without --fail-on-increase an increase is reported, exit 0", async () => {
    expect((await pricing(["diff", OLD, NEW])).code).toBe(0);
  });

  test("any increase fails without a threshold", async () => {
    const run = await pricing(["diff", OLD, NEW, "--fail-on-increase"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("**Gate:** failed: 21 prices rose (largest: acme/image-1/text-to-image num_images=1, quality=hd, +19,500 µ¢ (+$0.0195), +65%).");
    expect(expectOneLine(run.stderr)).toBe(
      "pixelbyte pricing diff: failed: 21 prices rose (largest: acme/image-1/text-to-image num_images=1, quality=hd, +19,500 µ¢ (+$0.0195), +65%).",
    );
  });

  test("only increases beyond the threshold fail", async () => {
    // Rises here: +10% (base), +17.19%, +25% (audio), +65% (hd).
    const at20 = await pricing(["diff", OLD, NEW, "--fail-on-increase", "--threshold", "20%"]);
    expect(at20.code).toBe(1);
    expect(at20.stdout).toContain("failed: 13 prices rose beyond 20%");
    expect((await pricing(["diff", OLD, NEW, "--fail-on-increase", "--threshold=65%"])).code).toBe(0);
    expect((await pricing(["diff", OLD, NEW, "--fail-on-increase", "--threshold", "64.99"])).code).toBe(1);
    const json = JSON.parse((await pricing(["diff", OLD, NEW, "--fail-on-increase", "--threshold", "20%", "--format", "json"])).stdout);
    expect(json.gate.failed).toBe(true);
    expect(json.gate.thresholdPercent).toBe("20");
    expect(json.gate.increases).toHaveLength(13);
  });

  describe("the boundary: a rise of exactly the threshold passes", () => {
    let cleanup = () => {};
    afterEach(() => cleanup());

    test("10% with --threshold 10% passes, with 9.99% fails; a decrease never fails", async () => {
      const t = tempDir("threshold");
      cleanup = t.cleanup;
      const spec = (base: number) =>
        `currency: micro-cents\nrounding: half-up\nmodels:\n  acme/x/y:\n    source: https://docs.example.com/x\n    checked: 2026-01-01\n    base: ${base}\n    unit: request\n    factors: []\n    examples:\n      - input: {}\n        micro_cents: ${base}\n`;
      write(t.dir, "a.yaml", spec(100000));
      write(t.dir, "b.yaml", spec(110000));
      write(t.dir, "c.yaml", spec(90000));
      expect((await pricing(["diff", "a.yaml", "b.yaml", "--fail-on-increase", "--threshold", "10%"], t.dir)).code).toBe(0);
      expect((await pricing(["diff", "a.yaml", "b.yaml", "--fail-on-increase", "--threshold", "9.99%"], t.dir)).code).toBe(1);
      expect((await pricing(["diff", "a.yaml", "c.yaml", "--fail-on-increase"], t.dir)).code).toBe(0);
    });
  });
});

describe("scale: nothing depends on the number of models", () => {
  test("two synthetic 150-model revisions diff completely", async () => {
    const t = tempDir("scale");
    try {
      const spec = (bump: boolean) => {
        const lines = ["currency: micro-cents", "rounding: half-even", "models:"];
        for (let i = 0; i < 150; i++) {
          lines.push(
            `  p${i % 7}/m${i}/t:`,
            "    source: https://docs.example.com/m",
            "    checked: 2026-01-01",
            `    base: ${1000 + i}`,
            "    unit: second",
            "    factors:",
            `      - {field: d, table: {"1": "1", "2": "${bump && i % 10 === 0 ? "2.5" : "2"}", "3": "3"}}`,
            "      - {field: q, range: {min: 1, max: 4}}",
            "    examples:",
            `      - {input: {d: "1", q: "1"}, micro_cents: ${1000 + i}}`,
          );
        }
        return `${lines.join("\n")}\n`;
      };
      write(t.dir, "a.yaml", spec(false));
      write(t.dir, "b.yaml", spec(true));
      const run = await pricing(["diff", "a.yaml", "b.yaml", "--format", "json"], t.dir);
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(json.summary.combinationsCompared).toBe(150 * 12);
      expect(json.summary.multipliersChanged).toBe(15);
      // Every changed d=2 row: 15 models × 4 values of q.
      expect(json.summary.increases).toBe(60);
      const matrix = await pricing(["table", "a.yaml", "--matrix", "--format", "csv"], t.dir);
      expect(matrix.stdout.trimEnd().split("\n")).toHaveLength(1 + 150 * 12);
    } finally {
      t.cleanup();
    }
  });
});
