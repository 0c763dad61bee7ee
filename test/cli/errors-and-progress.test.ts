import { startServer } from "@pixelbyte/test-server";
import { expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";
import { KLING } from "../helpers/http.js";

// The CLI's main() in this process: the long matrix of bad input, the TTY progress display and the
// pricing dispatch, without paying a process start for each case (the spawned tests cover the bin).

const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";

test.each([
  [[], /^usage: pixelbyte/],
  [["frobnicate"], /unknown command "frobnicate"; run `pixelbyte help`/],
  [["prise", KLING], /unknown command "prise"; did you mean "price"\?/],
  [["price"], /missing model slug; run `pixelbyte models`/],
  [["price", KLING, "extra"], /one model at a time/],
  [["price", "nothing/like/this"], /unknown model "nothing\/like\/this"/],
  [["price", KLING, "--set", "duration"], /--set takes field=value in one argument, e\.g\. --set duration=<value> \(got "duration"\)/],
  [["price", KLING, "--set", "duration", "10"], /--set takes field=value in one argument: write --set duration=10 \(got "--set duration 10"\)/],
  [["run", KLING, "--set", "prompt", "a fox"], /write --set prompt=a fox \(got "--set prompt a fox"\)/],
  [["price", KLING, "--set", "=10"], /--set takes field=value in one argument, e\.g\. --set duration=10 \(got "=10"\)/],
  [["price", KLING, "--set", "has_sound=yes"], /has_sound cannot be "yes" \(choices: false, true\)/],
  [["price", KLING, "--set", "aspect_ratio=16:10"], /aspect_ratio cannot be "16:10"; did you mean "16:9"\?/],
  [["price", SEEDANCE, "--set", "generate_audio=yes"], /generate_audio must be true or false \(got "yes"\)/],
  [["price", KLING, "--set", "multishot=[oops"], /multishot takes JSON \(an array\)/],
  [["price", KLING, "--sett", "x=1"], /unknown option --sett; did you mean --set\?/],
  [["models", "--provider", "klingplus"], /unknown provider "klingplus"; did you mean "kling-plus"\?/],
  [["run", KLING], /needs --set prompt=\.\.\./],
  [["run", KLING, "--set", "prompt=x", "--poll-ms", "fast"], /--poll-ms must be an integer/],
  [["serve", "--port", "http"], /--port must be an integer/],
  [["serve", "--port", "70000"], /--port must be an integer from 0 to 65535 \(got "70000"\)/],
])("%j → exit 2, one line", async (args, message) => {
  const res = await runInProcess(args, { env: { PIXELBYTE_API_KEY: "pb_x" } });
  expect(res.code).toBe(2);
  const text = args.length === 0 ? res.stdout : res.stderr;
  expect(text).toMatch(message);
  if (args.length > 0) {
    expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(res.stdout).toBe("");
  }
});

test("--set keeps \"true\" a string for a string field and makes it a boolean for a boolean field", async () => {
  const text = JSON.parse((await runInProcess(["price", KLING, "--set", "has_sound=true", "--json"])).stdout);
  expect(text.breakdown.find((b: { field: string }) => b.field === "has_sound").value).toBe("true");
  const bool = JSON.parse((await runInProcess(["price", SEEDANCE, "--set", "generate_audio=true", "--json"])).stdout);
  expect(bool.breakdown.find((b: { field: string }) => b.field === "generate_audio").value).toBe(true);
  expect(bool.microCents).toBe(280_005);
});

test("an unreachable server is one line and exit 1", async () => {
  const res = await runInProcess(["run", KLING, "--set", "prompt=x"], { env: { PIXELBYTE_API_KEY: "pb_x", PIXELBYTE_BASE_URL: "http://127.0.0.1:9" } });
  expect(res.code).toBe(1);
  expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(res.stderr).toMatch(/^pixelbyte: /);
});

test("on a terminal, run --wait draws one progress line in place", async () => {
  const server = await startServer({ timing: { pendingMs: 150, processingMs: 300, progress: "linear" } });
  const res = await runInProcess(["run", KLING, "--set", "prompt=p", "--wait", "--poll-ms", "30"], { isTTY: true, env: { PIXELBYTE_API_KEY: server.apiKey, PIXELBYTE_BASE_URL: server.url } });
  await server.close();
  expect(res.code).toBe(0);
  const redraws = res.stdout.split("\r\x1b[2K").length - 1;
  expect(redraws).toBeGreaterThanOrEqual(3);
  expect(res.stdout).toMatch(/\r\x1b\[2K. completed\s+█{24} 100%/);
  expect(res.stdout).toMatch(/100%\s+\d+\.\ds\noutput  http:/); // the bar line is ended before the outputs
});

test("help exits 0; `pricing ...` is handed to @pixelbyte/pricing-audit", async () => {
  const help = await runInProcess(["help"]);
  expect([help.code, help.stdout.includes("pricing table|diff|check")]).toEqual([0, true]);
  const table = await runInProcess(["pricing", "table", "--model", KLING]);
  expect(table.stderr).toBe("");
  expect(table.code).toBe(0);
  expect(table.stdout).toContain(KLING);
  expect(table.stdout).toContain("420,000"); // its default price
  const bad = await runInProcess(["pricing", "nonsense"]);
  expect(bad.code).toBe(2);
});
