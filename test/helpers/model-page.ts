/**
 * Renders a spec model (its models.yaml schema and pricing.yaml entry) as the docs page it would
 * have been imported from, in both forms of docs-page-format.md: the MDX source (§1–7) and the
 * rendered page's browser copy (§0). Used by the round-trip test: spec -> page -> importer -> spec.
 *
 * Where the spec records a decision about its page (a base labelled per second but priced flat, a
 * factor with no input, dollars ten times the micro-cents), the page is rendered with that
 * contradiction, as the page the spec was taken from had it. Variants are spread over the models
 * by provider, as on the real pages (Kling Plus: Options before Default, "max N characters."
 * sentences, `|  |` continuation rows; Alibaba+: quoted defaults; OpenAI and others: "Max length:").
 */
import { formatUsd } from "@pixelbyte/pricing/runtime";

type Obj = Record<string, unknown>;
export interface SpecModel {
  schema: Obj;
  price: Obj;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A field the spec declares only because the page's price multiplies by it: it is not on the page. */
export function declaredForFactor(field: Obj): boolean {
  return typeof field["x-decision"] === "string" && field["x-decision"].startsWith("Not an input on the page");
}

interface PageFacts {
  slug: string;
  title: string;
  provider: string;
  model: string;
  capability: string;
  /** The unit as the page labels the base (may disagree with the spec's unit: decision 9 in docs/decisions.md). */
  labelUnit: string;
  /** Dollars shown = micro-cents / 1,000,000 × this (10 on the page whose dollars are ten times off). */
  dollarScale: number;
  flatPer?: string;
  fields: [string, Obj][];
  required: Set<string>;
  factors: Obj[];
  examples: Obj[];
  base: number;
}

function factsOf({ schema, price }: SpecModel): PageFacts {
  const slug = schema["x-slug"] as string;
  const title = schema.title as string;
  const [model, capability] = title.includes(" — ") ? title.split(" — ") : [title, titleCase(slug.split("/").pop()!)];
  const note = typeof price.note === "string" ? price.note : "";
  let labelUnit = price.unit as string;
  let flatPer: string | undefined;
  const flat = /labels the base cost per second, but its formula and worked example are flat per (\w+)/.exec(note);
  if (flat) {
    labelUnit = "second";
    flatPer = flat[1];
  }
  if (/labels the base cost per request, but its formula multiplies by duration/.test(note)) labelUnit = "request";
  const properties = schema.properties as Record<string, Obj>;
  return {
    slug,
    title,
    provider: schema["x-provider"] as string,
    model: model!,
    capability: capability!,
    labelUnit,
    dollarScale: /are ten times its micro-cents/.test(note) ? 10 : 1,
    ...(flatPer ? { flatPer } : {}),
    fields: Object.entries(properties).filter(([, f]) => !declaredForFactor(f)),
    required: new Set(schema.required as string[]),
    factors: price.factors as Obj[],
    examples: price.examples as Obj[],
    base: price.base as number,
  };
}

// ---------------------------------------------------------------- MDX

export function renderMdx(spec: SpecModel): string {
  const p = factsOf(spec);
  const kp = p.provider === "Kling Plus";
  const out: string[] = [];
  out.push("---", `title: ${JSON.stringify(p.title)}`, `api: "POST /v1/jobs/submit"`, `description: ${JSON.stringify(`Generate with ${p.model}.`)}`, "---", "");
  out.push(`Use ${p.model} for ${p.capability.toLowerCase()} generation. Pick the options that fit your scene.`, "");
  out.push("| Property | Value |", "|----------|-------|");
  out.push(`| **Provider** | ${p.provider} |`, `| **Model** | ${p.model} |`, `| **Capability** | ${p.capability} |`);
  out.push(`| **Base Cost** | ${commas(p.base)} micro-cents/${p.labelUnit} (${dollars(p.base * p.dollarScale, baseUnitTail(p), kp)}) |`, "| **Processing Time** | ~120 seconds |", "");
  out.push("## Request Body", "");
  out.push(`<ParamField body="model" type="string" required placeholder="${p.slug}">`, `  Model slug. Use \`${p.slug}\` for ${p.capability.toLowerCase()} generation.`, "</ParamField>", "");
  out.push(`<ParamField body="input" type="object" required>`, `  Input parameters for ${p.capability.toLowerCase()} generation.`, `  <Expandable title="properties" defaultOpen>`);
  for (const [name, field] of p.fields) out.push(...paramField(name, field, p.required.has(name), "    ", p.provider));
  out.push("  </Expandable>", "</ParamField>", "");
  out.push(`<ParamField body="webhookUrl" type="string">`, "  HTTPS URL to receive a webhook notification when the job completes or fails.", "</ParamField>", "");

  out.push("## Pricing", "");
  out.push(`**Base cost:** ${commas(p.base)} micro-cents per ${p.labelUnit} (${dollars(p.base * p.dollarScale, baseUnitTail(p), kp)})`, "");
  const terms = p.factors.map((f) => f.field as string);
  if (p.flatPer === "video") out.push("```", "finalCost = baseCost (flat per-video)", "```", "");
  else out.push("```", ["finalCost = baseCost", ...terms].join(" × "), "```", "");
  if (p.flatPer && p.flatPer !== "video") out.push(`This model is priced flat per ${p.flatPer}, whatever the clip length.`, "");
  if (p.factors.length > 0) {
    out.push("| Factor | Option | Multiplier |", "|--------|--------|-----------|");
    const empty = kp || p.provider === "Alibaba+" ? "|  " : "| ";
    for (const f of p.factors) {
      const display = displayName(f.field as string, p.provider);
      if (isObj(f.range)) {
        const { min, max } = f.range as { min: number; max: number };
        const mid = Math.round((min + max) / 2);
        out.push(`| **${display}** | \`${min}\`–\`${max}\` | matches value (e.g. \`${mid}\` → ${mid}x) |`);
        continue;
      }
      Object.entries(f.table as Record<string, string>).forEach(([key, m], i) => out.push(`${i === 0 ? `| **${display}**` : empty} | \`${key}\` | ${m}x |`));
    }
    out.push("");
  }
  out.push("<Tip>");
  p.examples.forEach((e, i) => {
    if (i > 0) out.push("");
    out.push(costLine(e, i, p, "mdx"));
  });
  out.push("</Tip>", "");

  out.push("## Response", "");
  for (const [name, type, text] of RESPONSE) out.push(`<ResponseField name="${name}" type="${type}">`, `  ${text}`, "</ResponseField>", "");
  out.push("## Code Examples", "", "<CodeGroup>", "");
  const body = { model: p.slug, input: exampleInput(p) };
  const json = JSON.stringify(body, null, 2).split("\n");
  out.push("```bash cURL", "curl -X POST https://api.muvi.video/v1/jobs/submit \\", '  -H "Authorization: Bearer $PIXELBYTE_API_KEY" \\', '  -H "Content-Type: application/json" \\', `  -d '${json.map((l, i) => (i === 0 ? l : `  ${l}`)).join("\n")}'`, "```", "");
  out.push("```python Python", "import requests", "", "response = requests.post(", '    "https://api.muvi.video/v1/jobs/submit",', '    headers={"Authorization": "Bearer YOUR_API_KEY"},', `    json=${JSON.stringify(body).replace(/\btrue\b/g, "True").replace(/\bfalse\b/g, "False")},`, ")", "data = response.json()", "print(data)", "```", "");
  out.push("```javascript JavaScript", 'const response = await fetch("https://api.muvi.video/v1/jobs/submit", {', '  method: "POST",', '  headers: { Authorization: "Bearer YOUR_API_KEY", "Content-Type": "application/json" },', `  body: JSON.stringify(${JSON.stringify(body)}),`, "});", "```", "", "</CodeGroup>", "");
  return out.join("\n");
}

function paramField(name: string, field: Obj, required: boolean, indent: string, provider: string): string[] {
  const type = field.type as string;
  const out = [`${indent}<ParamField body="${name}" type="${type}"${required ? " required" : ""}>`];
  const body = bodyText(field, provider);
  if (body !== "") out.push(`${indent}  ${body}`);
  const items = field.items;
  if (type === "array" && isObj(items) && items.type === "object") {
    out.push(`${indent}  <Expandable title="item properties">`);
    if (typeof items.description === "string") out.push(`${indent}    ${items.description}`);
    const properties = isObj(items.properties) ? (items.properties as Record<string, Obj>) : {};
    const req = new Set((items.required ?? []) as string[]);
    for (const [child, schema] of Object.entries(properties)) out.push(...paramField(child, schema, req.has(child), `${indent}    `, provider));
    out.push(`${indent}  </Expandable>`);
  }
  out.push(`${indent}</ParamField>`);
  return out;
}

/** The body sentence: description, limits, options and default in the provider's own phrasing. */
function bodyText(field: Obj, provider: string): string {
  const kp = provider === "Kling Plus";
  let description = typeof field.description === "string" ? field.description : "";
  const sentences: string[] = [];
  if (typeof field.maxLength === "number") {
    if (kp) sentences.push(`max ${field.maxLength} characters.`);
    else if (["OpenAI", "Seedance", "PixelByte+"].includes(provider) || description === "") sentences.push(`Max length: ${commas(field.maxLength)} characters.`);
    else description = description.replace(/\.$/, ` (max ${field.maxLength} characters).`);
  }
  if (typeof field.minItems === "number" && typeof field.maxItems === "number" && description !== "") description = description.replace(/\.$/, ` (${field.minItems}–${field.maxItems} items).`);
  else {
    if (typeof field.maxItems === "number") sentences.push(`Max items: ${field.maxItems}.`);
    if (typeof field.minItems === "number") sentences.push(`Min items: ${field.minItems}.`);
  }
  if (typeof field.minimum === "number" && typeof field.maximum === "number") {
    sentences.push(field.type === "integer" ? `Range: ${field.minimum}–${field.maximum}.` : `min ${field.minimum}, max ${field.maximum}.`);
  }
  const options = Array.isArray(field.enum) ? `Options: ${field.enum.map((v) => `\`${String(v)}\``).join(", ")}.` : undefined;
  const quote = provider === "Alibaba+" && typeof field.default === "string";
  const def = "default" in field ? `Default: \`${quote ? JSON.stringify(field.default) : String(field.default)}\`.` : undefined;
  const ordered = kp ? [options, def] : [def, options];
  return [description, ...sentences, ...ordered].filter((s) => s !== undefined && s !== "").join(" ");
}

