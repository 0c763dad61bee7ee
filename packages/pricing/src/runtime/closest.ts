/**
 * "Did you mean": the one suggestion implementation of every package (client, pricing, test server,
 * CLI, pricing audit, codegen). Its work is bounded whatever the caller sends: a word or candidate
 * longer than MAX_LENGTH is never compared (no typo of a slug, field or value is that long), a
 * candidate whose length alone puts it out of reach is skipped, and each comparison stops as soon
 * as it cannot beat the best so far. So a 300 KB slug is answered at once, not after seconds of CPU.
 */
export const MAX_SUGGEST_LENGTH = 256;
/** Candidates looked at, at most (every table is far smaller; this bounds a caller-given list). */
const MAX_CANDIDATES = 10_000;

/**
 * The candidate nearest to `word` by edit distance (case-insensitive), when it is within
 * max(2, length / 3) edits; the first of equally near candidates wins. Undefined for a non-string
 * or over-long word.
 */
export function closestMatch(word: unknown, candidates: Iterable<unknown>): string | undefined {
  if (typeof word !== "string" || word.length === 0 || word.length > MAX_SUGGEST_LENGTH) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  // Distances are integers, so "within length / 3" is "within floor(length / 3)".
  let bound = Math.max(2, Math.floor(word.length / 3)) + 1; // a candidate must be strictly nearer than this
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    if (typeof candidate !== "string" || candidate.length > MAX_SUGGEST_LENGTH) continue;
    const c = candidate.toLowerCase();
    if (Math.abs(c.length - w.length) >= bound) continue;
    const d = boundedDistance(w, c, bound - 1);
    if (d < bound) [best, bound] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance; O(a.length × b.length) time, so closestMatch is what callers with untrusted text use. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Infinity);
}

/** The Levenshtein distance when it is at most `max`, else some number above `max` (stops early). */
function boundedDistance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later row is at least this row's minimum.
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}
