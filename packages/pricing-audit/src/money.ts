import { divide, integer, multiply, roundRational, toDecimal, toFixed, type Rational } from "./rational.js";
import { isRounded, type Price } from "./price.js";

/** 1,000,000 micro-cents = $1 (the spec's `currency: micro-cents`). */
const PER_DOLLAR = integer(1_000_000n);

/** Micro-cents, exactly, with thousands separators: 1260000 -> "1,260,000", 280005/2 -> "140,002.5". */
export function microCentsText(amount: Rational | bigint): string {
  const text = typeof amount === "bigint" ? amount.toString() : toDecimal(amount);
  const negative = text.startsWith("-");
  const [whole = "0", fraction] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Micro-cents as exact dollars, at least two decimals, every significant digit: 280005/2 -> "$0.1400025". */
export function usdText(amount: Rational | bigint): string {
  const r = typeof amount === "bigint" ? integer(amount) : amount;
  const text = toDecimal(divide(r, PER_DOLLAR));
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  return `${negative ? "-" : ""}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0")}`;
}

/** An integer with thousands separators, the same on every machine: 1234567n -> "1,234,567". */
export function grouped(n: bigint | number): string {
  return microCentsText(BigInt(n));
}

/** "280,005 µ¢ ($0.280005)". */
export function moneyText(microCents: bigint): string {
  return `${microCentsText(microCents)} µ¢ (${usdText(microCents)})`;
}

/** A price with its exact value and rule named when rounding applied: "140,003 µ¢ ($0.140003), exact 140,002.5 µ¢ rounded half-up". */
export function priceText(price: Price): string {
  return isRounded(price) ? `${moneyText(price.microCents)}, ${exactNote(price)}` : moneyText(price.microCents);
}

/** "exact 140,002.5 µ¢ rounded half-up" (only meaningful when the price was rounded). */
export function exactNote(price: Price): string {
  return `exact ${microCentsText(price.exact)} µ¢ rounded ${price.rounding}`;
}

/** A signed change: "+14,000 µ¢ (+$0.014)", "-1 µ¢ (-$0.000001)". */
export function changeText(delta: bigint): string {
  const sign = delta > 0n ? "+" : delta < 0n ? "-" : "±";
  const abs = delta < 0n ? -delta : delta;
  return `${sign}${microCentsText(abs)} µ¢ (${sign}${usdText(abs)})`;
}

/**
 * A percentage rounded to two decimals (half away from zero), signed: "+5.26%", "-50%"; a change
 * too small for two decimals keeps its first significant digit ("-0.0007%"), never "0%".
 */
export function percentText(percent: Rational | undefined): string {
  if (percent === undefined) return "new cost (was 0)";
  if (percent.num === 0n) return "±0%";
  // Two decimals, or as many as it takes to reach the first significant digit.
  const abs = { num: percent.num < 0n ? -percent.num : percent.num, den: percent.den };
  let places = 2;
  while (places < 12 && roundRational(multiply(abs, integer(10n ** BigInt(places))), "floor") === 0n) places++;
  return `${percent.num > 0n ? "+" : ""}${toFixed(percent, places)}%`;
}
