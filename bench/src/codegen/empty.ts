// Intentionally empty: `tsx empty.ts` measures what tsx costs before any work.
export {};
