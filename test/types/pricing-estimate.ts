// Type tests, checked by `pnpm typecheck` (never run): each @ts-expect-error line must fail to compile.
import { estimate } from "@pixelbyte/pricing";
import { price } from "@pixelbyte/pricing/models/kling-plus/kling-o3-standard/text-to-video";

const slug = "kling-plus/kling-o3-standard/text-to-video";

// Valid: priced fields typed, other input fields pass through.
estimate(slug, { prompt: "a city at night", duration: "10", has_sound: "true" });
estimate(slug);
price({ duration: "3" });
estimate("bytedance-plus/seedance-1.5-pro-super/image-to-video", { generate_audio: true, duration: "12", resolution: "1080p" });

// @ts-expect-error has_sound is the string "true", not a boolean
estimate(slug, { has_sound: true });
// @ts-expect-error 16 s is not a documented duration
estimate(slug, { duration: "16" });
// @ts-expect-error unknown model slug
estimate("kling-plus/kling-o3-standard/text-to-vide", {});
// @ts-expect-error generate_audio is a real boolean
estimate("bytedance-plus/seedance-1.5-pro-super/image-to-video", { generate_audio: "true" });
// @ts-expect-error the range factor only takes "4".."12"
estimate("bytedance-plus/seedance-1.5-pro-super/image-to-video", { duration: "13" });
// @ts-expect-error per-model price functions check their own fields
price({ has_sound: "yes" });

// The quote is an integer number of micro-cents.
const micro: number = estimate(slug).microCents;
void micro;
