import { estimate } from "@pixelbyte/pricing";
import { describeValue, formatMicroCents, formatUsd } from "@pixelbyte/pricing/runtime";
import { startServer } from "@pixelbyte/test-server";
import { connect, translate } from "../api.js";
import { parse, type CommandSpec } from "../command.js";
import { RunError, UsageError } from "../errors.js";
import { money, table } from "../format.js";
import type { Io } from "../io.js";
import { progressReporter } from "../progress.js";

const MODEL = "kling-plus/kling-o3-standard/text-to-video";
const DURATIONS = ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"] as const;
/** The issue's acceptance number: 84,000 µ¢/s × 10 s × 1.5 (sound). */
const EXPECTED_MICRO_CENTS = 1_260_000;

/**
 * `pixelbyte demo`: the README's main command. A local test server on a free port, the Kling O3
 * Standard price table, a 10-second clip with sound submitted through the generated client with
 * its price checked first, progress until completed, the output URL and the charged cost. Needs no
 * API key and no network.
 */
export const demoSpec = {
  name: "demo",
  summary: "price and run a clip against a local test server",
  synopsis: "",
  usage: "",
  details: "Starts a test server on a free port, prints the price table, prices a 10 s clip with sound, submits it,\nfollows its progress and checks the charge against the quote. No key, no network.",
  options: {},
} as const satisfies CommandSpec;

async function guardAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translate(error);
  }
}

export async function demoCommand(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(demoSpec, args);
  if (positionals.length > 0) throw new UsageError(`demo: unexpected argument ${describeValue(positionals[0])}`);

  const server = await startServer({ timing: { pendingMs: 500, processingMs: 2_500, progress: "linear" } });
  try {
    io.stdout(`Local PixelByte test server on ${server.url} (no API key or network needed)\n\n`);

    io.stdout(`${MODEL}: 84,000 µ¢ per second × duration × sound\n`);
    const rows = DURATIONS.map((duration) => {
      const silent = estimate(MODEL, { duration, has_sound: "false" }).microCents;
      const sound = estimate(MODEL, { duration, has_sound: "true" }).microCents;
      return [`${duration} s`, formatMicroCents(silent), formatUsd(silent), formatMicroCents(sound), formatUsd(sound)];
    });
    io.stdout(table(["duration", "no sound µ¢", "$", "with sound µ¢", "$"], rows, [1, 2, 3, 4]) + "\n");

    const input = { prompt: "A red fox running through fresh snow at dawn, cinematic", duration: "10", has_sound: "true" } as const;
    const { client } = connect({ apiKey: server.apiKey, baseUrl: server.url });
    // The price is checked before anything is sent: locally (exact), then against the server's estimate.
    const quote = client.price(MODEL, input);
    if (quote.microCents !== EXPECTED_MICRO_CENTS) throw new RunError(`price check failed: quoted ${quote.microCents} µ¢, expected ${EXPECTED_MICRO_CENTS}`);
    io.stdout(`Price check before submitting a 10 s clip with sound: ${money(quote.microCents)} ✓\n`);
    const remote = await guardAsync(() => client.estimate(MODEL, input));
    io.stdout(`Server estimate: ${money(remote.estimatedCostMicroCents)}${remote.differenceMicroCents === 0 ? " ✓" : ""}\n`);

    const job = await guardAsync(() => client.submit(MODEL, input));
    io.stdout(`Submitted ${job.jobId}: the server charged ${money(job.costMicroCents)}\n`);

    const progress = progressReporter(io);
    const final = await guardAsync(() => client.wait(job.jobId, { pollIntervalMs: 200, maxPollIntervalMs: 200, onProgress: (j) => progress.update(j) })).finally(() => progress.done());

    io.stdout(`Output: ${final.output}\n`);
    const matches = job.costMicroCents === quote.microCents;
    io.stdout(`Charged ${money(job.costMicroCents)} — ${matches ? "matches the quote ✓" : `differs from the quote ${money(quote.microCents)}`}\n`);
    if (!matches) throw new RunError("charged cost differs from the quote");
    return 0;
  } finally {
    await server.close();
    io.stdout("Test server stopped.\n");
  }
}
