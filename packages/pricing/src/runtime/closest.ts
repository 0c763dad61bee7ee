/**
 * "Did you mean": the one suggestion implementation of every package (client, pricing, test server,
 * CLI, pricing audit, codegen). Its work is bounded whatever the caller sends: a word or candidate
 * longer than MAX_SUGGEST_LENGTH is never compared (no typo of a slug, field or value is that long), a
 * candidate whose length alone puts it out of reach is skipped, and each comparison computes only
 * the cells that can still beat the best so far. A 300 KB slug is answered at once, not after seconds.
 */
export const MAX_SUGGEST_LENGTH = 128;
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
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

// Two rows of the dynamic programme, reused (the work is synchronous, so never shared mid-call).
let prevRow = new Int32Array(MAX_SUGGEST_LENGTH + 2);
let curRow = new Int32Array(MAX_SUGGEST_LENGTH + 2);

/**
 * The Levenshtein distance of `a` and `b` when it is at most `max`, else `max + 1`. Only the band of
 * cells within `max` of the diagonal is computed, and it stops once a whole row is over `max`:
 * O(min(a, b) × max) time at worst.
 */
function boundedDistance(a: string, b: string, max: number): number {
  const n = b.length;
  const over = max + 1;
  if (Math.abs(a.length - n) > max) return over;
  if (prevRow.length < n + 2) [prevRow, curRow] = [new Int32Array(n + 2), new Int32Array(n + 2)];
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= n + 1; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[0] = i <= max ? i : over;
    cur[lo - 1] = lo === 1 ? cur[0]! : over;
    let rowMin = cur[lo - 1]!;
    const ac = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let d = prev[j - 1]! + (ac === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (del < d) d = del;
      if (ins < d) d = ins;
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // The cell right of the band is read by the next row as "above": it is out of reach.
    if (hi < n) cur[hi + 1] = over;
    // Every later row is at least this row's minimum.
    if (rowMin > max) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[n]!, over);
}
