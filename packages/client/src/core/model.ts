import type { PriceQuote } from "@pixelbyte/pricing/runtime";
import { closestMatch, ownValue } from "@pixelbyte/pricing/runtime";
import { InputValidationError } from "./errors.js";
import type { JsonObject } from "./json-value.js";
import { noRedaction, type Redactor } from "./redact.js";
import { describeValue, validateInput, type JsonSchema } from "./validate.js";

/** Type-only brand: carries a descriptor's input type; never set at run time. */
declare const inputType: unique symbol;

/**
 * One model, as a value: what the client needs to validate, price and send a call to it. Import
 * a model's descriptor from `@pixelbyte/client/models/<slug>` (generated for every model) and
 * pass it where a slug goes (`client.submit(model, input)`): a bundler then keeps exactly the
 * models that are imported.
 */
export interface ModelDescriptor<S extends string = string, I = unknown> {
  /** The model slug sent as `model`, e.g. "kling-plus/kling-o3-standard/text-to-video". */
  readonly slug: S;
  /** The model's title in the spec, e.g. "Kling O3 Standard — Text to Video". */
  readonly title: string;
  /** The closed input schema, checked before any request is sent. */
  readonly schema: JsonSchema;
  /**
   * The exact local price of an input (already a checked JSON value), from @pixelbyte/pricing;
   * throws PricingError for a value it cannot price. A method, so that a generated price with a
   * narrower input type fits.
   */
  price(input: Readonly<Record<string, unknown>>): PriceQuote;
  /** Type only: the input the model takes (see InputOf). */
  readonly [inputType]?: I;
}

/** The input type of a descriptor: `InputOf<typeof model>`. */
export type InputOf<M> = M extends ModelDescriptor<string, infer I> ? I : never;

/**
 * Slugs a client knows, each with its descriptor: `@pixelbyte/client` installs every generated
 * model; the core entry (`@pixelbyte/client/core`) none, so that only imported descriptors are
 * bundled.
 */
export type ModelRegistry = Readonly<Record<string, ModelDescriptor>>;

/**
 * The descriptor a call names: the descriptor itself, or the registry's entry for a slug. Throws
 * InputValidationError (nothing sent) for anything else, with the closest known slug; the value is
 * quoted shortened and masked (it may be a key passed in the wrong argument).
 */
export function resolveModel(model: unknown, registry: ModelRegistry | undefined, redactor: Redactor): ModelDescriptor {
  if (typeof model === "string") {
    const known = registry === undefined ? undefined : ownValue(registry, model);
    if (known !== undefined) return known;
  } else if (isDescriptor(model)) {
    return model;
  }
  const near = typeof model === "string" && registry !== undefined ? closestMatch(model, Object.keys(registry)) : undefined;
  const how =
    typeof model !== "string"
      ? "; pass a model slug or a model imported from @pixelbyte/client/models/<slug>"
      : registry === undefined
        ? " (this client knows no slugs: import the model from @pixelbyte/client/models/<slug> and pass it, or use createClient from @pixelbyte/client, which knows every model)"
        : "";
  // Named as given when it is a short string; otherwise as describeValue shows it (bounded, never String(obj)).
  const label = typeof model === "string" && model.length <= 100 ? model : describeValue(model, redactor);
  throw new InputValidationError(label, [
    {
      path: "model",
      rule: "known-model",
      message: `${describeValue(model, redactor)} is not a known model${near ? `; did you mean "${near}"?` : ""}${how}`,
    },
  ]);
}

function isDescriptor(value: unknown): value is ModelDescriptor {
  if (typeof value !== "object" || value === null) return false;
  const d = value as Partial<Record<keyof ModelDescriptor, unknown>>;
  return typeof d.slug === "string" && d.slug !== "" && typeof d.schema === "object" && d.schema !== null && typeof d.price === "function";
}

/**
 * Throws InputValidationError (nothing sent) unless `input`, as JSON carries it, fits the schema
 * of `model` (a descriptor). Returns that JSON value: it is what the client prices and sends.
 */
export function validateModelInput(model: ModelDescriptor, input: unknown, redactor: Redactor = noRedaction): JsonObject {
  return checkModelInput(model, input, undefined, redactor);
}

/** validateModelInput for a descriptor or a slug of `registry` (anything else is an InputValidationError). */
export function checkModelInput(model: unknown, input: unknown, registry: ModelRegistry | undefined, redactor: Redactor): JsonObject {
  const m = resolveModel(model, registry, redactor);
  return validateInput(m.slug, m.schema, input, redactor);
}
