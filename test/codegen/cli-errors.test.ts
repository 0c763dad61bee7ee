import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reportFailure } from "../../codegen/src/fatal.js";
import { SpecError } from "../../codegen/src/validate/problem.js";

// Issue 12: the codegen CLI never prints a stack trace. A located spec problem prints itself; any
// other error (a bug of the generator) is one line with what to do, exit 1, and the stack only
// with PIXELBYTE_DEBUG=1 (as in the `pixelbyte` CLI).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function captured(env: NodeJS.ProcessEnv = {}) {
  let text = "";
  return { io: { env, stderr: (t: string) => void (text += t) }, text: () => text };
}

describe("reportFailure: the CLI's answer to an error", () => {
  test("a SpecError prints every located problem and the count, exit code 1", () => {
    const out = captured();
    const code = reportFailure(new SpecError([{ file: "spec/pricing.yaml", line: 3, column: 7, path: "rounding", message: "bad", fix: "good", check: "pricing-schema" }]), out.io);
    expect(code).toBe(1);
    expect(out.text()).toBe("spec/pricing.yaml:3:7 rounding: bad\n  fix: good  [pricing-schema]\n\n1 problem in the spec; nothing was generated.\n");
  });

  test("any other error is one line and a hint, never a stack trace", () => {
    const out = captured();
    const error = new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.ts:1:1)");
    expect(reportFailure(error, out.io)).toBe(1);
    const lines = out.text().trimEnd().split("\n");
    expect(lines[0]).toBe("codegen: internal error: Cannot read properties of undefined (reading 'x')");
    expect(lines[1]).toContain("PIXELBYTE_DEBUG=1");
    expect(lines).toHaveLength(2);
    expect(out.text()).not.toContain("    at ");
  });

  test("a thrown non-Error value is shown, not [object Object] or a crash", () => {
    const out = captured();
    expect(reportFailure("plain string", out.io)).toBe(1);
    expect(out.text()).toMatch(/^codegen: internal error: plain string\n/);
  });

  test("PIXELBYTE_DEBUG=1 adds the stack", () => {
    const out = captured({ PIXELBYTE_DEBUG: "1" });
    reportFailure(new Error("boom"), out.io);
    expect(out.text()).toMatch(/codegen: internal error: boom\n[\s\S]*\n {4}at /);
  });
});

describe.concurrent("errors outside the main promise, in a real process", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-cli-errors-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** Runs a script that installs the CLI's last-resort handlers and then fails the way `body` does. */
  async function runScript(name: string, body: string, env: NodeJS.ProcessEnv = {}) {
    const file = path.join(scratch, `${name}.ts`);
    await writeFile(file, `import { installLastResort } from ${JSON.stringify(path.join(repoRoot, "codegen/src/fatal.ts"))};\ninstallLastResort();\n${body}\n`);
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const { PIXELBYTE_DEBUG: _, ...inherited } = process.env;
      execFile(path.join(repoRoot, "node_modules/.bin/tsx"), ["--conditions=source", file], { cwd: repoRoot, env: { ...inherited, ...env } }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr });
      });
    });
  }

  test("a throw in a callback: one line, exit 1", { timeout: 60_000 }, async () => {
    const { code, stderr } = await runScript("uncaught", 'setTimeout(() => { throw new Error("thrown in a timer"); }, 1);');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^codegen: internal error: thrown in a timer\n/);
    expect(stderr).not.toContain("    at ");
  });

  test("a rejection nobody awaited: one line, exit 1; PIXELBYTE_DEBUG=1 shows where", { timeout: 60_000 }, async () => {
    const body = 'void Promise.reject(new RangeError("rejected, never awaited"));';
    const plain = await runScript("unhandled", body);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^codegen: internal error: rejected, never awaited\n/);
    expect(plain.stderr).not.toContain("    at ");
    const debug = await runScript("unhandled-debug", body, { PIXELBYTE_DEBUG: "1" });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain("    at ");
  });
});
