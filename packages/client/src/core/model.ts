import type { PriceQuote } from "@pixelbyte/pricing/runtime";
import { closestMatch, ownValue } from "@pixelbyte/pricing/runtime";
import { InputValidationError } from "./errors.js";
import type { JsonObject } from "./json-value.js";
import { noRedaction, type Redactor } from "./redact.js";
import { describeValue, validateInput, type JsonSchema } from "./validate.js";

/** Type-only brand: carries a descriptor's input type; never set at run time. */
declare const inputType: unique symbol;
/**
 * Type-only brand: only defineModel (the generated modules) makes a ModelDescriptor, so a
 * hand-written object literal does not compile as one, nor does a descriptor of another installed
 * copy of this package (each copy declares its own symbol).
 */
declare const generatedByPixelbyteClient: unique symbol;

/**
 * One model, as a value: what the client needs to validate, price and send a call to it. Import
 * a model's descriptor from `@pixelbyte/client/models/<slug>` (generated for every model) and
 * pass it where a slug goes (`client.submit(model, input)`): a bundler then keeps exactly the
 * models that are imported. Descriptors are frozen, schema included; a client takes only the
 * ones this copy of the package generated (see resolveModel).
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
  /** Type only: made by the package's generated code (see defineModel). */
  readonly [generatedByPixelbyteClient]: true;
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
 * The descriptors this copy of the package made. The client's budget rests on a descriptor's price
 * function, which nothing at run time can check against the server's price (a hand-made `price: ()
 * => 0`, a cheap model's price under a dear model's slug, a getter or Proxy answering one slug to
 * the check and another to the request): so only these are accepted.
 */
const generated = new WeakSet<object>();

/**
 * The generated `models/<slug>` modules' constructor (internal: no entry point exports it). The
 * descriptor and its schema are frozen and read once here, so what is checked, priced and sent
 * cannot change afterwards.
 */
export function defineModel<S extends string, I>(slug: S, title: string, schema: JsonSchema, price: (input: never) => PriceQuote): ModelDescriptor<S, I> {
  const model = Object.freeze({ slug, title, schema: deepFreeze(schema), price }) as unknown as ModelDescriptor<S, I>;
  generated.add(model);
  return model;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The descriptor a call names: a generated descriptor itself, or the registry's entry for a slug.
 * Throws InputValidationError (nothing sent) for anything else, with the closest known slug; the
 * value is quoted shortened and masked (it may be a key passed in the wrong argument). An object
 * that is not a generated descriptor (hand-made, copied, modified, or from another installed copy
 * of the package) is refused with rule "generated-model": its price could not be trusted.
 */
export function resolveModel(model: unknown, registry: ModelRegistry | undefined, redactor: Redactor): ModelDescriptor {
  if (typeof model === "string") {
    const known = registry === undefined ? undefined : ownValue(registry, model);
    // A registry entry is trusted only if it is a generated descriptor for that very slug.
    if (known !== undefined && generated.has(known) && known.slug === model) return known;
    if (known !== undefined) throw notGenerated(known, undefined, redactor); // the registry was written to
  } else if (typeof model === "object" && model !== null && generated.has(model)) {
    return model as ModelDescriptor;
  } else if ((typeof model === "object" && model !== null) || typeof model === "function") {
    throw notGenerated(model, registry, redactor);
  }
  const near = typeof model === "string" && registry !== undefined ? closestMatch(model, Object.keys(registry)) : undefined;
  const how =
    typeof model !== "string"
      ? "; pass a model slug or a model imported from @pixelbyte/client/models/<slug>"
      : registry === undefined
        ? ` (this client knows no slugs: ${importHint(model, redactor)} and pass it, or use createClient from @pixelbyte/client, which knows every model)`
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

/** The import of the descriptor of `slug` when it looks like a slug (and holds no secret), else the general form. */
function importHint(slug: string, redactor: Redactor): string {
  const slugLike = /^[\w.-]+(\/[\w.-]+){1,2}$/.test(slug) && redactor.clip(slug, 100) === slug;
  return `import model from "@pixelbyte/client/models/${slugLike ? slug : "<slug>"}"`;
}

/**
 * The refusal of an object that is not a generated descriptor (hand-made, copied, modified, or
 * from another installed version of the package). Its `slug` is read once, only as an own data
 * property (no getter is called; a throwing Proxy trap is ignored), and only to name it in the
 * message and point at the real descriptor.
 */
function notGenerated(model: object, registry: ModelRegistry | undefined, redactor: Redactor): InputValidationError {
  let slug: unknown;
  try {
    slug = Object.getOwnPropertyDescriptor(model, "slug")?.value;
  } catch {
    slug = undefined;
  }
  const named = typeof slug === "string" && slug !== "" ? redactor.clip(slug, 100) : undefined;
  const known = named !== undefined && registry !== undefined && ownValue(registry, named) !== undefined;
  return new InputValidationError(named ?? "model", [
    {
      path: "model",
      rule: "generated-model",
      message:
        "is an object that is not a model descriptor generated by this copy of @pixelbyte/client, so its price cannot be trusted; " +
        `${known ? `pass the slug ${JSON.stringify(named)}, or ` : ""}${importHint(named ?? "", redactor)} (the same installation as createClient)`,
    },
  ]);
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
