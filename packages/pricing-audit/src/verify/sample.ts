import { uniformBigInt } from "pure-rand/distribution/uniformBigInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** The largest --seed: the generator is seeded with a 32-bit integer. */
export const MAX_SEED = 0xffff_ffff;

/**
 * `count` distinct indices of [0, total), ascending, chosen by a PRNG seeded with `seed` mixed with
 * the slug: the same seed picks the same combinations of a model whichever other models are
 * verified with it, and in whatever order the requests are then sent. All of them when
 * `count >= total`. Floyd's algorithm: `count` draws, however large `total` is.
 */
export function sampleIndices(total: bigint, count: number, seed: number, slug: string): bigint[] {
  if (BigInt(count) >= total) return Array.from({ length: Number(total) }, (_, i) => BigInt(i));
  const rng = xoroshiro128plus((seed ^ fnv1a(slug)) | 0);
  const chosen = new Set<bigint>();
  for (let j = total - BigInt(count); j < total; j++) {
    const t = uniformBigInt(rng, 0n, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** FNV-1a, 32 bits, of the UTF-16 code units: a fixed, documented mix of the slug into the seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
