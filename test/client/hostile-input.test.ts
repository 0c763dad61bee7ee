import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { InputValidationError, validateModelInput } from "@pixelbyte/client";
import { harness, KLING, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

// Issue 12 §7 in the client: a hostile input is refused with a bounded answer after bounded work,
// and nothing is sent.

noUnhandledRejections();

const WAN_REFERENCE = "alibaba-plus/wan-2.6-flash/reference-to-video"; // reference_urls: maxItems 5

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.server.close();
});

async function refusedInput(model: string, input: unknown): Promise<InputValidationError> {
  const before = h.server.received.length;
  const error = await rejectionOf(h.client.submit(model as never, input as never));
  expect(error).toBeInstanceOf(InputValidationError);
  expect(h.server.received.length).toBe(before);
  return error as InputValidationError;
}

describe("bounded answers to hostile input, nothing sent", () => {
  test("a 300 KB slug: a short message without a suggestion", async () => {
    const error = await refusedInput(`kling-plus/${"x".repeat(300_000)}`, { prompt: "p" });
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).not.toContain("did you mean");
  });

  test("a slug that is not a string is described, never String()-ed", async () => {
    const hostile = { toString: () => { throw new Error("toString called"); } };
    const error = await refusedInput(hostile as never, { prompt: "p" });
    expect(error.message).toContain("is an object that is not a model descriptor");
  });

  test("a 300 KB unknown field name: no suggestion, the name cut short in the path", async () => {
    const error = await refusedInput(KLING, { prompt: "p", ["d".repeat(300_000)]: "5" });
    expect(error.rule).toBe("additionalProperties");
    expect(error.message.length).toBeLessThan(1_000);
    expect(error.message).not.toContain("did you mean");
  });

  test("5,000 unknown fields are at most 20 issues (and 20 suggestions, not 5,000)", async () => {
    const input: Record<string, string> = { prompt: "p" };
    for (let i = 0; i < 5_000; i++) input[`f${i}`] = "x";
    const error = await refusedInput(KLING, input);
    expect(error.issues.length).toBeLessThanOrEqual(20);
  });

  test("a 9,000-item array over maxItems 5 is refused for its length; only its first 5 items are looked at", async () => {
    const error = await refusedInput(WAN_REFERENCE, { prompt: "p", reference_urls: new Array(9_000).fill(7) });
    expect(error.issues.map((i) => `${i.path} ${i.rule}`)).toEqual([
      "input.reference_urls maxItems",
      ...[0, 1, 2, 3, 4].map((i) => `input.reference_urls[${i}] type`),
    ]);
  });

  test("a 100,000-deep array is refused at a fixed depth, not by a stack overflow", async () => {
    let deep: unknown = "p";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const error = await refusedInput(KLING, { prompt: deep });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path.startsWith("input.prompt")).toBe(true);
    expect(error.message.length).toBeLessThan(1_000);
  });

  test("a 1,000,000-item array is refused with one bounded issue", async () => {
    const error = await refusedInput(WAN_REFERENCE, { prompt: "p", reference_urls: new Array(1_000_000).fill("u") });
    expect(error.issues.length).toBeLessThanOrEqual(20);
    expect(error.message.length).toBeLessThan(1_000);
  });

  test("a 300 KB prompt over maxLength is measured, and echoed cut short", async () => {
    const error = await refusedInput(KLING, { prompt: "p".repeat(300_000) });
    expect(error.rule).toBe("maxLength");
    expect(error.message.length).toBeLessThan(400);
  });

  test("an enum value of 300 KB is echoed cut short", () => {
    let error: unknown;
    try {
      validateModelInput(KLING, { prompt: "p", duration: "5".repeat(300_000) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message.length).toBeLessThan(1_000);
  });
});
