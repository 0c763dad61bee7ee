// The hand-written pricing runtime: no generated code, so the generator itself can use it.
export { closestMatch, editDistance, MAX_SUGGEST_LENGTH } from "./closest.js";
export { computePrice } from "./compute.js";
export { describeValue, PricingError, type PricingErrorCode } from "./errors.js";
export { formatMicroCents, formatUsd } from "./format.js";
export { factorKey, isOwnKey, multiplierFor, ownValue } from "./lookup.js";
export { divideRoundedBigInt, divideRoundedNumber, exactDecimal } from "./rational.js";
export { at, count, detail, inputOf, need, pick, quoteBigInt, range, rangeEntry, slots, table, type Detail, type RangeRead, type TableRead } from "./straight.js";
export type {
  Factor,
  FactorBreakdown,
  FieldType,
  ModelPricing,
  Multiplier,
  PriceQuote,
  PriceUnit,
  RangeFactor,
  RoundingRule,
  TableFactor,
} from "./types.js";
