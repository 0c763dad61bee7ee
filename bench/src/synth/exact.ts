// Exact price arithmetic for the synthetic spec's worked examples and for the pricing oracle:
// BigInt rationals, rounded once half-up. Shares no code with the generator or @pixelbyte/pricing.

export interface Fraction {
  n: bigint;
  d: bigint;
}

export function fraction(text: string): Fraction {
  const [whole = "0", frac = ""] = text.split(".");
  return { n: BigInt(whole + frac), d: 10n ** BigInt(frac.length) };
}

export function times(a: Fraction, b: Fraction): Fraction {
  return { n: a.n * b.n, d: a.d * b.d };
}

export function roundHalfUp({ n, d }: Fraction): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
}

/** The exact value as a trimmed decimal ("140002.5"); the divisor is a power of ten. */
export function decimal({ n, d }: Fraction): string {
  const digits = d.toString().length - 1;
  if (digits === 0) return n.toString();
  const s = n.toString().padStart(digits + 1, "0");
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/0+$/, "").replace(/\.$/, "");
}
