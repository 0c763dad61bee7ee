import type { CodeSampleBlock } from "./facts.js";

/**
 * The JSON body of a cURL example (`-d '{...}'` or `--data '{...}'`, single-quoted as every page
 * writes it), or undefined when the example has none or it is not JSON (examples are illustrations:
 * a broken one is skipped, never a reason to refuse the page).
 */
export function requestSample(curl: string, line: number, placeholders: boolean): CodeSampleBlock | undefined {
  const start = /(?:^|\s)(?:-d|--data(?:-raw)?)\s+'/.exec(curl);
  if (!start) return undefined;
  const from = start.index + start[0].length;
  const to = curl.indexOf("'", from);
  if (to === -1) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(curl.slice(from, to));
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const { model, input } = body as { model?: unknown; input?: unknown };
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  return {
    kind: "code-sample",
    line,
    ...(typeof model === "string" ? { model } : {}),
    input: input as Record<string, unknown>,
    placeholders,
  };
}
