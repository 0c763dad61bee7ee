// 4. Runtime overhead: runs runtime/micro.ts in its own process and reads its JSON.
import path from "node:path";
import { tsxCli } from "../paths.js";
import { ok, runNode } from "../util/proc.js";
import type { Summary } from "../util/stats.js";

export interface RuntimeRow {
  id: string;
  label: string;
  rps: Summary;
  /** Per-round requests/s over raw fetch's in the same round. */
  ratio: Summary;
  raw: Summary;
}

export interface StubRow {
  id: string;
  label: string;
  usPerCall: Summary;
  /** Per-round µs per call minus raw fetch's with the same stub. */
  overheadUs: Summary;
  rawUs: Summary;
  /** The same in this process's CPU time (user + system), which other processes on the machine do not inflate. */
  cpuUsPerCall?: Summary;
  cpuOverheadUs?: Summary;
  /** Ours only: per-round µs per call minus openapi-fetch's (issue 13: what the client adds to its transport), wall and CPU. */
  overOpenapiFetchUs?: Summary;
  cpuOverOpenapiFetchUs?: Summary;
}

export interface RuntimeResult {
  available: boolean;
  note?: string;
  rows?: RuntimeRow[];
  stub?: StubRow[];
}

export async function runtimeBench(smoke: boolean): Promise<RuntimeResult> {
  // Per round: 4 clients × (get, submit) × (sequential + 50 in flight), then the stub calls.
  const args = smoke ? ["1", "200", "200", "2000"] : ["5", "1000", "2000", "10000"];
  const r = ok(await runNode([tsxCli(), "--conditions=source", path.join(import.meta.dirname, "../runtime/micro.ts"), ...args], { timeoutMs: 660_000 }), "runtime micro-benchmark");
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { rows: RuntimeRow[]; stub: StubRow[] };
  return { available: true, ...out };
}
