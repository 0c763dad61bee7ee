// Compile-time checks of model descriptors (`@pixelbyte/client/models/<slug>`) with both clients:
// the core entry's (descriptors only) and the root's (slugs and descriptors). Checked by the root
// `tsc -p tsconfig.json`, never run: every `@ts-expect-error` line must fail to compile.
import { createClient, type ModelInputs } from "@pixelbyte/client";
import { createClient as createCoreClient, type InputOf, type ModelDescriptor, type PriceQuote, type SubmitResult } from "@pixelbyte/client/core";
import kling, { model as klingNamed, schema, slug, title, type Input } from "@pixelbyte/client/models/kling-plus/kling-o3-standard/text-to-video";
import seedance from "@pixelbyte/client/models/bytedance-plus/seedance-1.5-pro-super/image-to-video";

declare const core: ReturnType<typeof createCoreClient>;
declare const root: ReturnType<typeof createClient>;

export async function valid(): Promise<void> {
  const submitted: SubmitResult = await core.submit(kling, { prompt: "a fox", duration: "10", has_sound: "true" });
  await core.run(kling, { prompt: "p" }, { waitTimeoutMs: 60_000, maxCostMicroCents: 2_000_000 });
  await core.estimate(seedance, { prompt: "p", image_url: "https://x/y.png", generate_audio: false });
  const price: PriceQuote = core.price(kling, { prompt: "p", duration: "15" });
  // The root client takes the same descriptors, and slugs.
  await root.submit(kling, { prompt: "p", duration: "10" });
  await root.submit("kling-plus/kling-o3-standard/text-to-video", { prompt: "p" });
  // What a descriptor says about its model.
  const s: "kling-plus/kling-o3-standard/text-to-video" = kling.slug;
  const t: string = kling.title;
  const d: ModelDescriptor = kling;
  const same: typeof kling = klingNamed;
  const input: Input = { prompt: "p", has_sound: "false" };
  const inferred: InputOf<typeof kling> = input;
  const asRoot: ModelInputs[typeof slug] = inferred;
  void [submitted, price, s, t, d, same, asRoot, schema.properties.duration.enum, title];
}

export async function invalid(): Promise<void> {
  // @ts-expect-error the core client knows no slug: pass the descriptor
  await core.submit("kling-plus/kling-o3-standard/text-to-video", { prompt: "p" });
  // @ts-expect-error unknown field
  await core.submit(kling, { prompt: "p", has_sond: "true" });
  // @ts-expect-error has_sound is the string "true", not a boolean
  await core.submit(kling, { prompt: "p", has_sound: true });
  // @ts-expect-error prompt is required
  await core.run(kling, { duration: "5" });
  // @ts-expect-error duration "16" is not an option (3..15)
  core.price(kling, { prompt: "p", duration: "16" });
  // @ts-expect-error the inputs of another model do not fit
  await core.estimate(kling, { prompt: "p", image_url: "https://x/y.png", generate_audio: true });
  // @ts-expect-error the root client checks a descriptor's input as strictly as a slug's
  await root.submit(kling, { prompt: "p", durations: "10" });
  // @ts-expect-error a plain object is not a descriptor
  await core.submit({ slug: "kling-plus/kling-o3-standard/text-to-video" }, { prompt: "p" });
  // @ts-expect-error a hand-made descriptor does not compile as one (only the generated ones are taken, also at run time)
  const handMade: ModelDescriptor<"kling-plus/kling-o3-standard/text-to-video"> = { slug, title, schema, price: kling.price };
  void handMade;
}
