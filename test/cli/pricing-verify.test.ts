// `pixelbyte pricing verify` through the CLI: the key (PIXELBYTE_API_KEY or --api-key) never shows in
// what it prints, whatever the server echoes; the progress bar is drawn on stderr only on a terminal;
// `serve --drift FILE` starts a server that verify finds drifted; the bin's exit codes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "@pixelbyte/cli";
import { modelPricing } from "@pixelbyte/pricing";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, describe, expect, test } from "vitest";
import { expectOneLine } from "../pricing-audit/helpers.js";
import { removeBundle, runInProcess, spawnCli, type CliResult } from "../helpers/cli.js";
import { findLeaks, SECRET_KEY } from "../helpers/secrets.js";
import { startFaultServer, step } from "../client/helpers/fault-server.js";

const KLING = "kling-plus/kling-o3-standard/text-to-video";
const FLAT = "google/nano-banana-dev/text-to-image";
const KEY = SECRET_KEY;
const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  removeBundle();
  await Promise.all(closers.map((c) => c()));
});

async function keyedServer(): Promise<TestServer> {
  const s = await startServer({ apiKeys: [KEY], drift: { prices: { [KLING]: { base: 90_000 } }, catalog: { [FLAT]: { properties: { [`field_${KEY}`]: { type: "string", default: KEY } } } } } });
  closers.push(() => s.close());
  return s;
}

function expectNoLeak(res: CliResult): void {
  const leaks = [...findLeaks("stdout", res.stdout, KEY), ...findLeaks("stderr", res.stderr, KEY)];
  expect(leaks, `leaked: ${leaks.map((l) => `${l.where} (${l.form}): …${l.excerpt}…`).join("; ")}`).toEqual([]);
}

describe("the key is never printed", () => {
  test("from PIXELBYTE_API_KEY or --api-key, in Markdown and JSON, with a drifted catalog that carries the key in a field name and a default", async () => {
    const s = await keyedServer();
    const args = ["pricing", "verify", "--base-url", s.url, "--model", KLING, "--model", FLAT];
    const runs = await Promise.all([
      runInProcess(args, { env: { PIXELBYTE_API_KEY: KEY } }),
      runInProcess([...args, "--json"], { env: { PIXELBYTE_API_KEY: KEY } }),
      runInProcess([...args, "--api-key", KEY, "--json"], { env: {} }),
      runInProcess([...args, `--api-key=${KEY}`], { env: {} }),
    ]);
    for (const res of runs) {
      expect(res.code).toBe(1);
      expectNoLeak(res);
    }
    // The differences themselves are reported, the key inside them masked.
    expect(runs[1]!.stdout).toContain('"field": "field_[redacted]"');
    expect(JSON.parse(runs[1]!.stdout).prices).toHaveLength(26);
  });

  test("a server that echoes the key back everywhere (401 message, 400 message, catalog, model list), and the key in the base URL", async () => {
    const echo = await startFaultServer();
    closers.push(() => echo.close());
    const bearer = (req: { headers: Record<string, unknown> }) => String(req.headers.authorization ?? "").replace(/^Bearer /, "");
    echo.handle("GET /v1/catalog/models", (req) => step.json([{ slug: FLAT }, { slug: `google/${bearer(req)}` }]));
    echo.handle("GET /v1/catalog/models/**", (req) => step.json({ slug: FLAT, inputSchema: { type: "object", properties: { [bearer(req) || KEY]: { type: "string" } } } }));
    echo.handle("POST /v1/jobs/estimate", (req) => step.error(400, "INVALID_INPUT", `your key ${bearer(req)} is odd`, { details: { key: bearer(req) }, requestId: `req_${bearer(req)}` }));
    const refused = await startFaultServer();
    closers.push(() => refused.close());
    refused.handle("GET /v1/catalog/models", (req) => step.error(401, "INVALID_API_KEY", `key ${bearer(req)} is not valid`));
    refused.handle("GET /v1/catalog/models/**", (req) => step.error(401, "INVALID_API_KEY", `key ${bearer(req)} is not valid`));
    refused.handle("POST /v1/jobs/estimate", (req) => step.error(401, "INVALID_API_KEY", `key ${bearer(req)} is not valid`));

    const env = { PIXELBYTE_API_KEY: KEY };
    const runs = await Promise.all([
      runInProcess(["pricing", "verify", "--base-url", echo.url, "--model", "google/*"], { env }),
      runInProcess(["pricing", "verify", "--base-url", echo.url, "--model", "google/*", "--json"], { env }),
      runInProcess(["pricing", "verify", "--base-url", refused.url, "--model", FLAT], { env }),
      runInProcess(["pricing", "verify", "--base-url", `${echo.url}/?token=${KEY}`, "--model", FLAT, "--json"], { env }),
    ]);
    for (const res of runs) {
      expect(res.code).toBe(1);
      expectNoLeak(res);
    }
    expect(JSON.parse(runs[1]!.stdout).refused.length).toBeGreaterThan(0);
    expect(runs[2]!.stderr).toMatch(/stopped early: the server refused the request: .*401/);
  });

  test("a malformed key is refused before anything is sent, without quoting it (exit 2)", async () => {
    const s = await keyedServer();
    const res = await runInProcess(["pricing", "verify", "--base-url", s.url, "--model", FLAT], { env: { PIXELBYTE_API_KEY: `${KEY.slice(0, 20)} ${KEY.slice(20)}` } });
    expect([res.code, res.stdout]).toEqual([2, ""]);
    expect(expectOneLine(res.stderr)).toMatch(/the key in PIXELBYTE_API_KEY is not usable: .*a space/);
    expectNoLeak(res);
    expect(s.requests).toHaveLength(0);
  });
});

