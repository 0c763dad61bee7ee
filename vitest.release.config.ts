import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// `pnpm test:release`: the release round trip through a local registry (test/release/). Minutes, not
// seconds, so it is not part of `pnpm test`; .ci/run runs it as its own step.
export default defineConfig({
  ...base,
  test: {
    include: ["test/release/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
