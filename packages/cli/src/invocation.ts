/**
 * How to type this CLI again, the way it was started, for hints and examples: `pixelbyte` when installed;
 * inside this repository (a `pnpm pixelbyte` script, or the TypeScript sources run directly) `pnpm
 * pixelbyte`, or `npx -y pnpm@10 pixelbyte` when pnpm itself came from npx (it is then not on the PATH
 * of the user's shell).
 */
export function selfCommand(env: Readonly<Record<string, string | undefined>>, fromSources = import.meta.url.endsWith(".ts")): string {
  const viaScript = env.npm_lifecycle_event === "pixelbyte" && /^pnpm\//.test(env.npm_config_user_agent ?? "");
  if (!viaScript && !fromSources) return "pixelbyte";
  return /[\\/]_npx[\\/]/.test(env.npm_execpath ?? "") ? "npx -y pnpm@10 pixelbyte" : "pnpm pixelbyte";
}

/** An example line as the user can type it: its leading `pixelbyte` replaced by `selfCommand`. */
export function asTyped(example: string, self: string): string {
  return self === "pixelbyte" ? example : example.replace(/(^|\s)pixelbyte(?= )/, `$1${self}`);
}
