// Issue 12 §2 for the CLI: the key (from PIXELBYTE_API_KEY or --api-key) never shows on stdout or
// stderr, whether a server echoes it, it is malformed, or it is typed into the wrong option.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { removeBundle, spawnCli, type CliResult } from "../helpers/cli.js";
import { findLeaks, SECRET_KEY, type Leak } from "../helpers/secrets.js";
import { startFaultServer, step, type FaultServer } from "../client/helpers/fault-server.js";
import { fixtures, KLING } from "../client/helpers/fixtures.js";

const KEY = SECRET_KEY;
const SUBMIT = "POST /v1/jobs/submit";
const servers: FaultServer[] = [];

/** A fault server of its own for each test (the tests run concurrently; scripts must not mix). */
async function apiServer(): Promise<FaultServer> {
  const server = await startFaultServer();
  servers.push(server);
  server.handle(SUBMIT, step.json(fixtures.submit("job_1", 1_260_000)));
  server.handle("GET /v1/jobs/*", step.json(fixtures.job("completed")));
  return server;
}

let server: FaultServer;
beforeAll(async () => {
  server = await apiServer();
});
afterAll(async () => {
  removeBundle();
  for (const s of servers) await s.close();
});

function leaks(res: CliResult): Leak[] {
  return [...findLeaks("stdout", res.stdout, KEY), ...findLeaks("stderr", res.stderr, KEY)];
}

function expectNoLeak(res: CliResult): void {
  const found = leaks(res);
  expect(found, `leaked:\n${found.map((l) => `  ${l.where} (${l.form}): …${l.excerpt}…`).join("\n")}\nstdout: ${res.stdout}\nstderr: ${res.stderr}`).toEqual([]);
}

const runArgs = (on: FaultServer, ...more: string[]) => ["run", KLING, "--set", "prompt=a fox", "--base-url", on.url, ...more];
const withKey = { PIXELBYTE_API_KEY: KEY };

describe.concurrent("pixelbyte never prints the key", () => {
  test("a 401 that echoes the key in its message, details and x-request-id", async () => {
    const own = await apiServer();
    own.script(SUBMIT, step.error(401, "INVALID_API_KEY", `Invalid API key ${KEY}`, { details: { key: KEY }, requestId: `req_${KEY}` }));
    const res = await spawnCli(runArgs(own), { env: withKey });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/INVALID_API_KEY/);
    expectNoLeak(res);
  });

  test("a submit answered with the key as its request id (stdout)", async () => {
    const own = await apiServer();
    own.script(SUBMIT, step.json({ ...fixtures.submit("job_1", 1_260_000), requestId: KEY }));
    const res = await spawnCli(runArgs(own, "--api-key", KEY));
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/submitted job_1/);
    expectNoLeak(res);
  });

  test("run --wait: the job fails with a message echoing the key", async () => {
    const own = await apiServer();
    own.script("GET /v1/jobs/*", step.json(fixtures.job("failed", { error: { code: "GENERATION_FAILED", message: `provider refused ${KEY}` } })));
    const res = await spawnCli(runArgs(own, "--wait", "--poll-ms", "10"), { env: withKey });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/GENERATION_FAILED/);
    expectNoLeak(res);
  });

  test("--api-key with a line feed inside: refused, exit 2, nothing sent, no stack (also via tsx)", async () => {
    const before = server.count(SUBMIT);
    const bad = `${KEY.slice(0, 20)}\n${KEY.slice(20)}`;
    const [bundled, tsx] = await Promise.all([spawnCli(runArgs(server, "--api-key", bad)), spawnCli(runArgs(server, "--api-key", bad), { viaTsx: true })]);
    for (const res of [bundled, tsx]) {
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/^pixelbyte: .*--api-key.*control character/);
      expect(res.stderr).not.toMatch(/\n\s+at /);
      for (const part of [KEY.slice(0, 20), KEY.slice(20)]) expect(findLeaks("stderr", res.stderr, part)).toEqual([]);
      expectNoLeak(res);
    }
    expect(server.count(SUBMIT)).toBe(before);
  });

  test("PIXELBYTE_API_KEY with a NUL inside, with PIXELBYTE_DEBUG=1: refused without quoting it", async () => {
    const res = await spawnCli(runArgs(server), { env: { PIXELBYTE_API_KEY: `${KEY.slice(0, 20)}\u0001${KEY.slice(20)}`, PIXELBYTE_DEBUG: "1" } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/PIXELBYTE_API_KEY/);
    for (const part of [KEY.slice(0, 20), KEY.slice(20)]) expect(findLeaks("stderr", res.stderr, part)).toEqual([]);
  });

  test.each([
    ["an enum value (--set duration=KEY)", ["run", KLING, "--set", "prompt=a", "--set", `duration=${KEY}`]],
    ["a field name (--set KEY=1)", ["price", KLING, "--set", `${KEY}=1`]],
    ["the model slug", ["run", KEY, "--set", "prompt=a"]],
    ["the price command's slug", ["price", `${KEY}/x`]],
    ["--base-url", ["run", KLING, "--set", "prompt=a", "--base-url", KEY]],
    ["--base-url with the key as its password", ["run", KLING, "--set", "prompt=a", "--base-url", `https://user:${KEY}@api.example.com`]],
    ["--poll-ms", ["run", KLING, "--set", "prompt=a", "--poll-ms", KEY]],
    ["an unknown command", [KEY]],
  ])("the key typed into %s", async (_name, args) => {
    const res = await spawnCli(args, { env: withKey });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^pixelbyte: /);
    expectNoLeak(res);
  });

  test("the same, with the key given by --api-key instead of the environment", async () => {
    const res = await spawnCli(["run", KLING, "--api-key", KEY, "--set", "prompt=a", "--set", `duration=${KEY}`]);
    expect(res.code).toBe(2);
    expectNoLeak(res);
  });
});
