import { estimate } from "@pixelbyte/pricing";
import { expect, test } from "vitest";

test("smoke", () => {
  expect(estimate("kling-plus/kling-o3-standard/text-to-video", { duration: "10", has_sound: "true" }).microCents).toBe(1260000);
});
