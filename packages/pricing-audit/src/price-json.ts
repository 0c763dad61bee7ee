import { toDecimal } from "./rational.js";
import { isRounded, type Price } from "./price.js";
import { usdText } from "./money.js";

/** A price as JSON: integer micro-cents (a number while it is a safe integer), the exact value as a decimal string, dollars as text. */
export interface PriceJson {
  readonly microCents: number | string;
  readonly exactMicroCents: string;
  readonly usd: string;
  readonly rounded: boolean;
  readonly exactUsd?: string;
}

export function priceJson(price: Price): PriceJson {
  const rounded = isRounded(price);
  return {
    microCents: jsonInteger(price.microCents),
    exactMicroCents: toDecimal(price.exact),
    usd: usdText(price.microCents),
    rounded,
    ...(rounded ? { exactUsd: usdText(price.exact) } : {}),
  };
}

/** A BigInt as a JSON number while it is exact as one, else as its decimal string. */
export function jsonInteger(n: bigint): number | string {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

/** Pretty JSON with a final newline; BigInts written as decimal strings. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
