/**
 * Micro-cents as exact US dollars, never through a float: 420000 -> "$0.42", "140002.5" -> "$0.1400025".
 * Keeps at least two decimals and every significant digit.
 */
export function formatUsd(microCents: number | bigint | string): string {
  const text = String(microCents);
  if (!/^\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a non-negative decimal: ${text}`);
  const [whole = "0", fraction = ""] = text.split(".");
  const padded = whole.padStart(7, "0");
  const dollars = padded.slice(0, -6).replace(/^0+(?=\d)/, "");
  const decimals = (padded.slice(-6) + fraction).replace(/0+$/, "").padEnd(2, "0");
  return `$${dollars}.${decimals}`;
}

/** 1260000 -> "1,260,000"; "140002.5" -> "140,002.5". */
export function formatMicroCents(microCents: number | bigint | string): string {
  const [whole = "0", fraction] = String(microCents).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
