import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { removeBundle, runInProcess, spawnCli } from "../helpers/cli.js";
import { KLING } from "../helpers/http.js";
import { selfCommand } from "../../packages/cli/src/invocation.js";

// A newcomer's first commands, through the real bin as a process: `--help`, `-h` and `help <command>`
// for every command and pricing subcommand, each listing every option the command accepts.

afterAll(removeBundle);

/** Every option each command accepts, written here independently of the CLI's own declarations. */
const OPTIONS: Record<string, string[]> = {
  models: ["--provider", "--json"],
  price: ["--set", "--json"],
  run: ["--set", "--wait", "--json", "--base-url", "--api-key", "--poll-ms"],
  serve: ["--port", "--host", "--api-key", "--pending-ms", "--processing-ms", "--balance", "--max-concurrent", "--webhook-secret", "--seed", "--drift", "--json"],
  demo: [],
  help: [],
  pricing: ["--model", "--format", "--matrix", "--fail-on-increase", "--threshold", "--max-age", "--base-url", "--sample", "--seed", "--concurrency", "--timeout-ms", "--api-key", "--json"],
};

describe.concurrent("help for every command", () => {
  for (const [command, options] of Object.entries(OPTIONS)) {
    test(`${command}: --help, -h and help ${command} print its usage and every option, exit 0`, async () => {
      // pricing lives in @pixelbyte/pricing-audit, which the test bundle leaves out: one process through
      // tsx (a few seconds each), the other two spellings in this process.
      const runs =
        command === "pricing"
          ? await Promise.all([spawnCli([command, "--help"], { viaTsx: true }), runInProcess([command, "-h"]), runInProcess(["help", command])])
          : await Promise.all([spawnCli([command, "--help"]), spawnCli([command, "-h"]), spawnCli(["help", command])]);
      for (const res of runs) {
        expect(res.stderr).toBe("");
        expect(res.code).toBe(0);
        expect(res.stdout).toMatch(new RegExp(`^usage: pixelbyte ${command}\\b`));
        for (const option of options) expect(res.stdout, `${command} help lists ${option}`).toMatch(new RegExp(`${option}\\b`));
        if (command !== "pricing") expect(res.stdout).toMatch(/-h, --help/);
      }
      // All three are the same text.
      expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
    });
  }

  test("pricing subcommands: table, diff, check and verify take --help and -h; help pricing <subcommand> too (in this process)", async () => {
    const runs = await Promise.all([
      runInProcess(["pricing", "table", "--help"]),
      runInProcess(["pricing", "diff", "-h"]),
      runInProcess(["pricing", "check", "--help"]),
      runInProcess(["pricing", "verify", "--help"]),
      runInProcess(["pricing", "verify", "--base-url", "http://127.0.0.1:1", "-h"]),
      runInProcess(["help", "pricing", "diff"]),
    ]);
    for (const res of runs) {
      expect([res.code, res.stderr]).toEqual([0, ""]);
      expect(res.stdout).toMatch(/^usage: pixelbyte pricing/);
    }
  });

  test("help after other arguments still wins; an unknown command in help is named with the closest", async () => {
    const [late, unknown] = await Promise.all([spawnCli(["run", KLING, "--set", "prompt=x", "--help"]), spawnCli(["help", "prise"])]);
    expect([late.code, late.stderr]).toEqual([0, ""]);
    expect(late.stdout).toMatch(/^usage: pixelbyte run/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('pixelbyte: unknown command "prise"; did you mean "price"?\n');
  });

  test("`--set duration 10` says that --set takes field=value, with the spelling that works", async () => {
    const res = await spawnCli(["price", KLING, "--set", "duration", "10"]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toBe('pixelbyte: --set takes field=value in one argument: write --set duration=10 (got "--set duration 10")\n');
  });
});

describe("the serve hint works as printed", () => {
  test("inside this repository it is spelled as the CLI was started; installed it is `pixelbyte`", () => {
    const script = { npm_lifecycle_event: "pixelbyte", npm_config_user_agent: "pnpm/10.34.9 npm/? node/v20.20.2 linux x64" };
    expect(selfCommand({ ...script, npm_execpath: "/usr/lib/node_modules/pnpm/bin/pnpm.cjs" }, false)).toBe("pnpm pixelbyte");
    expect(selfCommand({ ...script, npm_execpath: "/root/.npm/_npx/a1a3/node_modules/pnpm/bin/pnpm.cjs" }, false)).toBe("npx -y pnpm@10 pixelbyte");
    expect(selfCommand({}, true)).toBe("pnpm pixelbyte"); // tsx on packages/cli/src/bin.ts
    expect(selfCommand({}, false)).toBe("pixelbyte"); // the installed bin
    expect(selfCommand({ npm_lifecycle_event: "start", npm_config_user_agent: "npm/11" }, false)).toBe("pixelbyte");
  });

  test("`pnpm pixelbyte serve` prints a run command that, typed as is in this repository, runs a job against it", async () => {
    let hint: string | undefined;
    let ran: Promise<{ stdout: string; stderr: string }> | undefined;
    const serve = await spawnCli(["serve", "--port", "0", "--pending-ms", "10", "--processing-ms", "10"], {
      // As `npx -y pnpm@10 pixelbyte serve` starts it (pnpm fetched by npx, so not on the user's PATH).
      env: { npm_lifecycle_event: "pixelbyte", npm_config_user_agent: "pnpm/10.34.9 npm/? node/v20.20.2 linux x64", npm_execpath: "/root/.npm/_npx/0/node_modules/pnpm/bin/pnpm.cjs" },
      onStdout: (soFar, child) => {
        if (hint) return;
        const line = /^ {4}(.*run .*--wait)$/m.exec(soFar)?.[1];
        if (!line) {
          if (soFar.includes("Ctrl-C stops it.")) child.kill("SIGTERM"); // printed everything, no hint
          return;
        }
        hint = line;
        // The hint, literally, through a shell, from the repository root (the test's cwd).
        // npm configured with yes=false, as on a machine where npx asks before fetching.
        ran = promisify(execFile)("sh", ["-c", hint], { env: { ...process.env, npm_config_yes: "false", PIXELBYTE_API_KEY: "", PIXELBYTE_BASE_URL: "" }, timeout: 120_000 }).finally(() => child.kill("SIGTERM"));
      },
    });
    expect(serve.stderr).toBe("");
    expect(hint, serve.stdout).toMatch(/^npx -y pnpm@10 pixelbyte run kling-plus\/kling-o3-standard\/text-to-video --set prompt="a red fox" --base-url http:\/\/127\.0\.0\.1:\d+ --api-key \S+ --wait$/);
    const out = await ran!;
    expect(out.stdout).toContain("charged 420,000 µ¢ ($0.42), as quoted");
  }, 150_000);
});