// ---------------------------------------------------------------- rendered (browser copy)

export function renderRendered(spec: SpecModel): string {
  const p = factsOf(spec);
  const kp = p.provider === "Kling Plus";
  const out: string[] = ["Skip to main content", "POST", "/", "v1", "/", "jobs", "/", "submit", p.title];
  const sample = { model: "<string>", input: Object.fromEntries(p.fields.map(([name, f]) => [name, placeholderOf(f)])) };
  out.push("curl --request POST \\", "  --url https://api.muvi.video/v1/jobs/submit \\", "  --header 'Authorization: Bearer <token>' \\", "  --header 'Content-Type: application/json' \\", "  --data '", JSON.stringify(sample, null, 2), "'");
  out.push("{", '  "jobId": "<string>",', '  "status": "<string>",', '  "estimatedCompletionTime": "<string>",', '  "costMicroCents": 123', "}", "");
  out.push("Documentation Index", "", "Fetch the complete documentation index at: https://developer.pixelbyte.app/docs/llms.txt", "", "Use this file to discover all available pages before exploring further.", "");
  out.push(`Use ${p.model} for ${p.capability.toLowerCase()} generation.`, "PropertyValue", `Provider${p.provider}`, `Model${p.model}`, `Capability${p.capability}`);
  out.push(`Base Cost${commas(p.base)} micro-cents/${p.labelUnit} (${dollars(p.base * p.dollarScale, baseUnitTail(p), kp)})`, "Processing Time~120 seconds", "");
  out.push("Request Body", "", "model", "string", "required", `Model slug. Use ${p.slug} for ${p.capability.toLowerCase()} generation.`);
  out.push("input", "object", "required", `Input parameters for ${p.capability.toLowerCase()} generation.`, "webhookUrl", "string", "HTTPS URL to receive a webhook notification when the job completes or fails.", "");
  out.push("Pricing", "", `Base cost: ${commas(p.base)} micro-cents per ${p.labelUnit} (${dollars(p.base * p.dollarScale, baseUnitTail(p), kp)})`);
  if (p.flatPer === "video") out.push("finalCost = baseCost (flat per-video)");
  else out.push(["finalCost = baseCost", ...p.factors.map((f) => f.field as string)].join(" × "));
  if (p.flatPer && p.flatPer !== "video") out.push(`This model is priced flat per ${p.flatPer}, whatever the clip length.`);
  if (p.factors.length > 0) {
    out.push("FactorOptionMultiplier");
    for (const f of p.factors) {
      const display = displayName(f.field as string, p.provider);
      if (isObj(f.range)) {
        const { min, max } = f.range as { min: number; max: number };
        const mid = Math.round((min + max) / 2);
        out.push(`${display}${min}–${max}matches value (e.g. ${mid} → ${mid}x)`);
        continue;
      }
      Object.entries(f.table as Record<string, string>).forEach(([key, m], i) => out.push(`${i === 0 ? display : ""}${key}${m}x`));
    }
  }
  p.examples.forEach((e, i) => out.push(costLine(e, i, p, "rendered")));
  out.push("", "Response", "", "jobId", "string", "Unique identifier for the submitted job.", "status", "string", 'Initial job status. Always "pending" on successful submission.');
  out.push("estimatedCompletionTime", "string", "ISO 8601 timestamp of the estimated completion time.", "costMicroCents", "number", "The cost of the job in micro-cents.", "", "Code Examples", "");
  const body = JSON.stringify({ model: p.slug, input: exampleInput(p) }, null, 2).split("\n");
  out.push("curl -X POST https://api.muvi.video/v1/jobs/submit \\", '  -H "Authorization: Bearer $PIXELBYTE_API_KEY" \\', '  -H "Content-Type: application/json" \\', `  -d '${body.map((l, i) => (i === 0 ? l : `  ${l}`)).join("\n")}'`);
  return out.join("\n");
}

