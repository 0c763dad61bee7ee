// Issue 12 §1: what is checked is what is sent. The input becomes one JSON value, read once; that
// value is validated, priced (maxCostMicroCents, client budget) and sent. Anything JSON would not
// carry faithfully is an InputValidationError naming the field, with zero requests.
import { afterEach, describe, expect, test } from "vitest";
import { BudgetExceededError, createClient, InputValidationError, type ModelInputs, type PixelByteClient } from "@pixelbyte/client";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { harness, KLING, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const VEO = "google/veo-3.1-fast/text-to-video" as const;
/** Casts past the compiler, as a JavaScript caller (or a class the compiler accepts) would. */
const loose = (input: unknown) => input as ModelInputs[typeof KLING];

/** The issue's example: its properties say 3 s without sound, its JSON says 15 s with sound. */
class TwoFacedInput {
  prompt = "a fox";
  duration = "3";
  has_sound = "false";
  toJSON() {
    return { prompt: this.prompt, duration: "15", has_sound: "true" };
  }
}

describe("the issue's example against the real test server", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (options: Parameters<typeof createClient>[0] = {}): Promise<PixelByteClient> => {
    server = await startServer({ port: 0, timing: { pendingMs: 5, processingMs: 5 } });
    return createClient({ apiKey: server.apiKey, baseUrl: server.url, onPriceMismatch: "ignore", ...options });
  };
  const submits = () => server!.requests.filter((r) => r.operationId === "submitJob" || r.operationId === "estimateJob");

  test("maxCostMicroCents 300,000: refused before sending (main priced 252,000 and was charged 1,890,000)", async () => {
    const client = await start();
    const err = (await rejectionOf(client.submit(KLING, loose(new TwoFacedInput()), { maxCostMicroCents: 300_000 }))) as InputValidationError;
    expect(err).toBeInstanceOf(InputValidationError);
    expect(err).toMatchObject({ field: "input", rule: "json", code: "INVALID_INPUT" });
    expect(err.message).toMatch(/input has a toJSON\(\) method/);
    expect(submits()).toEqual([]);
    expect(server!.spent()).toBe(0);
  });

  test("client budget 1,000,000: nothing spent (main ended at 1,890,000)", async () => {
    const client = await start({ budget: { limitMicroCents: 1_000_000 } });
    await expect(client.submit(KLING, loose(new TwoFacedInput()))).rejects.toBeInstanceOf(InputValidationError);
    await expect(client.run(KLING, loose(new TwoFacedInput()))).rejects.toBeInstanceOf(InputValidationError);
    expect(client.budget).toMatchObject({ spentMicroCents: 0, reservedMicroCents: 0 });
    expect(server!.spent()).toBe(0);
    expect(server!.jobs).toHaveLength(0);
  });

  test("estimate and price refuse it too", async () => {
    const client = await start();
    await expect(client.estimate(KLING, loose(new TwoFacedInput()))).rejects.toBeInstanceOf(InputValidationError);
    expect(() => client.price(KLING, loose(new TwoFacedInput()))).toThrow(InputValidationError);
    expect(submits()).toEqual([]);
  });

  test("what the toJSON says, written plainly, is priced at what the server charges: 1,890,000 is over the cap", async () => {
    const client = await start({ budget: { limitMicroCents: 1_000_000 } });
    const plain = new TwoFacedInput().toJSON() as ModelInputs[typeof KLING];
    expect(client.price(KLING, plain).microCents).toBe(1_890_000);
    await expect(client.submit(KLING, plain, { maxCostMicroCents: 300_000 })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(submits()).toEqual([]);
  });

  test("a getter read once: the value priced under the cap is the value sent and charged", async () => {
    const client = await start({ budget: { limitMicroCents: 1_000_000 } });
    // Answers "3" twice, then "15": on main validation and the price read "3", JSON.stringify "15".
    let reads = 0;
    const input = { prompt: "a fox", has_sound: "false" } as Record<string, unknown>;
    Object.defineProperty(input, "duration", { enumerable: true, get: () => (++reads <= 2 ? "3" : "15") });
    const res = await client.submit(KLING, loose(input), { maxCostMicroCents: 300_000 });
    expect(reads).toBe(1);
    expect(res.price).toMatchObject({ quotedMicroCents: 252_000, chargedMicroCents: 252_000, matches: true });
    expect(server!.job(res.jobId)?.costMicroCents).toBe(252_000);
    expect(client.budget?.spentMicroCents).toBe(252_000);
  });
});

describe("values JSON cannot carry faithfully: typed error naming the field, zero requests", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.server.close();
  });

  const withDuration = (value: unknown) => ({ prompt: "a fox", multishot: [{ prompt: "shot", duration: value }] });
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({ prompt: "x" }, {});
    revoke();
    return proxy;
  };
  const cyclic = () => {
    const shot: Record<string, unknown> = { prompt: "shot" };
    shot["again"] = shot;
    return { prompt: "a fox", multishot: [shot] };
  };
  const deep = () => {
    let v: unknown = "bottom";
    for (let i = 0; i < 100; i++) v = [v];
    return { prompt: "a fox", multishot: v };
  };
  class WithPrototypeGetter {
    prompt = "a fox";
    get duration() {
      return "15";
    }
  }

  const cases: [string, () => unknown, string, RegExp][] = [
    ["a class whose toJSON differs (the issue)", () => new TwoFacedInput(), "input", /toJSON/],
    ["a toJSON on a nested item", () => ({ prompt: "a fox", multishot: [{ prompt: "a", duration: 2, toJSON: () => ({ prompt: "a", duration: 15 }) }] }), "input.multishot[0]", /toJSON/],
    ["a Date", () => ({ prompt: new Date(0) }), "input.prompt", /a Date.*toISOString/],
    ["a function", () => ({ prompt: "a fox", duration: () => "5" }), "input.duration", /a function/],
    ["a symbol", () => ({ prompt: "a fox", duration: Symbol("5") }), "input.duration", /a symbol/],
    ["a BigInt", () => withDuration(5n), "input.multishot[0].duration", /BigInt/],
    ["NaN", () => withDuration(Number.NaN), "input.multishot[0].duration", /NaN/],
    ["Infinity", () => withDuration(Number.POSITIVE_INFINITY), "input.multishot[0].duration", /Infinity/],
    ["-Infinity", () => withDuration(Number.NEGATIVE_INFINITY), "input.multishot[0].duration", /-Infinity/],
    ["undefined in an array", () => ({ prompt: "a fox", multishot: [undefined] }), "input.multishot[0]", /undefined/],
    // eslint-disable-next-line no-sparse-arrays
    ["a hole in a sparse array", () => ({ prompt: "a fox", multishot: [, { prompt: "b" }] }), "input.multishot[0]", /hole/],
    ["a named property on an array", () => ({ prompt: "a fox", multishot: Object.assign([{ prompt: "b" }], { extra: 1 }) }), "input.multishot.extra", /named property/],
    ["a cycle", cyclic, "input.multishot[0].again", /refers back to input\.multishot\[0\]/],
    ["a Map", () => ({ prompt: "a fox", multishot: new Map([["prompt", "b"]]) }), "input.multishot", /a Map object/],
    ["a Set", () => ({ prompt: "a fox", multishot: new Set([{ prompt: "b" }]) }), "input.multishot", /a Set object/],
    ["a boxed String", () => ({ prompt: new String("a fox") }), "input.prompt", /a String object/],
    ["a RegExp", () => ({ prompt: /fox/ }), "input.prompt", /a RegExp object/],
    ["a typed array", () => ({ prompt: "a fox", multishot: new Uint8Array(2) }), "input.multishot", /a Uint8Array object/],
    ["a getter that throws", () => Object.defineProperty({ prompt: "a fox" }, "duration", { enumerable: true, get: () => { throw new Error("boom"); } }), "input.duration", /cannot be read: boom/],
    ["a getter on a class prototype", () => new WithPrototypeGetter(), "input.duration", /getter on the object's prototype/],
    ["a value inherited through Object.create", () => Object.assign(Object.create({ duration: "15" }), { prompt: "a fox" }), "input.duration", /inherited/],
    ["a non-enumerable own property", () => Object.defineProperty({ prompt: "a fox" }, "duration", { value: "15", enumerable: false }), "input.duration", /not enumerable/],
    ["a proxy whose get trap throws", () => new Proxy({ prompt: "a fox", duration: "5" }, { get: (t, k) => { if (k === "duration") throw new Error("trap"); return Reflect.get(t, k); } }), "input.duration", /cannot be read: trap/],
    ["a revoked proxy", revoked, "input", /cannot be read/],
    ["a revoked proxy inside an array", () => ({ prompt: "a fox", multishot: [revoked()] }), "input.multishot[0]", /cannot be read/],
    ["nesting deeper than 64", deep, "input.multishot" + "[0]".repeat(63), /nested more than 64/],
    ["a getter that adds a field while the input is read", () => { const o: Record<string, unknown> = {}; Object.defineProperty(o, "prompt", { enumerable: true, get: () => ((o["has_sound"] = "true"), "a fox") }); return o; }, "input.has_sound", /appeared while the object was being read/],
    ["a getter that grows the array being read", () => { const shots: object[] = []; shots.push({ get prompt() { shots.push({ prompt: "late" }); return "first"; } }); return { prompt: "a fox", multishot: shots }; }, "input.multishot[1]", /was added while the array was being read/],
    ["a getter that throws a string", () => Object.defineProperty({ prompt: "a fox" }, "duration", { enumerable: true, get: () => { throw "nope"; } }), "input.duration", /cannot be read: nope/],
    ["a Promise", () => ({ prompt: Promise.resolve("a fox") }), "input.prompt", /a Promise object/],
    ["a boxed Boolean", () => ({ prompt: "a fox", has_sound: new Boolean(true) }), "input.has_sound", /a Boolean object/],
    ["an arguments object", function () { return { prompt: "a fox", multishot: arguments }; }, "input.multishot.length", /not enumerable/],
    ["a proxy that invents array items forever", () => ({ prompt: "a fox", multishot: new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 - 2 : typeof k === "string" && /^\d+$/.test(k) ? { prompt: "x" } : Reflect.get(t, k)), getOwnPropertyDescriptor: (t, k) => (typeof k === "string" && /^\d+$/.test(k) ? { value: { prompt: "x" }, writable: true, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(t, k)) }) }), "input.multishot[4998].prompt", /past the 10000th value/],
  ];

  test.each(cases)("%s", async (_name, make, field, message) => {
    h = await harness();
    for (const call of [
      () => h.client.submit(KLING, loose(make())),
      () => h.client.estimate(KLING, loose(make())),
      () => h.client.run(KLING, loose(make())),
      async () => h.client.price(KLING, loose(make())),
    ]) {
      const err = (await rejectionOf(call())) as InputValidationError;
      expect(err).toBeInstanceOf(InputValidationError);
      expect(err.field).toBe(field);
      expect(err.rule).toBe("json");
      expect(err.message).toMatch(message);
      expect(err.message).toMatch(/nothing was sent/);
    }
    expect(h.server.received).toHaveLength(0);
  });

  test("every problem is listed, not only the first", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, loose({ prompt: () => "p", duration: Symbol("d"), multishot: [Number.NaN] })))) as InputValidationError;
    expect(err.issues.map((i) => i.path)).toEqual(["input.prompt", "input.duration", "input.multishot[0]"]);
  });

  test("a toJSON that a getter adds to Object.prototype while the input is read: nothing is sent", async () => {
    h = await harness();
    const proto = Object.prototype as Record<string, unknown>;
    const input = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(input, "prompt", { enumerable: true, get: () => ((proto["toJSON"] = () => ({ model: KLING, input: { prompt: "p", duration: "15" } })), "a fox") });
    try {
      const err = (await rejectionOf(h.client.submit(KLING, loose(input)))) as InputValidationError;
      expect(err).toMatchObject({ field: "input", rule: "json" });
      expect(err.message).toMatch(/toJSON\(\) to Object\.prototype/);
    } finally {
      delete proto["toJSON"];
    }
    expect(h.server.received).toHaveLength(0);
  });

  test("a key that is not a name is shown as one", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, loose({ prompt: "a fox", "": "x", "a.b": "y" })))) as InputValidationError;
    expect(err.issues.map((i) => i.path)).toEqual(['input[""]', 'input["a.b"]']);
  });

  test("version must be a string: it goes into the body as is", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, { prompt: "a fox" }, { version: { toJSON: () => "v9" } as never }))) as InputValidationError;
    expect(err).toMatchObject({ field: "version", code: "INVALID_INPUT" });
    expect(h.server.received).toHaveLength(0);
  });
});

