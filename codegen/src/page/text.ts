/** Small text rules shared by both page readers and the interpreter. */

/**
 * One line of page text: zero-width characters (zero-width space and joiners, word joiner, byte-order
 * mark, soft hyphen) removed, as a browser shows them ("60,\u200b000" is 60,000); any run of
 * whitespace (tabs, no-break spaces, line breaks) as one space; trimmed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, " ")
    .trim();
}

/** A model slug inside prose: provider/model[/capability], lower case (as SLUG_PATTERN in model/names.ts). */
export const SLUG_IN_TEXT = /(?<![\w./+-])[a-z0-9][a-z0-9.+-]*(?:\/[a-z0-9][a-z0-9.+-]*){1,2}(?![\w/+-])/;

/** The first slug named in `text`, a sentence's closing dot removed. */
export function findSlug(text: string): string | undefined {
  const found = SLUG_IN_TEXT.exec(text.replace(/https?:\/\/\S+/g, " "));
  return found ? found[0].replace(/\.+$/, "") : undefined;
}

/** Any dash a page writes between two numbers (hyphen, en dash, em dash, minus sign). */
export const DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2212]";

/** "1,600,000" or "1600000" -> 1600000; undefined when it is not a whole number. */
export function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ""));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The multiplier a page writes ("1.5x", "1.5×", "x1.5", "1.5") as an exact decimal string, or undefined. */
export function multiplierText(text: string): string | undefined {
  const m = /^\s*[x×]?\s*((?:0|[1-9]\d*)(?:\.\d+)?)\s*[x×]?\s*$/i.exec(text);
  return m ? m[1] : undefined;
}

/** "text-to-video" -> "Text to Video": a capability segment as pages title it. */
export function titleCaseSegment(segment: string): string {
  const small = new Set(["to", "and", "of", "the", "a", "in", "on", "for"]);
  return segment
    .split("-")
    .map((word, i) => (i > 0 && small.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ");
}

/** Whether `phrase` names `value` as a word of its own ("720p" in "720p, audio on"; not "20p"). */
export function mentions(phrase: string, value: string): boolean {
  const escaped = value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w.])${escaped}([^\\w.]|$)`).test(phrase.toLowerCase());
}

/**
 * `target[key] = value` as an own property, even for a key such as "__proto__" or "constructor"
 * that a page may use as a field name (a plain assignment would change the object's prototype).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
