/**
 * What a model docs page says, as written, before anything is decided: the common result of the two
 * readers (read-mdx.ts for the MDX source, read-rendered.ts for a browser copy). Every fact carries
 * the 1-based line of the page it was read from. interpret.ts turns these facts into spec entries.
 */

export type PageForm = "mdx" | "rendered";

/**
 * A page the importer cannot read; `line` is the page line the reason is about (1 when it is the whole
 * page). `notAModelPage`: the text is no model page at all (an index or guide page), which a walk over a
 * docs tree passes over, where a model page missing a part is an error.
 */
export class PageRefusal extends Error {
  override readonly name = "PageRefusal";
  constructor(
    readonly line: number,
    message: string,
    readonly notAModelPage = false,
  ) {
    super(message);
  }
}

export interface Located<T> {
  value: T;
  line: number;
}

/** The page, as a list of blocks in page order (a family page has several of each). */
export interface PageFacts {
  form: PageForm;
  /** The frontmatter title (MDX) or the title line (rendered). */
  title?: Located<string>;
  blocks: Block[];
}

export type Block = PropertiesBlock | HeadingBlock | SlugsBlock | RequestBodyBlock | PricingBlock | CodeSampleBlock;

/** The `| Property | Value |` table: row key (as written, bold removed) -> value. */
export interface PropertiesBlock {
  kind: "properties";
  line: number;
  rows: Map<string, Located<string>>;
}

/** A section heading that is not one of the fixed ones (a family page's `## Edit Image`, `## Text to Video`). */
export interface HeadingBlock {
  kind: "heading";
  line: number;
  depth: number;
  text: string;
}

/** Slugs a family page declares outside a request body: a `**Slug:**` line or the `## Model Slugs` table. */
export interface SlugsBlock {
  kind: "slugs";
  line: number;
  slugs: { slug: string; capability?: string; line: number }[];
}

/** One input field as the page encodes it (a ParamField inside `input`). */
export interface FieldFacts {
  name: string;
  /** The `type=` attribute as written. */
  type: string;
  required: boolean;
  line: number;
  /** The body text: plain text with each backticked value wrapped as CODE_OPEN value CODE_CLOSE (see field-text.ts). */
  text: string;
  /** A nested `<Expandable>` inside an array field: its child fields and any prose it holds. */
  items?: { line: number; fields: FieldFacts[]; text: string };
}

/** `## Request Body`: the model slug and the input's fields (undefined in the rendered form, which hides them). */
export interface RequestBodyBlock {
  kind: "request-body";
  line: number;
  /** The `model` field's slug (placeholder= or default=, or the slug its description names). */
  slug?: Located<string>;
  fields?: FieldFacts[];
}

/** One row of the factor table. `name` is the bold display name on a factor's first row, absent on its continuation rows. */
export interface FactorRowFacts {
  line: number;
  name?: string;
  /** The option cell's value (backticks removed); a range row's two values joined by "–". */
  option: string;
  /** The multiplier cell as written ("1.5x", "matches value (e.g. `6` → 6x)"). */
  multiplier: string;
}

/** A worked cost (`**Default cost:** ... = **420,000 micro-cents ($0.42)**`), one per paragraph of the Tip. */
export interface CostLineFacts {
  line: number;
  /** The plain text of the line (bold and backticks removed). */
  text: string;
}

/** A row of a `### Cost Comparison` table: configuration, calculation, cost. */
export interface ComparisonRowFacts {
  line: number;
  configuration: string;
  calculation: string;
  cost: string;
}

/** `## Pricing`: everything between its heading and the next fixed section. */
export interface PricingBlock {
  kind: "pricing";
  line: number;
  base?: Located<string>;
  formula?: Located<string>;
  /** Prose lines of the section that are none of the above (a flat-price sentence, an `<Info>` box). */
  prose: Located<string>[];
  /** Every factor table of the section, in order (a well-formed page has at most one). */
  tables: { line: number; rows: FactorRowFacts[] }[];
  costs: CostLineFacts[];
  comparison: ComparisonRowFacts[];
}

/** A request example (`-d '{...}'` of the cURL sample): its `input` object, as JSON. */
export interface CodeSampleBlock {
  kind: "code-sample";
  line: number;
  model?: string;
  input: Record<string, unknown>;
  /** True for the rendered page's type sample ("<string>", 123, [{}]), false for a real request. */
  placeholders: boolean;
}

/** Marks a backticked value inside FieldFacts.text (control characters a page never contains). */
export const CODE_OPEN = "\u0001";
export const CODE_CLOSE = "\u0002";