describe("what JSON carries is sent byte for byte as validated and priced", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.server.close();
  });
  const sentBody = () => h.server.received[0]!.body;

  test("a proxy is read once per field and its snapshot is what is sent", async () => {
    h = await harness();
    const reads: string[] = [];
    const input = new Proxy({ prompt: "a fox", duration: "10", has_sound: "true" } as const, { get: (t, k) => (typeof k === "string" && reads.push(k), Reflect.get(t, k)) });
    await h.client.submit(KLING, input);
    expect(reads.filter((k) => k === "duration")).toEqual(["duration"]);
    expect(sentBody()).toBe(JSON.stringify({ model: KLING, input: { prompt: "a fox", duration: "10", has_sound: "true" } }));
  });

  test("a getter that changes a later field: the changed value is read once, priced and sent", async () => {
    h = await harness({ onPriceMismatch: "ignore" });
    const input: Record<string, unknown> = { duration: "3" };
    Object.defineProperty(input, "prompt", { enumerable: true, get: () => ((input["has_sound"] = "true"), "a fox") });
    Object.defineProperty(input, "has_sound", { enumerable: true, writable: true, value: "false" });
    const res = await h.client.submit(KLING, loose(input));
    expect(JSON.parse(sentBody()).input).toEqual({ duration: "3", prompt: "a fox", has_sound: "true" });
    expect(res.price?.quotedMicroCents).toBe(84_000 * 3 * 1.5);
  });

  test("changing the input right after the call changes nothing that is sent", async () => {
    h = await harness();
    const input: Record<string, string> = { prompt: "a fox", duration: "3", has_sound: "false" };
    const pending = h.client.submit(KLING, loose(input), { maxCostMicroCents: 300_000 });
    input["duration"] = "15";
    input["has_sound"] = "true";
    await pending;
    expect(JSON.parse(sentBody()).input).toEqual({ prompt: "a fox", duration: "3", has_sound: "false" });
  });

  test("a class instance with methods but no toJSON is sent as its fields", async () => {
    h = await harness();
    class Shot {
      constructor(readonly prompt: string) {}
      describe() {
        return this.prompt;
      }
    }
    await h.client.submit(KLING, loose({ prompt: "a fox", multishot: [new Shot("first")] }));
    expect(JSON.parse(sentBody()).input).toEqual({ prompt: "a fox", multishot: [{ prompt: "first" }] });
  });

  test("an undefined field is absent, priced at its default, and not sent", async () => {
    h = await harness();
    const res = await h.client.estimate(KLING, { prompt: "a fox", duration: undefined, has_sound: "true" });
    expect(res.local?.microCents).toBe(84_000 * 5 * 1.5);
    expect(sentBody()).toBe(JSON.stringify({ model: KLING, input: { prompt: "a fox", has_sound: "true" } }));
  });

  test("-0, 1e21 and 2^53+2 are sent as JSON writes them", async () => {
    h = await harness();
    for (const seed of [-0, 1e21, 2 ** 53 + 2]) {
      h.server.received.length = 0;
      await h.client.estimate(VEO, { prompt: "a fox", seed });
      expect(sentBody()).toBe(`{"model":"${VEO}","input":{"prompt":"a fox","seed":${JSON.stringify(seed)}}}`);
    }
  });

  test("a lone surrogate and other unusual strings arrive unchanged", async () => {
    h = await harness();
    const prompt = "\ud800 fox \u2028 \u0000";
    await h.client.estimate(KLING, { prompt });
    expect(JSON.parse(sentBody()).input.prompt).toBe(prompt);
  });

  test("a null-prototype input is fine", async () => {
    h = await harness();
    const input = Object.assign(Object.create(null) as object, { prompt: "a fox", duration: "4" });
    await h.client.estimate(KLING, loose(input));
    expect(JSON.parse(sentBody()).input).toEqual({ prompt: "a fox", duration: "4" });
  });

  test.each([
    ['{"prompt":"a fox","__proto__":{"duration":"15"}}', "input.__proto__"],
    ['{"prompt":"a fox","constructor":{"duration":"15"}}', "input.constructor"],
    ['{"prompt":"a fox","multishot":[{"prompt":"b","__proto__":{"duration":15}}]}', "input.multishot[0].__proto__"],
  ])("a key named like a prototype member (%s) is an unknown field, nothing sent", async (text, field) => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, loose(JSON.parse(text))))) as InputValidationError;
    expect(err).toMatchObject({ field, rule: "additionalProperties" });
    expect(h.server.received).toHaveLength(0);
  });

  test("a polluted Object.prototype is neither priced nor sent", () => {
    const proto = Object.prototype as Record<string, unknown>;
    const client = createClient({ apiKey: "pb_test_0123456789", baseUrl: "http://127.0.0.1:9" });
    proto["duration"] = "15";
    try {
      // Nothing JSON sends says 15 s: the server would charge the default 5 s.
      expect(client.price(KLING, { prompt: "a fox" }).microCents).toBe(84_000 * 5);
    } finally {
      delete proto["duration"];
    }
  });

  test("a polluted Array.prototype cannot fill a hole", async () => {
    h = await harness();
    const proto = Array.prototype as unknown as Record<number, unknown>;
    proto[0] = { prompt: "injected" };
    try {
      // eslint-disable-next-line no-sparse-arrays
      const err = (await rejectionOf(h.client.estimate(KLING, loose({ prompt: "a fox", multishot: [, { prompt: "b" }] })))) as InputValidationError;
      expect(err).toMatchObject({ field: "input.multishot[0]", rule: "json" });
    } finally {
      delete proto[0];
    }
    expect(h.server.received).toHaveLength(0);
  });
});
