// The core entry's modular form: createBaseClient (key, transport, budget, one exit) and functions
// taking it (submit, run, estimate, price, wait, getJob, cancelJob, listJobs, uploadsOf, catalogOf,
// modelsOf, providersOf). Same requests, results and guarantees as the methods; a bundle keeps only
// the operations it calls. Against a real HTTP server on 127.0.0.1.
import path from "node:path";
import { createClient as createRootClient } from "@pixelbyte/client";
import {
  BudgetExceededError,
  cancelJob,
  catalogOf,
  ConfigurationError,
  createBaseClient,
  createClient,
  estimate,
  getJob,
  InputValidationError,
  listJobs,
  modelsOf,
  price,
  providersOf,
  run,
  submit,
  uploadsOf,
  wait,
  type BaseClient,
  type ModelDescriptor,
} from "@pixelbyte/client/core";
import kling from "@pixelbyte/client/models/kling-plus/kling-o3-standard/text-to-video";
import { build } from "esbuild";
import { afterEach, describe, expect, test } from "vitest";
import { repoRoot } from "../codegen/scenarios.js";
import { errorRenderings, leaksIn } from "../helpers/secrets.js";
import { answerEverything, API_KEY, fakeClock, KLING, KLING_INPUT, KLING_PRICE, noUnhandledRejections, rejectionOf } from "./helpers/fixtures.js";
import { startFaultServer, type FaultServer } from "./helpers/fault-server.js";

noUnhandledRejections();

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function started(): Promise<FaultServer> {
  server = await startFaultServer();
  answerEverything(server);
  return server;
}

const options = (s: FaultServer) => ({ apiKey: API_KEY, baseUrl: s.url, clock: fakeClock(), timeoutMs: 2_000 });
const loose = <T = ModelDescriptor>(value: unknown) => value as T;
const requests = (s: FaultServer) => s.received.map((r) => `${r.method} ${r.path} ${r.body}`);

describe("the modular form of the core entry", () => {
  test("a base client has no operation of its own; the functions send what the methods send and return the same", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    expect(Object.keys(base).sort()).toEqual(["baseUrl", "budget", "toJSON", "toString"]);
    const results = [
      await submit(base, kling, KLING_INPUT, { maxCostMicroCents: KLING_PRICE }),
      await run(base, kling, KLING_INPUT),
      await estimate(base, kling, KLING_INPUT),
      price(base, kling, KLING_INPUT),
      await wait(base, "job_1"),
      await getJob(base, "job_1"),
      await cancelJob(base, "job_1"),
    ];
    const modular = requests(s);
    s.received.length = 0;
    const client = createClient(options(s));
    const methods = [
      await client.submit(kling, KLING_INPUT, { maxCostMicroCents: KLING_PRICE }),
      await client.run(kling, KLING_INPUT),
      await client.estimate(kling, KLING_INPUT),
      client.price(kling, KLING_INPUT),
      await client.wait("job_1"),
      await client.jobs.get("job_1"),
      await client.jobs.cancel("job_1"),
    ];
    expect(requests(s)).toEqual(modular);
    expect(modular.length).toBeGreaterThanOrEqual(7);
    expect(results).toEqual(methods);
    expect(results[0]).toMatchObject({ jobId: "job_1", price: { quotedMicroCents: KLING_PRICE, matches: true } });
    expect(results[3]).toMatchObject({ model: KLING, microCents: KLING_PRICE });
  });

  test("uploads, catalog, models, providers and job listing take any client and equal the root client's members", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    const root = createRootClient(options(s));
    const jobs: unknown[] = [];
    for await (const j of listJobs(base, { limit: 10 })) jobs.push(j);
    const rootJobs: unknown[] = [];
    for await (const j of root.jobs.list({ limit: 10 })) rootJobs.push(j);
    expect(jobs).toEqual(rootJobs);
    expect(jobs).toHaveLength(1);
    expect(await uploadsOf(base).get("3f44e3c6-acd9-4cc3-a91b-e63ec517b383")).toEqual(await root.uploads.get("3f44e3c6-acd9-4cc3-a91b-e63ec517b383"));
    const uploaded = await uploadsOf(base).upload(new Uint8Array([137, 80, 78, 71]), { filename: "cat.png", contentType: "image/png" });
    expect(uploaded.fileUrl).toBe("https://assetsv1.cdn.muvi.video/temp/user_1/uuid_cat.png");
    expect(await catalogOf(base).categories()).toEqual(await root.catalog.categories());
    expect(await modelsOf(base).list()).toEqual(await root.models.list());
    expect(await providersOf(base).list()).toEqual(await root.providers.list());
    // The root client's budget getter stays live after its members are added.
    const budgeted = createRootClient({ ...options(s), budget: { limitMicroCents: 5_000_000 } });
    await budgeted.submit(KLING, KLING_INPUT);
    expect(budgeted.budget).toMatchObject({ spentMicroCents: KLING_PRICE, remainingMicroCents: 5_000_000 - KLING_PRICE });
  });

  test("validation, the per-call cap and the client budget hold before anything is sent", async () => {
    const s = await started();
    const base = createBaseClient({ ...options(s), budget: { limitMicroCents: 1_000_000 } });
    const bad = (await rejectionOf(submit(base, kling, loose({ prompt: "p", duration: "16" })))) as InputValidationError;
    expect(bad).toBeInstanceOf(InputValidationError);
    expect(bad.allowed).toContain("15");
    const twoFaced = { prompt: "p", duration: "5", toJSON: () => ({ prompt: "p", duration: "15" }) };
    expect(await rejectionOf(submit(base, kling, loose(twoFaced)))).toMatchObject({ code: "INVALID_INPUT", field: "input" });
    expect(() => price(base, kling, loose({ prompt: "p", duration: Number.NaN }))).toThrow(InputValidationError);
    expect(await rejectionOf(submit(base, kling, KLING_INPUT, { maxCostMicroCents: 1_000 }))).toBeInstanceOf(BudgetExceededError);
    expect(await rejectionOf(run(base, kling, KLING_INPUT))).toMatchObject({ code: "BUDGET_EXCEEDED", details: expect.objectContaining({ scope: "client" }) });
    expect(await rejectionOf(estimate(base, loose(KLING), KLING_INPUT))).toMatchObject({ field: "model", rule: "known-model" });
    expect(await rejectionOf(getJob(base, ".."))).toBeInstanceOf(InputValidationError);
    expect(s.received).toHaveLength(0);
  });

  test("anything but a client is refused with a ConfigurationError, nothing sent; a copy of a client is not one", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    for (const notClient of [undefined, null, {}, { ...base }, "pb_live_9f3c2b7e1d4a6c8b0e2f4a6c8d0e2f4a", Object.create(base)]) {
      const b = loose<BaseClient>(notClient);
      expect(() => price(b, kling, KLING_INPUT)).toThrow(ConfigurationError);
      // A promise-returning function refuses by rejecting (modular-misuse.test.ts), never synchronously.
      expect((await rejectionOf(submit(b, kling, KLING_INPUT))).message).toMatch(/must be a client made by createClient/);
      expect(() => listJobs(b)).toThrow(ConfigurationError);
      expect(() => uploadsOf(b)).toThrow(ConfigurationError);
      expect(() => catalogOf(b)).toThrow(ConfigurationError);
    }
    expect(s.received).toHaveLength(0);
  });

  test("the key leaves masked through every function's exit, as through the methods'", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    const errors = [
      await rejectionOf(submit(base, loose(API_KEY), KLING_INPUT)),
      await rejectionOf(submit(base, kling, loose({ prompt: API_KEY, duration: API_KEY }))),
      await rejectionOf(getJob(base, API_KEY)),
      await rejectionOf(cancelJob(base, `${API_KEY}/x`)),
      await rejectionOf(uploadsOf(base).upload(new Uint8Array(1), { filename: `${API_KEY}/x.png`, contentType: "image/png" })),
      await rejectionOf(catalogOf(base).model(`${API_KEY}/a/b/c`)),
      await rejectionOf((async () => {
        for await (const _ of listJobs(base, loose({ model: `${API_KEY}?` }))) void _;
      })()),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(Error);
      expect(leaksIn(errorRenderings(e), API_KEY)).toEqual([]);
    }
    expect(s.received).toHaveLength(0);
  });
});

