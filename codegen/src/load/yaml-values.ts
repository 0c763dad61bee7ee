import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Alias, type Document, type Node } from "yaml";

/** What is wrong at one offset of a YAML file, before it is located (line, column, path) by the caller. */
export interface ValueIssue {
  offset: number;
  message: string;
  fix: string;
}

/** Anchored content may be repeated this many times (yaml's own guard against "billion laughs" documents). */
export const MAX_ALIAS_COUNT = 100;

/**
 * What would keep the document from becoming the data it says, in one pass over its nodes:
 * - aliases: one whose anchor is not defined before it, one inside the very node it repeats (a
 *   cycle: the data would be circular);
 * - numbers (keys or values) the data would not carry exactly as written: .inf and .nan, a
 *   notation other than plain decimal digits, an integer beyond 2^53 - 1, a decimal with more
 *   digits than a double holds. Multipliers are quoted strings, so they never meet this.
 * Alias issues come first: a number inside a broken alias is not the first thing to fix.
 */
export function valueIssues(doc: Document): ValueIssue[] {
  const aliases: ValueIssue[] = [];
  const numbers: ValueIssue[] = [];
  // Anchors as met in document order: an alias repeats the last node anchored with its name before it (yaml's rule).
  const anchored = new Map<string, Node>();
  // A plain walk in document order (keys before values): several times cheaper than yaml's visit().
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const source = anchored.get(node.source);
      if (!source) {
        aliases.push({ offset, message: `alias *${node.source} has no anchor &${node.source} before it`, fix: `define &${node.source} on the value it repeats, above this line, or write the value out` });
      } else if (source.range && node.range && source.range[0] <= node.range[0] && node.range[1] <= source.range[1]) {
        aliases.push({ offset, message: `alias *${node.source} is inside the value anchored as &${node.source}, so it would repeat itself forever`, fix: "write the value out instead of the alias" });
      }
      return;
    }
    if (!isNode(node)) return;
    if (node.anchor) anchored.set(node.anchor, node);
    if (isScalar(node)) {
      if (typeof node.value !== "number") return;
      const issue = numberIssue(node.source ?? String(node.value), node.value);
      if (issue) numbers.push({ offset: node.range?.[0] ?? 0, ...issue });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(doc.contents);
  return [...aliases, ...numbers];
}

/** The located issue for a document whose aliases expand beyond the limit: at its first alias. */
export function aliasBombIssue(doc: Document): ValueIssue {
  let first: Alias | undefined;
  visit(doc, { Alias: (_, node) => ((first = node), visit.BREAK) });
  return {
    offset: first?.range?.[0] ?? 0,
    message: `the aliases of this file expand to too much data: anchored content may be repeated at most ${MAX_ALIAS_COUNT} times, and aliases inside anchors multiply (a "billion laughs" document)`,
    fix: "write the values out instead of nesting aliases",
  };
}

/** Whether a toJS error is yaml's alias-count guard. */
export function isAliasBomb(error: unknown): boolean {
  return error instanceof ReferenceError && /alias count/i.test(error.message);
}

// A number as JSON and every YAML version read it alike: optional minus, digits without leading
// zeros, optional fraction. YAML 1.1 tools read 010 as octal (8) and 1e3 as a string; 0x10 and
// .inf have no JSON form at all.
const PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

function numberIssue(source: string, value: number): Omit<ValueIssue, "offset"> | undefined {
  const written = source.trim();
  if (!Number.isFinite(value)) {
    return { message: `${written} is not a finite number: JSON, and so OpenAPI and the generated code, cannot hold it`, fix: "write a finite number in plain digits, or remove the key" };
  }
  if (!PLAIN_NUMBER.test(written)) {
    const plain = plainDecimal(value);
    return {
      message: `${written} is written in a notation that YAML versions and JSON read differently (YAML 1.1 reads 010 as 8 and 1e3 as text; JSON has no 0x10, +1 or .5)`,
      fix: Number.isSafeInteger(value) || !plain.includes("e") ? `write it in plain decimal digits: ${plain}` : "write it in plain decimal digits",
    };
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return {
      message: `${written} is above ${Number.MAX_SAFE_INTEGER} (2^53 - 1), the largest integer a JavaScript number holds exactly${normalized(written) === plainDecimal(value) ? "" : `; it would be read as ${plainDecimal(value)}`}`,
      fix: `use a number of at most ${Number.MAX_SAFE_INTEGER}; a price is in micro-cents (1,000,000 = $1) and no price or limit needs more`,
    };
  }
  if (normalized(written) !== plainDecimal(value)) {
    return { message: `${written} has more digits than a JavaScript number holds: it would be read as ${plainDecimal(value)}`, fix: "use at most 15 significant digits" };
  }
  return undefined;
}

/** "1.50" -> "1.5", "2.0" -> "2", "-0" -> "0": the decimal a number's shortest form would print. */
function normalized(plain: string): string {
  const out = plain.includes(".") ? plain.replace(/0+$/, "").replace(/\.$/, "") : plain;
  return /^-0$/.test(out) ? "0" : out;
}

/** A finite number in plain decimal digits (no exponent), from its shortest round-trip form. */
function plainDecimal(value: number): string {
  const shortest = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const [, sign, lead, rest = "", exp] = match;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
