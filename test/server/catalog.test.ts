import { modelPricing } from "@pixelbyte/pricing";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api, KLING, type Api } from "../helpers/http.js";

let server: TestServer;
let http: Api;
const slugs = Object.keys(modelPricing).sort();

beforeAll(async () => {
  server = await startServer();
  http = api(server.url, server.apiKey);
});
afterAll(() => server.close());

test("catalog/models lists every generated model with its exact base price", async () => {
  const res = await http.get("/v1/catalog/models");
  expect(res.body.map((m: { slug: string }) => m.slug)).toEqual(slugs);
  const kling = res.body.find((m: { slug: string }) => m.slug === KLING);
  expect(kling).toMatchObject({ provider: { id: "kling-plus", name: "Kling Plus" }, category: "video", capability: "text-to-video", pricing: { unit: "per_second", baseMicroCents: 84_000 } });
});

test("catalog model detail by two or three slug segments, with its input schema and siblings", async () => {
  const res = await http.get(`/v1/catalog/models/${KLING}`);
  expect(res.body.inputSchema.required).toEqual(["prompt"]);
  expect(res.body.inputSchema.properties.has_sound.enum).toEqual(["false", "true"]);
  const siblings = res.body.siblings.map((s: { slug: string }) => s.slug);
  expect(siblings.length).toBeGreaterThan(0);
  expect(siblings.every((s: string) => s.startsWith("kling-plus/kling-o3-standard/") && s !== KLING)).toBe(true);
  const two = await http.get("/v1/catalog/models/google/nano-banana");
  expect(two.body).toMatchObject({ slug: "google/nano-banana", category: "image" });
  const missing = await http.get("/v1/catalog/models/kling-plus/kling-o3-standrd/text-to-video");
  expect([missing.status, missing.body.error.code, missing.body.error.details.suggestion]).toEqual([404, "MODEL_NOT_FOUND", KLING]);
});

test("catalog providers, provider detail, categories and capability groups agree with the models", async () => {
  const providers = (await http.get("/v1/catalog/providers")).body;
  const total = providers.reduce((n: number, p: { modelCount: number }) => n + p.modelCount, 0);
  expect(total).toBe(slugs.length);
  const kling = (await http.get("/v1/catalog/providers/kling-plus")).body;
  expect(kling.models.length).toBe(providers.find((p: { id: string }) => p.id === "kling-plus").modelCount);
  expect((await http.get("/v1/catalog/providers/klingplus")).body.error).toMatchObject({ code: "NOT_FOUND", details: { suggestion: "kling-plus" } });
  const categories = (await http.get("/v1/catalog/categories")).body;
  expect(categories.reduce((n: number, c: { modelCount: number }) => n + c.modelCount, 0)).toBe(slugs.length);
  const groups = (await http.get("/v1/catalog/capability-groups")).body;
  expect(groups.slice(0, 3)).toEqual([
    { id: "text-to-video", displayName: "Text to Video", label: "T2V", icon: "video", color: "#8B5CF6", order: 1 },
    { id: "image-to-video", displayName: "Image to Video", label: "I2V", icon: "image-play", color: "#06B6D4", order: 2 },
    { id: "text-to-image", displayName: "Text to Image", label: "T2I", icon: "image", color: "#F59E0B", order: 3 },
  ]);
});

test("/v1/models by opaque id with versions; /v1/providers and a provider's models", async () => {
  const list = (await http.get("/v1/models")).body.models;
  expect(list).toHaveLength(slugs.length);
  const summary = list.find((m: { slug: string }) => m.slug === KLING);
  expect(summary.id).toMatch(/^model_[0-9a-f]{12}$/);
  const detail = (await http.get(`/v1/models/${summary.id}`)).body;
  expect(detail.versions[0]).toMatchObject({ versionId: "v1.0", status: "active", inputSchema: { required: ["prompt"] } });
  const bySlug = await http.get(`/v1/models/${encodeURIComponent(KLING)}`);
  expect([bySlug.status, bySlug.body.error.code]).toEqual([404, "MODEL_NOT_FOUND"]);
  const providers = (await http.get("/v1/providers")).body.providers;
  expect(providers.find((p: { id: string }) => p.id === "openai")).toMatchObject({ name: "OpenAI", isActive: true, categories: expect.arrayContaining(["video"]) });
  const openai = (await http.get("/v1/providers/openai/models")).body;
  expect(openai.provider.id).toBe("openai");
  expect(openai.models.every((m: Record<string, unknown>) => !("providerId" in m))).toBe(true);
  expect((await http.get("/v1/providers/nobody/models")).body.error.code).toBe("NOT_FOUND");
});
