// 5. Pricing: runs pricing/micro.ts in its own process (a clean JIT) and reads its JSON.
import path from "node:path";
import { tsxCli } from "../paths.js";
import type { OracleReport } from "../pricing/oracle.js";
import { prepare } from "../synth/prepare.js";
import { ok, runNode } from "../util/proc.js";
import type { Summary } from "../util/stats.js";

export interface PricingResult {
  models: { slug: string; kind: string; factors: number; combinations: number; nsPerCall: { estimate: Summary; bare: Summary }; ratio: Summary }[];
  /** "spec" (spec/ as authored) and each synthetic root. */
  oracle: Record<string, OracleReport>;
}

export async function pricingBench(smoke: boolean): Promise<PricingResult> {
  const synthetic = await prepare(smoke ? 10 : 1000);
  const args = smoke ? ["1", "20"] : ["7", "300"];
  const r = ok(await runNode([tsxCli(), "--conditions=source", path.join(import.meta.dirname, "../pricing/micro.ts"), ...args, synthetic.root], { timeoutMs: 600_000 }), "pricing micro-benchmark");
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as PricingResult;
}
