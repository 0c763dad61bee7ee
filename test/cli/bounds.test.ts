import { expect, test } from "vitest";
import { serveCommand } from "../../packages/cli/src/commands/serve.js";
import { runInProcess } from "../helpers/cli.js";
import { KLING } from "../helpers/http.js";

// Issue 12 §3, §4, §7 in the CLI: --set never reaches Object.prototype, every numeric flag is a whole
// number written in digits within its range, and a huge argument is answered at once with one line.

const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";
// A closed loopback port: a run that got past its flags would fail to connect (exit 1), never reach a network.
const ENV = { PIXELBYTE_API_KEY: "pb_test_bounds", PIXELBYTE_BASE_URL: "http://127.0.0.1:9" };

async function usageError(args: string[]): Promise<string> {
  const res = await runInProcess(args, { env: ENV });
  expect(res.stdout, `${JSON.stringify(args)} printed`).toBe("");
  expect(res.code, res.stderr).toBe(2);
  expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
  return res.stderr;
}

test.each(["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "__defineGetter__"])("price --set %s=x prints no price: the model has no such field", async (field) => {
  expect(await usageError(["price", KLING, "--set", `${field}=x`])).toContain(`has no field "${field}"`);
});

test.each(["constructor", "__proto__", "toString"])("price --set duration=%s prints no price", async (value) => {
  await usageError(["price", KLING, "--set", `duration=${value}`]);
});

test.each([" 10", "1e1", "10.0", "010", "+10"])("price Seedance --set duration=%j prints no price", async (value) => {
  await usageError(["price", SEEDANCE, "--set", `duration=${value}`]);
});

test.each(["1e3", " 500", "500 ", "0x20", "20.0", "+20", "", "-20", "9", "99999999999999999999", "2147483648"])("run --poll-ms %j is refused before anything is sent", async (value) => {
  expect(await usageError(["run", KLING, "--set", "prompt=p", `--poll-ms=${value}`])).toMatch(/--poll-ms must be an integer from 10 to 2147483647/);
});

test.each<[string, string]>([
  ["port", ""],
  ["port", "0x50"],
  ["port", "1e3"],
  ["port", " 80"],
  ["port", "80.0"],
  ["port", "65536"],
  ["pending-ms", "1e3"],
  ["pending-ms", "-1"],
  ["processing-ms", "Infinity"],
  ["processing-ms", "2147483648"],
  ["balance", "1e9"],
  ["balance", "9007199254740992"],
  ["max-concurrent", "0"],
  ["max-concurrent", "1.5"],
  ["seed", "0x1"],
  ["seed", "-1"],
])("serve --%s %j is refused and no server starts", async (flag, value) => {
  let out = "";
  // The signal stops a server that should not have started, so a regression fails instead of hanging.
  const signal = AbortSignal.timeout(2_000);
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s), cwd: process.cwd(), isTTY: false, env: {} };
  const error = await serveCommand([`--${flag}=${value}`], io, signal).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, out).toMatchObject({ name: "UsageError", exitCode: 2 });
  expect((error as Error).message).toMatch(new RegExp(`^--${flag} must be an integer from \\d+ to \\d+`));
  expect(out).toBe("");
});

test("a 300 KB model slug is one short line, exit 2", async () => {
  const stderr = await usageError(["price", `kling-plus/${"x".repeat(300_000)}`]);
  expect(stderr.length).toBeLessThan(300);
});

test("a 300 KB field name is one short line, exit 2", async () => {
  const stderr = await usageError(["price", KLING, "--set", `${"d".repeat(300_000)}=5`]);
  expect(stderr.length).toBeLessThan(1_000);
});

// --set on an integer field: what is typed is what is sent. Number() read "0x10" as 16, " 2" as 2,
// "1e1" as 10, and 9007199254740993 as 9007199254740992 (a paid run sent another seed than typed).
const VEO = "google/veo-3.1-fast/text-to-video";
test.each(["0x10", "0b1", "0o7", " 2", "2 ", "2.0", "2e0", "1e1", "+2", "-0", "02", "9007199254740993", "-9007199254740993", "1e21", "Infinity"])(
  "run --set seed=%j (an integer field) is refused before anything is sent",
  async (value) => {
    expect(await usageError(["run", VEO, "--set", "prompt=p", "--set", `seed=${value}`])).toMatch(/seed must be an integer written in decimal digits/);
  },
);

test.each(["0x2", " 2", "2.0", "2e0"])("price --set numberOfGenerations=%j (an integer enum) prints no price", async (value) => {
  await usageError(["price", "google/nano-banana-dev/text-to-image", "--set", `numberOfGenerations=${value}`]);
});

test("run --set seed=-12 and 9007199254740991 (the largest exact integer) still pass the flags", async () => {
  // Past the flags, the closed port answers: exit 1 (connection), not 2.
  for (const seed of ["-12", "0", String(Number.MAX_SAFE_INTEGER)]) {
    const res = await runInProcess(["run", VEO, "--set", "prompt=p", "--set", `seed=${seed}`], { env: ENV });
    expect(res.code, res.stderr).toBe(1);
  }
});

test("the same field set twice is refused: the last value would be priced and charged silently", async () => {
  expect(await usageError(["run", KLING, "--set", "prompt=p", "--set", "duration=3", "--set", "duration=15"])).toContain('--set duration is given twice ("3", then "15")');
  await usageError(["price", KLING, "--set", "duration=3", "--set", "duration=15"]);
});
