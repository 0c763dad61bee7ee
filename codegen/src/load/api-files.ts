import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { hashOf } from "../cache/cache-dir.js";
import type { SpecFiles } from "../config.js";

/**
 * What the API document is made of, as one hash: openapi.yaml, every file in its folder (the other
 * spec files too, unless no $ref names them: so that a model change is not an API change), and every
 * file a $ref reaches outside it, each with its path. Undefined when some $ref names a URL: what it
 * reaches is not on disk, so nothing about the document is cached.
 */
export async function apiInputsHash(root: string, files: SpecFiles): Promise<string | undefined> {
  const openapi = path.resolve(root, files.openapi);
  const others = new Set([files.models, files.pricing, files.pricingSchema].map((f) => path.resolve(root, f)));
  const folder = await filesUnder(path.dirname(openapi));
  const texts = new Map<string, Buffer>();
  const queue = [openapi, ...folder.filter((f) => !others.has(f))];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (texts.has(file)) continue;
    const bytes = await readFile(file).catch(() => Buffer.from("(missing)"));
    texts.set(file, bytes);
    if (!/\.(ya?ml|json)$/i.test(file)) continue;
    for (const match of bytes.toString("utf8").matchAll(/\$ref["']?\s*:\s*["']?([^"'#\s]+)/g)) {
      const ref = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return undefined;
      for (const target of [ref, safeDecode(ref)]) {
        const resolved = path.resolve(path.dirname(file), target);
        if (!texts.has(resolved)) queue.push(resolved);
      }
    }
  }
  const parts = [...texts.keys()].sort().flatMap((file) => [path.relative(root, file), texts.get(file)!]);
  return hashOf("api-inputs", ...parts);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
