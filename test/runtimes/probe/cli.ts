// Entry for runtimes started as a process (Node, Bun, Deno): config as the first argument, the
// report as one JSON line on stdout.
import type { ProbeConfig } from "./contract.js";
import { probe } from "./probe.js";

const g = globalThis as { Deno?: { args: string[] }; process?: { argv: string[] } };
const arg = g.Deno ? g.Deno.args[0] : g.process?.argv[2];
const report = await probe(JSON.parse(arg ?? "null") as ProbeConfig);
console.log(JSON.stringify(report));