describe("progress", () => {
  async function runWith(isStderrTTY: boolean, on: TestServer) {
    let stdout = "";
    let stderr = "";
    const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: process.cwd(), isTTY: false, isStderrTTY, env: { PIXELBYTE_API_KEY: on.apiKey } };
    const code = await main(["pricing", "verify", "--base-url", on.url, "--model", "kling-plus/kling-o3-standard/*", "--concurrency", "2"], io);
    return { code, stdout, stderr };
  }

  test("on a terminal: a bar redrawn in place on stderr, erased before the report; stdout is only the report", async () => {
    const s = await startServer();
    closers.push(() => s.close());
    const res = await runWith(true, s);
    expect(res.code).toBe(0);
    const frames = res.stderr.split("\r\u001b[2K").filter((f) => f !== "");
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) expect(f).toMatch(/^. verify [█░]{24} \d+\/\d+ {2}\d+\.\ds$/);
    // The last frame is the finished count, and the line is erased after it.
    const total = s.requests.length;
    expect(frames.at(-1)).toMatch(new RegExp(` ${total}/${total} `));
    expect(res.stderr.endsWith("\r\u001b[2K")).toBe(true);
    expect(res.stdout).toMatch(/^# Pricing verify/);
    expect(res.stdout).not.toContain("\u001b");
  });

  test("not a terminal: nothing on stderr when all is well", async () => {
    const s = await startServer();
    closers.push(() => s.close());
    const res = await runWith(false, s);
    expect([res.code, res.stderr]).toEqual([0, ""]);
  });
});

describe("as a process", () => {
  test("serve --drift FILE: verify finds exactly the drift in the file; the bin exits 1, and 2 on a bad flag", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pixelbyte-drift-"));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "drift.json");
    writeFileSync(file, JSON.stringify({ prices: { [FLAT]: { base: modelPricing[FLAT].base * 2 } } }));
    let info: { url: string; apiKey: string } | undefined;
    let checked: Promise<void> | undefined;
    const results: CliResult[] = [];
    const served = await spawnCli(["serve", "--port", "0", "--json", "--drift", file], {
      onStdout: (soFar, child) => {
        if (info || !soFar.includes("\n")) return;
        info = JSON.parse(soFar.split("\n")[0]!);
        checked = (async () => {
          try {
            const env = { PIXELBYTE_API_KEY: info!.apiKey };
            results.push(
              ...(await Promise.all([
                spawnCli(["pricing", "verify", "--base-url", info!.url, "--model", "google/*", "--model", "kling-plus/*", "--json", "--concurrency", "64"], { env, viaTsx: true }),
                spawnCli(["pricing", "verify", "--base-url", info!.url, "--concurrency", "NaN"], { env, viaTsx: true }),
              ])),
            );
          } finally {
            child.kill("SIGTERM");
          }
        })();
      },
    });
    await checked;
    expect([served.code, served.stderr]).toEqual([0, ""]);
    const [drifted, bad] = results as [CliResult, CliResult];
    expect(drifted.code).toBe(1);
    // One line: the summary (no warning about listeners on the shared abort signal at 64 in flight).
    expect(expectOneLine(drifted.stderr)).toBe("pixelbyte pricing verify: 1 difference: 1 price");
    const report = JSON.parse(drifted.stdout);
    expect(report.prices).toMatchObject([{ model: FLAT, localMicroCents: modelPricing[FLAT].base, serverMicroCents: modelPricing[FLAT].base * 2, differenceMicroCents: modelPricing[FLAT].base }]);
    expect(report.differences).toBe(1);
    expect([bad.code, bad.stdout]).toEqual([2, ""]);
    expect(expectOneLine(bad.stderr)).toMatch(/--concurrency must be a whole number from 1 to 64 \(got "NaN"\)/);
  }, 60_000);

  test("serve --drift with a file that is not JSON, or names an unknown model: one line, exit 2", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pixelbyte-drift-"));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, "bad.json"), "{ nope");
    writeFileSync(path.join(dir, "unknown.json"), JSON.stringify({ prices: { "kling-plus/kling-o3-standart/text-to-video": { base: 1 } } }));
    const [bad, unknown, missing] = await Promise.all([
      spawnCli(["serve", "--port", "0", "--drift", path.join(dir, "bad.json")]),
      spawnCli(["serve", "--port", "0", "--drift", path.join(dir, "unknown.json")]),
      spawnCli(["serve", "--port", "0", "--drift", path.join(dir, "absent.json")]),
    ]);
    for (const res of [bad, unknown, missing]) expect([res.code, res.stdout]).toEqual([2, ""]);
    expect(expectOneLine(bad.stderr)).toMatch(/--drift ".*bad\.json": not JSON/);
    expect(expectOneLine(unknown.stderr)).toMatch(/drift\.prices names "kling-plus\/kling-o3-standart\/text-to-video", which is not a model of the spec; did you mean "kling-plus\/kling-o3-standard\/text-to-video"\?/);
    expect(expectOneLine(missing.stderr)).toMatch(/--drift ".*absent\.json": cannot read the file \(ENOENT\)/);
  });
});
