import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { removeBundle, spawnCli } from "../helpers/cli.js";
import { KLING } from "../helpers/http.js";

// The real bin, spawned as a process: output, exit codes, and no stack traces.

const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ timing: { pendingMs: 100, processingMs: 300 } });
});
afterAll(async () => {
  removeBundle();
  await server.close();
});

/** One line on stderr, nothing that looks like a stack trace. */
function expectOneLine(stderr: string) {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toMatch(/^pixelbyte: /);
}

describe.concurrent("pixelbyte (spawned)", () => {
  test("models --json lists every model; --provider filters the human table", async () => {
    const [all, kling] = await Promise.all([spawnCli(["models", "--json"]), spawnCli(["models", "--provider", "kling-plus"])]);
    expect(all.code).toBe(0);
    const rows = JSON.parse(all.stdout);
    expect(rows.find((r: { slug: string }) => r.slug === KLING)).toMatchObject({ provider: "kling-plus", unit: "second", baseMicroCents: 84_000, defaultMicroCents: 420_000 });
    expect(kling.code).toBe(0);
    const lines = kling.stdout.split("\n").slice(2).filter((l) => l.includes("/"));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith("kling-plus/"))).toBe(true);
    expect(kling.stdout).toMatch(/kling-plus\/kling-o3-standard\/text-to-video\s+Kling O3 Standard — Text to Video\s+video\s+84,000 µ¢ \(\$0\.084\)\/second\s+420,000 µ¢ \(\$0\.42\)/);
  });

  test("price shows the breakdown with dollars beside micro-cents; --json for scripts", async () => {
    const sets = ["--set", "duration=10", "--set", "has_sound=true"];
    const [human, machine] = await Promise.all([spawnCli(["price", KLING, ...sets]), spawnCli(["price", KLING, ...sets, "--json"])]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/duration\s+"10"\s+×10/);
    expect(human.stdout).toMatch(/has_sound\s+"true"\s+×1\.5/);
    expect(human.stdout).toContain("total  1,260,000 µ¢  $1.26");
    expect(JSON.parse(machine.stdout)).toMatchObject({ microCents: 1_260_000, exactMicroCents: "1260000", usd: "$1.26", breakdown: [{ field: "duration", value: "10" }, { field: "has_sound", value: "true", multiplier: "1.5" }] });
  });

  test("--set coerces by the field's type: a boolean field gets true/false, a string field keeps the text", async () => {
    const res = await spawnCli(["price", SEEDANCE, "--set", "generate_audio=false", "--json"]);
    expect(res.code).toBe(0);
    const q = JSON.parse(res.stdout);
    expect(q.breakdown.find((b: { field: string }) => b.field === "generate_audio")).toMatchObject({ value: false, defaulted: false });
    expect([q.microCents, q.exactMicroCents, q.rounded]).toEqual([140_003, "140002.5", true]);
  });

  test("unknown slug, bad value, unknown field: one line with the closest valid choice, exit 2", async () => {
    const [slug, value, field, flag] = await Promise.all([
      spawnCli(["price", "kling-plus/kling-o3-standrd/text-to-video"]),
      spawnCli(["price", KLING, "--set", "duration=16"]),
      spawnCli(["run", KLING, "--set", "prompt=x", "--set", "has_sond=true"]),
      spawnCli(["models", "--provder", "x"]),
    ]);
    for (const r of [slug, value, field, flag]) {
      expect(r.code).toBe(2);
      expectOneLine(r.stderr);
      expect(r.stdout).toBe("");
    }
    expect(slug.stderr).toContain(`did you mean "${KLING}"?`);
    expect(value.stderr).toMatch(/duration cannot be "16"; did you mean "15"\? \(choices: 3, 4, .*, 15\)/);
    expect(field.stderr).toContain('did you mean "has_sound"?');
    expect(flag.stderr).toContain("did you mean --provider?");
  });

  test("run --wait against a started server: price first, submit, plain progress lines, outputs, charged cost", async () => {
    // Long enough states that a loaded machine still polls each of them.
    const slow = await startServer({ timing: { pendingMs: 800, processingMs: 800 } });
    const res = await spawnCli(["run", KLING, "--set", "prompt=a red fox", "--set", "duration=10", "--set", "has_sound=true", "--wait", "--poll-ms", "50"], {
      env: { PIXELBYTE_BASE_URL: slow.url, PIXELBYTE_API_KEY: slow.apiKey },
    });
    await slow.close();
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const out = res.stdout;
    const order = ["total  1,260,000 µ¢  $1.26", "submitted job_", "pending 0%", "processing 50%", "completed 100%", "output  http://", "charged 1,260,000 µ¢ ($1.26), as quoted"].map((s) => out.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).not.toContain("\r"); // not a terminal: no in-place redraws
    const jobId = /submitted (job_\w+)/.exec(out)![1]!;
    expect(out).toContain(`output  ${slow.url}/cdn/outputs/${jobId}/output_0.mp4`);
    expect(slow.job(jobId)?.costMicroCents).toBe(1_260_000);
  });

  test("run --json prints one JSON document; a failed job exits 1 with one line", async () => {
    const failing = await startServer({ timing: { pendingMs: 20, processingMs: 20 }, faults: [{ kind: "job-failure" }] });
    const env = (s: TestServer) => ({ PIXELBYTE_BASE_URL: s.url, PIXELBYTE_API_KEY: s.apiKey });
    const [ok, failed] = await Promise.all([
      spawnCli(["run", KLING, "--set", "prompt=p", "--wait", "--json", "--poll-ms", "20"], { env: env(server) }),
      spawnCli(["run", KLING, "--set", "prompt=p", "--wait", "--poll-ms", "20"], { env: env(failing) }),
    ]);
    await failing.close();
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ model: KLING, costMicroCents: 420_000, matchesQuote: true, status: "completed", output: expect.stringMatching(/output_0\.mp4$/) });
    expect(failed.code).toBe(1);
    expectOneLine(failed.stderr);
    expect(failed.stderr).toMatch(/job job_\w+ failed \(GENERATION_FAILED: .*\); refunded/);
  });

  test("run without a key is a usage error; an API error is one line, exit 1", async () => {
    const broke = await startServer({ balanceMicroCents: 0 });
    const [nokey, poor] = await Promise.all([
      spawnCli(["run", KLING, "--set", "prompt=p"]),
      spawnCli(["run", KLING, "--set", "prompt=p"], { env: { PIXELBYTE_BASE_URL: broke.url, PIXELBYTE_API_KEY: broke.apiKey } }),
    ]);
    await broke.close();
    expect(nokey.code).toBe(2);
    expectOneLine(nokey.stderr);
    expect(nokey.stderr).toContain("PIXELBYTE_API_KEY");
    expect(poor.code).toBe(1);
    expectOneLine(poor.stderr);
    // The code and the request id, each once.
    expect(poor.stderr).toMatch(/^pixelbyte: Balance too low.* \(402 INSUFFICIENT_BALANCE, request req_\w+\)$/m);
    expect(poor.stderr.match(/INSUFFICIENT_BALANCE/g)).toHaveLength(1);
    expect(poor.stderr.match(/req_\w+/g)).toHaveLength(1);
  });

  test("serve starts a server other clients can use and stops cleanly on SIGTERM", async () => {
    let info: { url: string; apiKey: string } | undefined;
    let checked: Promise<void> | undefined;
    const res = await spawnCli(["serve", "--port", "0", "--json", "--pending-ms", "10", "--processing-ms", "10", "--cors", "http://127.0.0.1:5173"], {
      onStdout: (soFar, child) => {
        if (info || !soFar.includes("\n")) return;
        info = JSON.parse(soFar.split("\n")[0]!);
        checked = (async () => {
          try {
            const headers = { authorization: `Bearer ${info!.apiKey}`, origin: "http://127.0.0.1:5173" };
            const r = await fetch(`${info!.url}/v1/jobs/estimate`, { method: "POST", headers, body: JSON.stringify({ model: KLING }) });
            expect((await r.json()).estimatedCostMicroCents).toBe(420_000);
            expect(r.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
          } finally {
            child.kill("SIGTERM");
          }
        })();
      },
    });
    await checked;
    expect(info?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe("");
  });

  test("serve --cors with something that is not an origin: one line naming the fix, exit 2", async () => {
    const res = await spawnCli(["serve", "--port", "0", "--cors", "localhost:5173/app"]);
    expect(res.code).toBe(2);
    expectOneLine(res.stderr);
    expect(res.stderr).toContain('serve: --cors origin "localhost:5173/app" is not an origin like "http://127.0.0.1:5173"');
  });

  test("serve on a busy port: one line, exit 1", async () => {
    const res = await spawnCli(["serve", "--port", String(server.port)]);
    expect(res.code).toBe(1);
    expectOneLine(res.stderr);
    expect(res.stderr).toContain(`port ${server.port} is already in use`);
  });

  test("demo: the README main command prices, runs and matches the quote, then exits 0 (through tsx, as `pnpm start` runs it)", async () => {
    const res = await spawnCli(["demo"], { viaTsx: true });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/10 s\s+840,000\s+\$0\.84\s+1,260,000\s+\$1\.26/);
    expect(res.stdout).toContain("Price check before submitting a 10 s clip with sound: 1,260,000 µ¢ ($1.26) ✓");
    expect(res.stdout).toMatch(/Output: http:\/\/127\.0\.0\.1:\d+\/cdn\/outputs\/job_\w+\/output_0\.mp4/);
    expect(res.stdout).toContain("Charged 1,260,000 µ¢ ($1.26) — matches the quote ✓");
    expect(res.stdout).toContain("Test server stopped.");
  });
});