/** The empty sample the rendered page shows for a field of this type. */
function placeholderOf(field: Obj): unknown {
  switch (field.type) {
    case "string":
      return "<string>";
    case "integer":
    case "number":
      return 123;
    case "boolean":
      return true;
    case "array":
      return isObj(field.items) && field.items.type === "string" && field.minItems !== undefined ? ["<string>"] : [{}];
    default:
      return {};
  }
}

// ---------------------------------------------------------------- shared

const RESPONSE: [string, string, string][] = [
  ["jobId", "string", "Unique identifier for the submitted job."],
  ["status", "string", 'Initial job status. Always "pending" on successful submission.'],
  ["estimatedCompletionTime", "string", "ISO 8601 timestamp of the estimated completion time."],
  ["costMicroCents", "number", "The cost of the job in micro-cents."],
];

/** A worked cost line: the example's note says which of the page's costs it is (spec notes read "The page's <label> (<inputs>)."). */
function costLine(example: Obj, index: number, p: PageFacts, form: "mdx" | "rendered"): string {
  const b = (s: string) => (form === "mdx" ? `**${s}**` : s);
  const note = typeof example.note === "string" ? example.note : "";
  const m = /^The page's (.+? cost) \((.*)\)(?:; the page documents no defaults)?\.$/.exec(note);
  const label = m ? m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1) : index === 0 ? "Default cost" : `Example ${index + 1} cost`;
  const total = example.micro_cents as number;
  const money = `${commas(total)} micro-cents (${dollars(total * p.dollarScale)})`;
  const what = m?.[2];
  const flat = what ? /^flat per (\w+)(?:, (.*))?$/.exec(what) : null;
  if (flat && p.factors.length === 0) {
    const [, per, remark] = flat;
    if (remark) return `${b(`${label}:`)} ${b(money)} per ${per} — ${remark}`;
    if (per === "video") return `${b("Cost:")} flat ${b(money)} per video.`;
    if (per === "request") return `${b(`${label}:`)} 1 request = ${b(money)}`;
    return `${b(`${label}:`)} Flat = ${b(money)}`;
  }
  const input = example.input as Obj;
  const multipliers = p.factors.map((f) => {
    const value = String(input[f.field as string]);
    return isObj(f.range) ? value : (f.table as Record<string, string>)[value]!;
  });
  const phrase = what ?? p.factors.map((f) => String(input[f.field as string])).join(", ");
  const calc = [commas(p.base), ...multipliers].join(" × ");
  return `${b(`${label}:`)} ${phrase} = ${calc} = ${b(money)}`;
}