describe("what a bundle keeps", () => {
  /** The source modules (relative to packages/client/src/core) esbuild keeps in a minified browser bundle of `source`. */
  async function coreModulesIn(source: string): Promise<string[]> {
    const result = await build({
      stdin: { contents: source, resolveDir: path.join(repoRoot, "examples/video-app"), loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
      conditions: ["source"],
      metafile: true,
    });
    const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
    return Object.entries(inputs)
      .filter(([file, info]) => info.bytesInOutput > 0 && file.includes("packages/client/src/core/"))
      .map(([file]) => file.replace(/.*packages\/client\/src\/core\//, ""))
      .sort();
  }
  const header = `import kling from "@pixelbyte/client/models/${KLING}";\nconst input = ${JSON.stringify(KLING_INPUT)};\n`;

  test("a program that submits holds no polling, uploads, catalog, listing or webhook code; one that runs holds the polling", async () => {
    const submitOnly = await coreModulesIn(`${header}import { createBaseClient, submit } from "@pixelbyte/client/core";
export const go = () => submit(createBaseClient({ apiKey: "pb_x" }), kling, input);`);
    for (const safety of ["validate.ts", "json-value.ts", "redact.ts", "budget.ts", "exit.ts", "jobs.ts"]) expect(submitOnly).toContain(safety);
    for (const other of ["wait.ts", "uploads.ts", "catalog.ts", "webhooks.ts", "extras.ts", "client.ts"]) expect(submitOnly).not.toContain(other);
    const runs = await coreModulesIn(`${header}import { createBaseClient, run } from "@pixelbyte/client/core";
export const go = () => run(createBaseClient({ apiKey: "pb_x" }), kling, input);`);
    expect(runs).toContain("wait.ts");
    for (const other of ["uploads.ts", "catalog.ts", "webhooks.ts", "extras.ts"]) expect(runs).not.toContain(other);
  }, 60_000);

  test("createClient's methods hold the job lifecycle, not uploads, catalog or listing; uploadsOf adds the uploads", async () => {
    const methods = await coreModulesIn(`${header}import { createClient } from "@pixelbyte/client/core";
export const go = () => createClient({ apiKey: "pb_x" }).submit(kling, input);`);
    expect(methods).toEqual(expect.arrayContaining(["client.ts", "wait.ts", "jobs.ts"]));
    for (const other of ["uploads.ts", "catalog.ts", "webhooks.ts", "extras.ts"]) expect(methods).not.toContain(other);
    const withUploads = await coreModulesIn(`import { createClient, uploadsOf } from "@pixelbyte/client/core";
export const go = (b: Blob) => uploadsOf(createClient({ apiKey: "pb_x" })).upload(b, { filename: "a.png" });`);
    expect(withUploads).toContain("uploads.ts");
    expect(withUploads).not.toContain("catalog.ts");
  }, 60_000);
});
