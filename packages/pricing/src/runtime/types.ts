/** The one rounding rule of the pricing spec, applied once to the exact product. */
export type RoundingRule = "half-up" | "half-even" | "floor" | "ceil";

/** What a model's base cost is per. */
export type PriceUnit = "second" | "image" | "request";

/** The JSON type of the input field a factor reads. */
export type FieldType = "string" | "boolean" | "integer" | "number";

/**
 * A multiplier as an exact rational: `text` as written in the spec, `num / den` its value, exactly.
 * `num` and `den` are numbers when they are safe integers and bigints when they are not (a decimal
 * of any length, e.g. 40 decimals, stays exact); a model with a bigint multiplier always has
 * `arithmetic: "bigint"`.
 */
export interface Multiplier {
  readonly text: string;
  readonly num: number | bigint;
  readonly den: number | bigint;
}

/** A factor that looks its multiplier up in a table of input value -> multiplier. */
export interface TableFactor {
  readonly kind: "table";
  readonly field: string;
  readonly type: FieldType;
  /** The schema default, used when the field is omitted; undefined when the field has none. */
  readonly default?: string | number | boolean;
  /** Keyed by the value written as a string ("10", "true", "1080p"). */
  readonly rows: Readonly<Record<string, Multiplier>>;
}

/** A factor whose multiplier is the (integer) value itself, for every value from min to max. */
export interface RangeFactor {
  readonly kind: "range";
  readonly field: string;
  readonly type: FieldType;
  readonly default?: string | number | boolean;
  readonly min: number;
  readonly max: number;
}

export type Factor = TableFactor | RangeFactor;

/** One model's price definition, generated from spec/pricing.yaml. */
export interface ModelPricing {
  readonly slug: string;
  readonly base: number;
  readonly unit: PriceUnit;
  readonly rounding: RoundingRule;
  /**
   * "number" when every multiplier is a pair of numbers and the largest possible numerator and
   * denominator products are safe integers, else "bigint" (chosen at generate time). Either way the
   * price is exact; the dearest price of a model is at most Number.MAX_SAFE_INTEGER micro-cents.
   */
  readonly arithmetic: "number" | "bigint";
  readonly factors: readonly Factor[];
}

/** How one factor contributed to a price. */
export interface FactorBreakdown {
  readonly field: string;
  readonly value: string | number | boolean;
  /** The exact multiplier as written in the spec, e.g. "1.8667". */
  readonly multiplier: string;
  /** True when the field was omitted and its schema default was priced. */
  readonly defaulted: boolean;
}

/** The exact price of one call. */
export interface PriceQuote {
  readonly model: string;
  /** The price in integer micro-cents (1,000,000 = $1), after the one rounding rule. */
  readonly microCents: number;
  /** The exact unrounded price as a decimal string, e.g. "140002.5". */
  readonly exactMicroCents: string;
  /** True when `exactMicroCents` was not an integer and rounding changed it. */
  readonly rounded: boolean;
  readonly rounding: RoundingRule;
  readonly baseMicroCents: number;
  readonly unit: PriceUnit;
  readonly breakdown: readonly FactorBreakdown[];
}
