// One `pixelbyte pricing …` run in a fresh process, for the cold timings of bench/run.ts.
import { pricingCommand } from "../src/index.js";

process.exitCode = await pricingCommand(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
});
