import { configDefaults, defineConfig } from "vitest/config";

// "source": workspace packages resolve to their TypeScript sources (see each package's exports map).
const conditions = ["source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // The release round trip takes minutes: `pnpm test:release` (vitest.release.config.ts) runs it.
    exclude: [...configDefaults.exclude, "test/release/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
