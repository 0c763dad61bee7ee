/** An exact decimal string as a rational with a power-of-ten denominator: "1.8667" -> 18667 / 10000. */
export interface Rational {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export function isExactDecimal(text: unknown): text is string {
  return typeof text === "string" && DECIMAL.test(text);
}

export function parseDecimal(text: string): Rational {
  const [whole = "0", fraction = ""] = text.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return { num: BigInt(whole + trimmed), den: 10n ** BigInt(trimmed.length) };
}
