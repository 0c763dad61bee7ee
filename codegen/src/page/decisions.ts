/**
 * The words of every decision the importer writes into the spec (`x-decision` in models.yaml,
 * `note` in pricing.yaml), one function per kind of page contradiction.
 * Decision 9 in docs/decisions.md is the rule for a unit label that disagrees with the formula and example; the others record
 * how the page was read where it says two things. The same words are printed by `pnpm new-model`.
 */

/** A field marked required that also documents a default (docs-page-format §9 #16). */
export function requiredWithDefault(priced: boolean): string {
  return `The page marks this field required and also documents a default; both are kept: callers must send it, ${priced ? "prices use the default only when it is omitted." : "and the default is the page's."}`;
}

/** An edit page whose input image is not marked required (§9 #17). */
export const EDIT_IMAGE_OPTIONAL = "The edit page does not mark this field required; it stays optional, as the page has it.";

/** An array whose nested Expandable describes its items in prose only. */
export function openItems(field: string): string {
  const singular = field.replace(/s$/, "");
  return `The page describes what ${/^[aeiou]/i.test(singular) ? "an" : "a"} ${singular} holds but not its field names; the object is left open.`;
}

/** A priced factor with no input of that name (§9 #7): the x-decision on the declared field. */
export function factorWithoutInput(field: string, values: string[], assumed: string | undefined): string {
  return `Not an input on the page. The page's price still multiplies by ${field} (${list(values)}), so the field is declared for that factor, with no default because the page gives none${assumed === undefined ? "" : `; the page's example assumes ${assumed}`}.`;
}

/** The same, as the pricing entry's note. */
export function factorWithoutInputNote(field: string, values: string[], assumed: string | undefined): string {
  return `The formula multiplies by ${field} (${list(values)}) but the page has no ${field} input. The schema declares ${field} for this factor, with no default${assumed === undefined ? "" : `; the page's example assumes ${assumed}`}.`;
}

/** The description of a field declared only for a factor. */
export function declaredFieldDescription(field: string): string {
  return field === "duration" ? "Expected clip length in seconds; prices the job." : `Prices the job; not an input on the page.`;
}

/** Decision 9 in docs/decisions.md: a base labelled per second on a page whose formula and example are flat. */
export function flatPerSecond(per: string): string {
  return `The page labels the base cost per second, but its formula and worked example are flat per ${per}; the formula and the example win (decision 9 in docs/decisions.md), so the unit is request, with no factors.`;
}

/** A base labelled per request on a page whose formula multiplies by duration in seconds (§9 #1). */
export function perRequestTimesDuration(example: string | undefined): string {
  return `The page labels the base cost per request, but its formula multiplies by duration in seconds${example === undefined ? "" : ` and its example (${example}) agrees`}, so the unit is second.`;
}

/** A base priced per video or job: one job makes one. */
export function perJob(noun: string): string {
  return `The page prices the base per ${noun}; a job makes one ${noun}, so the unit is request.`;
}

/** Dollar figures that are not the micro-cents at 1,000,000 = $1 (§9 #1). */
export function dollarsDisagree(figures: string[], ratio: string | undefined, opening: boolean): string {
  const subject = opening ? "The page's dollar figures" : "Its dollar figures";
  const how = ratio === undefined ? "disagree with its micro-cents" : `are ${ratio} its micro-cents`;
  return `${subject} (${figures.join(", ")}) ${how} at 1,000,000 = $1; the micro-cents are kept.`;
}

/** A factor whose every row is 1x. */
export function allOnes(field: string): string {
  return `Every row is 1x; kept because the page's formula names ${field}.`;
}

/** A default written in another case than its option. */
export function defaultSpelling(written: string, option: string): string {
  return `The page writes the default as "${written}" and the option as "${option}"; the option's spelling is kept.`;
}

/** A default outside the field's options. */
export function defaultNotAnOption(written: string, options: string[], assumed: string | undefined): string {
  return assumed === undefined
    ? `The page's default "${written}" is not one of its options (${options.join(", ")}); the options are kept and the field has no default.`
    : `The page's default "${written}" is not one of its options; the page's default cost assumes "${assumed}", which is kept as the default.`;
}

/** A type attribute its own options cannot have. */
export function typeVersusOptions(type: string, options: string[]): string {
  return `The page types this field ${type}, but its options (${options.join(", ")}) are not ${type} values; the options' spelling wins, so it is a string.`;
}

/** A type attribute its own default cannot have. */
export function typeVersusDefault(type: string, written: string): string {
  return `The page types this field ${type}, but its default "${written}" is not ${type === "integer" ? "an" : "a"} ${type}; the type is kept and the default dropped.`;
}

/** A factor table option written in another case than the input's option. */
export function optionSpelling(field: string, written: string[], options: string[]): string {
  const quoted = (list: string[]) => list.map((v) => `"${v}"`).join(", ");
  return `The factor table writes ${field}'s option${options.length === 1 ? "" : "s"} ${quoted(options)} as ${quoted(written)}; the input's spelling is kept.`;
}

/** A "Default cost" whose assumed value differs from the field's documented default. */
export function defaultCostDisagrees(field: string, assumed: string, documented: string): string {
  return `The page's default cost assumes ${field} ${assumed} but documents the default ${documented}; the example keeps ${assumed}, the default stays ${documented}.`;
}

/** "5", "5 or 10", "5, 10 or 15". */
function list(values: string[]): string {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** 10 -> "ten times". */
export function timesWord(ratio: bigint): string {
  const words: Record<string, string> = { "2": "twice", "10": "ten times", "100": "a hundred times", "1000": "a thousand times" };
  return words[ratio.toString()] ?? `${ratio} times`;
}
