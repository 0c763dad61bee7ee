/**
 * `pnpm test:runtimes [--only id,id]`: the client and pricing packages in every runtime the README
 * names. In each of Node 20 (this process's), Node 22, Node 24, Bun, Deno, headless Chromium and
 * workerd (the Cloudflare Workers runtime): `estimate` (exact prices, a half-micro-cent rounding
 * case included), `verifyWebhook` with Web Crypto (a delivery the test server really signed, and
 * the same body tampered with), an upload (presign, then the PUT to storage) and `run()` of a job
 * against @pixelbyte/test-server on 127.0.0.1, checked against the server's own records. Chromium runs from a page on another origin (the test
 * server's `cors` option), plus a control run against a server without CORS that must be blocked.
 *
 * Runtimes come from the npm registry (pinned in runtimes.ts, cached in ~/.cache/pixelbyte-ci/
 * runtimes) and Chromium from apt-get when missing (install.ts). Exit 1 when anything fails.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "@pixelbyte/client";
import { estimate } from "@pixelbyte/pricing";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { startReceiver } from "../helpers/receiver.js";
import { buildProbes, type Probes } from "./build.js";
import { checkBlockedWithoutCors, checkReport, type Reference } from "./check.js";
import { cacheRoot, installChromium, installRegistryRuntime, type Installed } from "./install.js";
import type { ProbeConfig, ProbeReport } from "./probe/contract.js";
import { runBrowser, runProcess, runWorkerd, servePage } from "./runners.js";
import { CHROMIUM, registryRuntimes, WORKERD_COMPATIBILITY_DATE } from "./runtimes.js";

const KLING = "kling-plus/kling-o3-standard/text-to-video";
const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";
const WEBHOOK_SECRET = "whsec_runtime_matrix";

/** Prices every runtime recomputes: the README example, a half micro-cent rounded half-up, a model's defaults. */
const PRICES: ProbeConfig["prices"] = [
  { slug: KLING, input: { prompt: "a neon city", duration: "10", has_sound: "true" } },
  { slug: SEEDANCE, input: { prompt: "a wave", image_url: "https://example.com/a.png", resolution: "720p", generate_audio: false, duration: "5" } },
  { slug: KLING, input: { prompt: "defaults" } },
];

interface Row {
  id: string;
  label: string;
  version: string;
  install: string;
  probeMs: number | undefined;
  problems: string[];
}

