import { describe, expect, test } from "vitest";
import { formatMicroCents, formatUsd } from "@pixelbyte/pricing";
import { microCentsText, percentText, rational, usdText, type RoundingRule } from "@pixelbyte/pricing-audit";

const { parseDecimal, roundRational, toDecimal, toFixed, multiply, integer } = rational;
const r = (num: bigint, den: bigint) => ({ num, den });

describe("the audit's own exact arithmetic", () => {
  test("decimals are read as rationals, never floats", () => {
    expect(parseDecimal("1.8667")).toEqual(r(18667n, 10000n));
    expect(parseDecimal("0.1")).toEqual(r(1n, 10n));
    expect(() => parseDecimal("1e3")).toThrow();
    expect(() => parseDecimal("-1")).toThrow();
    // 0.1 + 0.2 style float error cannot happen: 3 × 0.1 is exactly 0.3.
    expect(toDecimal(multiply(integer(3n), parseDecimal("0.1")))).toBe("0.3");
  });

  test.each<[bigint, bigint, RoundingRule, bigint]>([
    // 140,002.5: the Seedance half micro-cent.
    [280005n, 2n, "half-up", 140003n],
    [280005n, 2n, "half-even", 140002n],
    [280007n, 2n, "half-even", 140004n],
    [280005n, 2n, "floor", 140002n],
    [280005n, 2n, "ceil", 140003n],
    [14000249n, 100n, "half-up", 140002n],
    [14000251n, 100n, "half-even", 140003n],
    [14000201n, 100n, "ceil", 140003n],
    [14000299n, 100n, "floor", 140002n],
    [140002n, 1n, "ceil", 140002n],
  ])("%s/%s rounds %s to %s", (num, den, rule, expected) => {
    expect(roundRational(r(num, den), rule)).toBe(expected);
  });

  test("exact decimals of any product of decimal multipliers", () => {
    expect(toDecimal(r(280005n, 2n))).toBe("140002.5");
    expect(toDecimal(r(15000n * 18667n * 5n, 10000n))).toBe("140002.5");
    expect(toDecimal(r(1n, 8n))).toBe("0.125");
    expect(() => toDecimal(r(1n, 3n))).toThrow();
  });

  test("percentages to two places, half away from zero", () => {
    expect(toFixed(r(1n, 3n), 2)).toBe("0.33");
    expect(toFixed(r(-2n, 3n), 2)).toBe("-0.67");
    expect(toFixed(r(10n, 1n), 2)).toBe("10");
    expect(toFixed(r(1005n, 1000n), 2)).toBe("1.01");
    expect(percentText(r(6249n, 1000n))).toBe("+6.25%");
    expect(percentText(r(-6249n, 1000n))).toBe("-6.25%");
    expect(percentText(undefined)).toBe("new cost (was 0)");
    expect(percentText(r(-1n, 1428n))).toBe("-0.0007%");
    expect(percentText(r(0n, 1n))).toBe("±0%");
  });
});

describe("money text: exact, micro-cents and dollars", () => {
  test.each<[bigint | [bigint, bigint], string, string]>([
    [0n, "0", "$0.00"],
    [1n, "1", "$0.000001"],
    [420000n, "420,000", "$0.42"],
    [1260000n, "1,260,000", "$1.26"],
    [1000000000n, "1,000,000,000", "$1,000.00"],
    [[280005n, 2n], "140,002.5", "$0.1400025"],
    [[1n, 4n], "0.25", "$0.00000025"],
  ])("%s", (amount, micro, usd) => {
    const value = Array.isArray(amount) ? r(amount[0], amount[1]) : amount;
    expect(microCentsText(value)).toBe(micro);
    expect(usdText(value)).toBe(usd);
  });

  test("agrees with @pixelbyte/pricing's formatters wherever both apply", () => {
    for (const n of [0n, 7n, 999999n, 1000000n, 1343988n, 123456789n]) {
      expect(microCentsText(n)).toBe(formatMicroCents(n));
      if (n < 1000000000n) expect(usdText(n)).toBe(formatUsd(n));
    }
    expect(microCentsText(r(280005n, 2n))).toBe(formatMicroCents("140002.5"));
    expect(usdText(r(280005n, 2n))).toBe(formatUsd("140002.5"));
  });
});
