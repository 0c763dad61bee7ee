/** Median with min and max: every figure in the results is one of these. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Per-round ratios a[i] / b[i] (both measured in the same round), summarized. */
export function ratios(a: readonly number[], b: readonly number[]): Summary {
  return summarize(a.map((x, i) => x / b[i]!));
}

/** Runs every entry once per round, in an order that alternates between rounds, after `warmup` rounds. */
export async function interleave<K extends string>(
  keys: readonly K[],
  rounds: number,
  run: (key: K, round: number) => Promise<number>,
  warmup = 1,
): Promise<Record<K, number[]>> {
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = -warmup; round < rounds; round++) {
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) {
      const value = await run(key, round);
      if (round >= 0) out[key].push(value);
    }
  }
  return out;
}