/** What the code example sends: the required fields and every URL list, at their defaults or first options. */
function exampleInput(p: PageFacts): Obj {
  const out: Obj = {};
  for (const [name, field] of p.fields) {
    const urls = field.type === "array" && isObj(field.items) && field.items.type === "string";
    if (!p.required.has(name) && !urls) continue;
    if (urls) out[name] = ["https://example.com/reference-1.jpg"];
    else if ("default" in field) out[name] = field.default;
    else if (Array.isArray(field.enum)) out[name] = field.enum[0];
    else if (field.type === "string") out[name] = name.includes("url") ? "https://example.com/input.jpg" : "A neon-lit street at night";
    else if (field.type === "boolean") out[name] = false;
    else if (field.type === "integer" || field.type === "number") out[name] = typeof field.minimum === "number" ? field.minimum : 1;
    else if (field.type === "array") out[name] = [{}];
  }
  return out;
}

/** The factor's display name in the table (docs-page-format §5.3: never the field name itself). */
function displayName(field: string, provider: string): string {
  const names: Record<string, string> = { has_sound: provider === "Kling Plus" ? "Has Sound" : "Sound", generate_audio: "Generate Audio", fps: "FPS", num_images: "Number of Images" };
  return names[field] ?? titleCase(field.replace(/_/g, "-"));
}

function titleCase(segment: string): string {
  return segment
    .split("-")
    .map((w, i) => (i > 0 && ["to", "and", "of"].includes(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

function commas(n: number): string {
  return n.toLocaleString("en-US");
}

/** The page whose dollars are ten times off writes its base "/request" (docs-page-format §9 #1). */
function baseUnitTail(p: PageFacts): string {
  return p.labelUnit === "request" && p.dollarScale !== 1 ? "request/" : p.labelUnit;
}

/** "$0.084/sec", "$0.084/second" (Kling Plus), "$0.034" (per request), "$0.03/img". */
function dollars(microCents: number, unit?: string, secondWord = false): string {
  const usd = formatUsd(microCents);
  if (unit === undefined) return usd;
  const per = unit === "second" ? (secondWord ? "/second" : "/sec") : unit === "image" ? "/img" : unit === "request/" ? "/request" : "";
  return `${usd}${per}`;
}