const ALL_IDS = ["node-host", ...registryRuntimes().map((r) => r.id), CHROMIUM.id];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: "string" } } });
  const only = values.only?.split(",").map((s) => s.trim());
  const unknown = only?.filter((id) => !ALL_IDS.includes(id)) ?? [];
  if (unknown.length > 0) {
    console.error(`test:runtimes: unknown runtime ${unknown.join(", ")}; known: ${ALL_IDS.join(", ")}`);
    return 2;
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    console.error(`test:runtimes downloads linux-x64 runtime builds; this is ${process.platform}-${process.arch} (run it in CI)`);
    return 1;
  }
  const wanted = (id: string) => !only || only.includes(id);
  const started = Date.now();
  console.log(`runtime matrix: ${ALL_IDS.filter(wanted).join(", ")} (cache ${cacheRoot()})`);

  const work = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-runtimes-"));
  const closers: (() => Promise<void>)[] = [];
  const rows: Row[] = [];
  try {
    // Downloads, apt-get and the build overlap; each reports its own time.
    const t0 = Date.now();
    const installs = new Map<string, Promise<Installed>>();
    for (const rt of registryRuntimes()) if (wanted(rt.id)) installs.set(rt.id, installRegistryRuntime(rt));
    if (wanted(CHROMIUM.id)) installs.set(CHROMIUM.id, installChromium(CHROMIUM));
    for (const p of installs.values()) p.catch(() => {}); // judged per runtime below
    const probes = await buildProbes(work);
    console.log(`built dist/ and the probe bundles in ${seconds(Date.now() - t0)}`);

    // The servers: the page's origin, the API with CORS for exactly that origin, a control API without CORS.
    const page = await servePage(probes.page);
    closers.push(page.close);
    const timing = { pendingMs: 20, processingMs: 60 };
    const server = await startServer({ timing, webhookSecret: WEBHOOK_SECRET, cors: [page.origin] });
    closers.push(() => server.close());
    const control = await startServer({ timing, webhookSecret: WEBHOOK_SECRET });
    closers.push(() => control.close());

    const webhook = await genuineDelivery();
    const ref: Reference = {
      prices: PRICES.map((p) => JSON.parse(JSON.stringify(estimate(p.slug as never, p.input as never))) as unknown),
      jobMicroCents: estimate(KLING, PRICES[0]!.input as never).microCents,
      webhookJobId: webhook.jobId,
    };
    const configFor = (id: string, target: TestServer = server): ProbeConfig => ({
      runtime: id,
      baseUrl: target.url,
      apiKey: target.apiKey,
      prices: PRICES,
      webhook: { rawBody: webhook.rawBody, tamperedBody: webhook.rawBody.replace('"completed"', '"failed"'), headers: webhook.headers, secret: WEBHOOK_SECRET },
      // A PNG signature and a file name naming the runtime; the server must hold exactly these bytes.
      upload: { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(id)], contentType: "image/png", filename: `${id}.png` },
      // A prompt naming the runtime, so the server's record shows whose submit it was.
      job: { slug: KLING, input: { prompt: `runtime matrix: ${id}`, duration: "10", has_sound: "true" }, maxCostMicroCents: 1_500_000 },
    });

    const judge = async (id: string, label: string, install: Installed | undefined, self: (s: string) => boolean, go: (cfg: ProbeConfig) => Promise<ProbeReport>, extra?: (r: ProbeReport) => string[]) => {
      const row: Row = { id, label, version: install?.version ?? "", install: install ? `${install.source} ${seconds(install.ms)}` : "-", probeMs: undefined, problems: [] };
      rows.push(row);
      const cfg = configFor(id);
      const t = Date.now();
      try {
        const report = await go(cfg);
        row.probeMs = Date.now() - t;
        row.problems.push(...checkReport(report, cfg, ref, server, self), ...(extra?.(report) ?? []));
      } catch (e) {
        row.probeMs = Date.now() - t;
        row.problems.push((e as Error).message);
      }
      console.log(`${row.problems.length === 0 ? "✓" : "✗"} ${label} ${row.version} (${seconds(row.probeMs)})`);
      for (const p of row.problems) console.log(`    ${p.split("\n").join("\n    ")}`);
    };
    const installed = async (id: string): Promise<Installed | Error> => installs.get(id)!.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    const failedInstall = (id: string, label: string, e: Error) => {
      rows.push({ id, label, version: "", install: "failed", probeMs: undefined, problems: [e.message] });
      console.log(`✗ ${label}: ${e.message}`);
    };

    if (wanted("node-host")) {
      const self: Installed = { id: "node-host", label: `Node.js ${process.versions.node.split(".")[0]} (the harness's own)`, path: process.execPath, version: process.versions.node, source: "present", ms: 0 };
      // The Node running this harness (CI's Node 20), but a fresh process loading dist/ like the others.
      await judge(self.id, self.label, self, (s) => s === `node ${process.versions.node}`, (cfg) => runProcess(process.execPath, [probes.cli], cfg, probes.project));
    }
    for (const rt of registryRuntimes().filter((r) => wanted(r.id))) {
      const inst = await installed(rt.id);
      if (inst instanceof Error) {
        failedInstall(rt.id, rt.label, inst);
        continue;
      }
      const v = rt.version;
      if (rt.id.startsWith("node")) await judge(rt.id, rt.label, inst, (s) => s === `node ${v}`, (cfg) => runProcess(inst.path, [probes.cli], cfg, probes.project));
      else if (rt.id === "bun") await judge(rt.id, rt.label, inst, (s) => s === `bun ${v}`, (cfg) => runProcess(inst.path, [probes.cli], cfg, probes.project));
      else if (rt.id === "deno") {
        const env = { DENO_DIR: path.join(work, "deno-dir"), DENO_NO_UPDATE_CHECK: "1" };
        const flags = ["--no-lock", "--no-prompt", "--allow-net=127.0.0.1"];
        // As an npm project: Deno reads package.json and resolves the packages from node_modules (no download).
        const npmMode = ["run", "--node-modules-dir=manual", ...flags, probes.cli];
        await judge(rt.id, `${rt.label} (npm packages)`, inst, (s) => s === `deno ${v}`, (cfg) => runProcess(inst.path, npmMode, cfg, probes.project, env));
        // Without Deno's npm layer (--no-npm): one bundled ES module, as from a bundler or an ESM CDN.
        const plain = ["run", "--no-config", "--no-npm", ...flags, probes.standalone];
        await judge(`${rt.id}-esm`, `${rt.label} (bundled ES module)`, inst, (s) => s === `deno ${v}`, (cfg) => runProcess(inst.path, plain, cfg, path.dirname(probes.standalone), env));
      } else if (rt.id === "workerd") {
        await judge(rt.id, rt.label, inst, (s) => s === "Cloudflare-Workers", (cfg) => runWorkerd(inst.path, probes.worker, WORKERD_COMPATIBILITY_DATE, cfg));
      }
    }
    if (wanted(CHROMIUM.id)) {
      const inst = await installed(CHROMIUM.id);
      if (inst instanceof Error) failedInstall(CHROMIUM.id, CHROMIUM.label, inst);
      else {
        const major = /(\d+)\./.exec(inst.version)?.[1] ?? "?";
        let blocked: ProbeReport | undefined;
        await judge(
          CHROMIUM.id,
          CHROMIUM.label,
          inst,
          (s) => s.includes(`Chrome/${major}.`),
          async (cfg) => {
            const run = await runBrowser(inst.path, page.origin, cfg, configFor("chromium-without-cors", control));
            blocked = run.control;
            return run.report;
          },
          () => (blocked ? checkBlockedWithoutCors(blocked, control) : ["the control run without CORS did not happen"]),
        );
      }
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await rm(work, { recursive: true, force: true });
  }

  console.log("\nruntime                          version         install          probe  result");
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(32)} ${r.version.padEnd(15)} ${r.install.padEnd(16)} ${r.probeMs === undefined ? "     -" : seconds(r.probeMs).padStart(6)}  ${r.problems.length === 0 ? "ok" : `${r.problems.length} problem(s)`}`,
    );
  }
  const failed = rows.filter((r) => r.problems.length > 0);
  console.log(`\n${rows.length - failed.length}/${rows.length} runtimes passed in ${seconds(Date.now() - started)}`);
  return failed.length === 0 ? 0 : 1;
}

/**
 * A delivery a test server really sends: run a job with an https webhook URL (the client accepts no
 * other) that the server delivers to a local receiver, and keep the raw body and signature headers.
 */
async function genuineDelivery(): Promise<{ jobId: string; rawBody: string; headers: Record<string, string> }> {
  const receiver = await startReceiver();
  const server = await startServer({ timing: { pendingMs: 5, processingMs: 5 }, webhookSecret: WEBHOOK_SECRET, webhookUrlRewrite: () => receiver.url });
  try {
    const client = createClient({ apiKey: server.apiKey, baseUrl: server.url });
    const job = await client.run(KLING, { prompt: "webhook for the runtime matrix" }, { webhookUrl: "https://hooks.example/pixelbyte", pollIntervalMs: 10 });
    await server.settled();
    const delivery = receiver.received[0];
    if (!delivery) throw new Error("the test server sent no webhook delivery");
    const pick = (name: string) => String(delivery.headers[name]);
    return { jobId: job.jobId, rawBody: delivery.raw, headers: { "x-pixelbyte-signature": pick("x-pixelbyte-signature"), "x-pixelbyte-timestamp": pick("x-pixelbyte-timestamp") } };
  } finally {
    await server.close();
    await receiver.close();
  }
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? "-" : `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
