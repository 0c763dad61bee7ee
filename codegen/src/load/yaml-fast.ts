import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

/**
 * The data of a spec file read fast: js-yaml, which builds no nodes and keeps no positions, is about
 * ten times faster than the positioned reader (yaml-source.ts) on thousands of models. It is used only
 * where it reads exactly what the positioned reader reads; whenever it cannot vouch for that it
 * returns undefined and the file is read with positions, which then also says what is wrong. So the
 * fast reader never decides that a file is valid on its own: it steps aside for
 *  - anything js-yaml and yaml 1.2 may read differently: anchors, aliases, tags, directives,
 *    document markers, tabs, explicit or collection keys, null keys, `__proto__`, block scalars that
 *    keep trailing blank lines (|+), and a flow
 *    collection or quoted value that goes on over a line break (yaml checks its indentation, js-yaml
 *    not), a comment glued to a closing bracket or quote;
 *  - any number not written in plain decimal digits that a double holds exactly (the positioned
 *    reader refuses or reads those its own way);
 *  - anything js-yaml refuses (a syntax error, a duplicated key), and a top level that is not a mapping.
 * test/codegen/yaml-fast.test.ts compares the two readers on the spec, the fixtures and mutated copies.
 */
export function readYamlFast(text: string): Record<string, unknown> | undefined {
  if (STEP_ASIDE.some((pattern) => pattern.test(text)) || continuesOnNextLine(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_1_2 });
  } catch {
    return undefined;
  }
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

const STEP_ASIDE: readonly RegExp[] = [
  // An anchor (&a), alias (*a) or tag (!t) where a node may start; also matches some harmless text, which only costs speed.
  /(?:^|[\s[{,])[&*!][^\s,[\]{}]/m,
  // Directives and document markers.
  /^(?:%|---(?:\s|$)|\.\.\.(?:\s|$))/m,
  /\t/,
  // Explicit keys (? a) and collections as keys ([a]: b).
  /^[ ]*(?:-[ ]+)*\?(?:[ ]|$)/m,
  /(?:^[ ]*(?:-[ ]+)*|[{,[][ ]*)[[{][^\n]*?[\]}][ ]*:(?:[ ]|$)/m,
  // A key that is empty or null (yaml names it "", js-yaml "null").
  /(?:^[ ]*(?:-[ ]+)*|[{,][ ]*)(?:~|null|Null|NULL)?[ ]*:(?:[ ]|$)/m,
  /__proto__/,
  // A block scalar that keeps its trailing blank lines (|+, >+): the only place where blank lines are content.
  /[|>][1-9]?\+[1-9]?[ ]*(?:#.*)?\r?$/m,
];

/** yaml's YAML 1.2 core schema tests for plain scalars (yaml/dist/schema/core). */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER = [
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** Plain decimal digits with at most 15 significant digits: read the same by every reader, and exactly. */
const PLAIN_EXACT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

class StepAside extends Error {}

/** YAML 1.2's core schema as the positioned reader (yaml) resolves it, numbers restricted as above. */
const CORE_1_2 = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:null", { kind: "scalar", resolve: (data: string) => NULL.test(data), construct: () => null }),
    new Type("tag:yaml.org,2002:bool", { kind: "scalar", resolve: (data: string) => BOOL.test(data), construct: (data: string) => data.toLowerCase() === "true" }),
    new Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (data: string) => NUMBER.some((test) => test.test(data)),
      construct: (data: string) => {
        if (!PLAIN_EXACT.test(data) || data.replace(/^-?0*\.?0*/, "").replace(".", "").length > 15) throw new StepAside();
        const value = Number(data);
        // -0 does not survive JSON (the entry cache): read it with positions, which keeps it.
        if (Object.is(value, -0)) throw new StepAside();
        return value;
      },
    }),
  ],
});

/**
 * Whether a flow collection ([...], {...}) or a quoted value goes on over a line break with a next line
 * indented no deeper than where it opened, or is followed by a comment without a space between (yaml
 * refuses both; js-yaml reads them). A conservative scan:
 * it may also say yes for text that only looks like one (inside a block scalar, say), which only
 * means the file is read with positions.
 */
function continuesOnNextLine(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  // Column of the line's first value or key (after any "- "), on the line where the open construct began.
  let column = -1;
  for (const line of text.split("\n")) {
    let i = 0;
    const indent = /^[ ]*/.exec(line)![0].length;
    if (depth > 0 || quote !== undefined) {
      if (indent <= column && line.trim() !== "") return true;
    } else {
      column = /^[ ]*(?:-[ ]+)*/.exec(line)![0].length;
    }
    if (quote !== undefined) {
      const end = closingQuote(line, -1, quote);
      if (end < 0) continue;
      i = end + 1;
      quote = undefined;
    }
    // Where a value may start: a quote or bracket there opens a quoted value or a flow collection.
    let valueStart = true;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (c === " " || c === "\r") continue;
      if (c === "#" && (i === 0 || line[i - 1] === " ")) break;
      if (valueStart && (c === '"' || c === "'")) {
        const end = closingQuote(line, i, c);
        if (end < 0) {
          quote = c;
          break;
        }
        i = end;
        valueStart = false;
        // A comment glued to the closing quote (yaml wants a space before it).
        if (line[i + 1] === "#") return true;
      } else if (valueStart && (c === "[" || c === "{")) {
        depth++;
      } else if (depth > 0 && (c === "]" || c === "}")) {
        depth--;
        valueStart = false;
        if (line[i + 1] === "#") return true;
      } else if (depth > 0 && c === ",") {
        valueStart = true;
      } else if (c === ":" && (i + 1 === line.length || " \r".includes(line[i + 1]!) || (depth > 0 && ",[]{}".includes(line[i + 1]!)))) {
        valueStart = true;
      } else if (valueStart && c === "-" && (i + 1 === line.length || " \r".includes(line[i + 1]!))) {
        valueStart = true;
      } else {
        valueStart = false;
      }
    }
  }
  return false;
}

/** Index of the quote that closes a quoted value opened at `start` (-1: before the line), or -1 when it runs on. */
function closingQuote(line: string, start: number, quote: string): number {
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === "\\") i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
