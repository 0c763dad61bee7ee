// How the probe is started in each kind of runtime, and how its report comes back.
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";
import type { ProbeConfig, ProbeReport } from "./probe/contract.js";

const PROBE_TIMEOUT_MS = 60_000;

/** Only what a runtime needs: no API keys or tokens from the CI environment leak into it. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: os.homedir(), NO_COLOR: "1", ...extra };
}

/** Node, Bun or Deno: `<bin> ...args <config JSON>` in the probe project directory; the report is the last stdout line. */
export function runProcess(bin: string, args: string[], config: ProbeConfig, cwd: string, env: Record<string, string> = {}): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, JSON.stringify(config)], { cwd, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), PROBE_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      try {
        if (code !== 0) throw new Error(`exit ${code ?? signal}`);
        resolve(JSON.parse(last) as ProbeReport);
      } catch (e) {
        reject(new Error(`${path.basename(bin)} ${args.join(" ")}: ${(e as Error).message}\n${stderr.trim() || stdout.trim()}`.trim()));
      }
    });
  });
}

/** A static server for the page: another origin than the API, so every API call is a real cross-origin request. */
export async function servePage(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const types: Record<string, string> = { "/": "text/html; charset=utf-8", "/probe.js": "text/javascript; charset=utf-8" };
  const server = createServer((req, res) => {
    const type = types[req.url ?? ""];
    if (!type) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    createReadStream(path.join(dir, req.url === "/" ? "index.html" : "probe.js")).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

export interface BrowserRun {
  report: ProbeReport;
  /** The same probe against a server without CORS: the run must fail there. */
  control: ProbeReport;
}

/**
 * Headless Chromium (the system binary, driven by playwright-core, which never downloads a browser
 * when given executablePath), a fresh profile, no background networking: one page loads the bundle
 * from `pageOrigin` and calls the probe.
 */
export async function runBrowser(executablePath: string, pageOrigin: string, config: ProbeConfig, control: ProbeConfig): Promise<BrowserRun> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    env: cleanEnv(),
    timeout: PROBE_TIMEOUT_MS,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const inPage = async (cfg: ProbeConfig): Promise<ProbeReport> => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${pageOrigin}/`);
      await page.waitForFunction(() => typeof (globalThis as { pixelbyteProbe?: unknown }).pixelbyteProbe === "function", undefined, { timeout: 15_000 }).catch(() => {
        throw new Error(`the probe bundle did not load in the page${errors.length ? `: ${errors.join("; ")}` : ""}`);
      });
      const report = await page.evaluate((c) => (globalThis as unknown as { pixelbyteProbe(c: unknown): Promise<unknown> }).pixelbyteProbe(c), cfg as unknown);
      await page.close();
      return report as ProbeReport;
    };
    return { report: await inPage(config), control: await inPage(control) };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * workerd with a config of our own: the bundle as an ES module worker (no nodejs_compat flag, so
 * only the Workers web APIs exist), outbound fetch allowed to loopback, an HTTP socket on a free
 * port that workerd reports on its control fd. The config goes in as the request body.
 */
export async function runWorkerd(bin: string, workerBundle: string, compatibilityDate: string, config: ProbeConfig): Promise<ProbeReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-workerd-"));
  await copyFile(workerBundle, path.join(dir, "worker.js"));
  await writeFile(
    path.join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .probe),
    # The default outbound network allows public addresses only; the test server is on 127.0.0.1.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const probe :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${compatibilityDate}",
);
`,
  );
  const child = spawn(bin, ["serve", path.join(dir, "config.capnp"), "--control-fd=3"], { cwd: dir, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdout!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => child.on("close", () => r()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workerd did not start listening within 30 s\n${stderr}`)), 30_000);
      child.on("error", reject);
      void exited.then(() => reject(new Error(`workerd exited before listening\n${stderr}`)));
      createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on("line", (line) => {
        const msg = JSON.parse(line) as { event?: string; socket?: string; port?: number };
        if (msg.event === "listen" && msg.socket === "http" && typeof msg.port === "number") {
          clearTimeout(timer);
          resolve(msg.port);
        }
      });
    });
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: JSON.stringify(config), signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const text = await res.text();
    if (!res.ok) throw new Error(`the worker answered ${res.status}: ${text.slice(0, 500)}\n${stderr}`);
    return JSON.parse(text) as ProbeReport;
  } finally {
    child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
}
