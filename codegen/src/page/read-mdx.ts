import type { Code, Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from "mdast";
import type { MdxJsxAttribute, MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parse as parseYaml } from "yaml";
import { CODE_CLOSE, CODE_OPEN, PageRefusal, type Block, type FactorRowFacts, type FieldFacts, type PageFacts, type PricingBlock, type RequestBodyBlock } from "./facts.js";
import { requestSample } from "./sample.js";
import { cleanText, findSlug } from "./text.js";

/**
 * The MDX source of a model page -> its facts. remark (with the MDX, GFM-table and frontmatter
 * syntaxes) does the parsing: JSX tags and their attributes, tables with any padding or alignment,
 * code fences, nested Expandables and the `---` that is a rule, not frontmatter, are the parser's
 * job; this file only walks the tree.
 */
export function readMdx(text: string): PageFacts {
  let tree: Root;
  try {
    tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkFrontmatter, ["yaml"]).parse(text);
  } catch (error) {
    const e = error as { line?: number; reason?: string; message?: string };
    throw new PageRefusal(e.line ?? 1, `the MDX does not parse: ${e.reason ?? e.message ?? String(error)}`);
  }
  const facts: PageFacts = { form: "mdx", blocks: [] };
  const walker = new Walker(facts);
  for (const node of tree.children) walker.visit(node);
  return facts;
}

const FIXED_SECTIONS = new Set(["request body", "pricing", "response", "code examples", "model slugs", "cost comparison"]);

class Walker {
  private section: "intro" | "request-body" | "pricing" | "response" | "code" | "slugs" | "other" = "intro";
  private requestBody: RequestBodyBlock | undefined;
  private pricing: PricingBlock | undefined;
  private comparison = false;

  constructor(private readonly facts: PageFacts) {}

  private push(block: Block): void {
    this.facts.blocks.push(block);
  }

  visit(node: RootContent): void {
    const line = lineOf(node);
    switch (node.type) {
      case "yaml":
        this.frontmatter(node.value, line);
        return;
      case "heading":
        this.heading(node, line);
        return;
      case "thematicBreak":
        this.section = "other";
        this.requestBody = undefined;
        this.pricing = undefined;
        return;
      case "table":
        this.table(node, line);
        return;
      case "paragraph":
        this.paragraph(node, line);
        return;
      case "code":
        this.code(node, line);
        return;
      case "mdxJsxFlowElement":
        this.element(node, line);
        return;
      default:
        return;
    }
  }

  private frontmatter(value: string, line: number): void {
    if (this.facts.title !== undefined) return;
    let data: unknown;
    try {
      data = parseYaml(value);
    } catch (error) {
      throw new PageRefusal(line, `the frontmatter is not YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    const title = typeof data === "object" && data !== null ? (data as Record<string, unknown>).title : undefined;
    if (typeof title === "string" && cleanText(title) !== "") {
      // The title key's own line: frontmatter starts one line below the opening fence.
      const offset = value.split("\n").findIndex((l) => /^\s*title\s*:/.test(l));
      this.facts.title = { value: cleanText(title), line: line + 1 + Math.max(offset, 0) };
    }
  }

  private heading(node: Heading, line: number): void {
    const text = cleanText(plain(node.children));
    const key = text.toLowerCase();
    this.comparison = false;
    if (key === "request body") {
      this.section = "request-body";
      this.requestBody = { kind: "request-body", line };
      this.push(this.requestBody);
    } else if (key === "pricing") {
      this.section = "pricing";
      this.startPricing(line);
    } else if (key === "cost comparison" && this.section === "pricing") {
      this.comparison = true;
    } else if (key === "response") {
      this.section = "response";
    } else if (key === "code examples") {
      this.section = "code";
    } else if (key === "model slugs") {
      this.section = "slugs";
    } else if (!FIXED_SECTIONS.has(key)) {
      this.section = "other";
      this.push({ kind: "heading", line, depth: node.depth, text });
    }
  }

  private startPricing(line: number): PricingBlock {
    this.pricing = { kind: "pricing", line, prose: [], tables: [], costs: [], comparison: [] };
    this.push(this.pricing);
    return this.pricing;
  }

  private table(node: Table, line: number): void {
    const [header, ...rows] = node.children;
    if (!header) return;
    const head = header.children.map((cell) => cleanText(plain(cell.children)).toLowerCase());
    if (head[0] === "property" && head.length === 2) {
      const map = new Map<string, { value: string; line: number }>();
      for (const row of rows) {
        const [key, value] = row.children.map((cell) => cleanText(plain(cell.children)));
        if (key) map.set(key, { value: value ?? "", line: lineOf(row) });
      }
      this.push({ kind: "properties", line, rows: map });
    } else if (head[0] === "capability" && head[1] === "slug") {
      this.push({
        kind: "slugs",
        line,
        slugs: rows.flatMap((row) => {
          const [capability, text] = row.children.map((cell) => cleanText(plain(cell.children)));
          const slug = text === undefined ? undefined : findSlug(text);
          return slug === undefined ? [] : [{ slug, ...(capability ? { capability } : {}), line: lineOf(row) }];
        }),
      });
    } else if (head[0] === "factor" && head[1] === "option" && head[2] === "multiplier") {
      const pricing = this.pricing ?? this.startPricing(line);
      pricing.tables.push({ line, rows: rows.map(factorRow) });
    } else if (head[0] === "configuration" && head.length === 3) {
      const pricing = this.pricing ?? this.startPricing(line);
      for (const row of rows) {
        const [configuration = "", calculation = "", cost = ""] = row.children.map((cell) => cleanText(plain(cell.children)));
        pricing.comparison.push({ line: lineOf(row), configuration, calculation, cost });
      }
    } else if (this.section === "pricing" || this.comparison) {
      throw new PageRefusal(line, `the pricing section has a table whose columns (${head.join(" | ")}) are neither Factor | Option | Multiplier nor Configuration | Calculation | Cost`);
    }
  }

  private paragraph(node: Paragraph, line: number): void {
    // Each base-cost or worked-cost line of the paragraph is its own sentence (two costs on
    // consecutive lines, with no blank line between, are two costs).
    for (const piece of pieces(node, line)) this.sentence(piece.text, piece.line);
  }

  private sentence(text: string, line: number): void {
    const slug = /^slug\s*:/i.test(text) ? findSlug(text) : undefined;
    if (slug !== undefined) {
      this.push({ kind: "slugs", line, slugs: [{ slug, line }] });
      return;
    }
    if (this.section !== "pricing" || !this.pricing) return;
    const base = /^base cost\s*:\s*/i.exec(text);
    if (base && this.pricing.base === undefined) this.pricing.base = { value: text.slice(base[0].length), line };
    else if (/^[^=]*\bcost\b[^=:]*(\([^)]*\))?\s*:/i.test(text)) this.pricing.costs.push({ line, text });
    else this.pricing.prose.push({ value: text, line });
  }

  private code(node: Code, line: number): void {
    const value = node.value.replace(/\r\n?/g, "\n");
    if (this.pricing && this.section === "pricing" && /^\s*finalCost\s*=/.test(value)) {
      if (this.pricing.formula === undefined) this.pricing.formula = { value: cleanText(value), line: line + 1 };
      return;
    }
    if (/\bcurl\b/.test(value)) {
      const sample = requestSample(value, line, false);
      if (sample) this.push(sample);
    }
  }

  private element(node: MdxJsxFlowElement, line: number): void {
    switch (node.name) {
      case "ParamField":
        this.paramField(node, line);
        return;
      case "Tip":
      case "Note":
      case "Info":
      case "Warning":
        if (node.name === "Tip" && !this.pricing && this.section !== "pricing") return;
        for (const child of node.children) {
          if (child.type !== "paragraph") continue;
          const pricing = this.pricing ?? this.startPricing(lineOf(child));
          for (const { text, line: at } of pieces(child, lineOf(child))) {
            if (node.name === "Tip" && /\bcost\b/i.test(text)) pricing.costs.push({ line: at, text });
            else if (this.section === "pricing") pricing.prose.push({ value: text, line: at });
          }
        }
        return;
      case "CodeGroup":
        for (const child of node.children) if (child.type === "code") this.code(child, lineOf(child));
        return;
      default:
        return;
    }
  }

  private paramField(node: MdxJsxFlowElement, line: number): void {
    const name = attribute(node, "body");
    if (!this.requestBody || this.section !== "request-body") {
      this.section = "request-body";
      this.requestBody = { kind: "request-body", line };
      this.push(this.requestBody);
    }
    if (name === "model") {
      const declared = attribute(node, "placeholder") ?? attribute(node, "default");
      // A declared value that is not a slug is kept as written: the interpreter refuses it by name.
      const slug = declared !== undefined ? (findSlug(declared) ?? cleanText(declared)) : findSlug(bodyText(node));
      if (slug !== undefined) this.requestBody.slug = { value: slug, line };
    } else if (name === "input") {
      const expandable = node.children.find((c): c is MdxJsxFlowElement => c.type === "mdxJsxFlowElement" && c.name === "Expandable");
      this.requestBody.fields = expandable ? fieldsOf(expandable) : [];
    }
  }
}

function fieldsOf(container: MdxJsxFlowElement): FieldFacts[] {
  return container.children.flatMap((child) => (child.type === "mdxJsxFlowElement" && child.name === "ParamField" ? [fieldOf(child)] : []));
}

function fieldOf(node: MdxJsxFlowElement): FieldFacts {
  const expandable = node.children.find((c): c is MdxJsxFlowElement => c.type === "mdxJsxFlowElement" && c.name === "Expandable");
  const field: FieldFacts = {
    name: attribute(node, "body") ?? attribute(node, "name") ?? "",
    type: cleanText(attribute(node, "type") ?? ""),
    required: hasAttribute(node, "required"),
    line: lineOf(node),
    text: bodyText(node),
  };
  if (expandable) field.items = { line: lineOf(expandable), fields: fieldsOf(expandable), text: bodyText(expandable) };
  return field;
}

/** The paragraphs directly inside a JSX element, as one line of text with backticked values marked. */
function bodyText(node: MdxJsxFlowElement): string {
  return cleanText(
    node.children
      .filter((c): c is Paragraph => c.type === "paragraph")
      .map((p) => marked(p.children))
      .join(" "),
  );
}

function factorRow(row: TableRow): FactorRowFacts {
  const [name, option, multiplier] = row.children;
  const nameText = name ? cleanText(plain(name.children)) : "";
  // A range row writes two backticked values joined by a dash: `4`–`12`.
  const codes = option ? option.children.filter((c) => c.type === "inlineCode").map((c) => cleanText((c as { value: string }).value)) : [];
  const optionText = codes.length === 2 ? `${codes[0]}–${codes[1]}` : codes.length === 1 ? codes[0]! : option ? cleanText(plain(option.children)) : "";
  return {
    line: lineOf(row),
    ...(nameText !== "" ? { name: nameText } : {}),
    option: optionText,
    multiplier: multiplier ? cleanText(plain(multiplier.children)) : "",
  };
}

function attribute(node: MdxJsxFlowElement, name: string): string | undefined {
  const attr = node.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
  return typeof attr?.value === "string" ? attr.value : undefined;
}

function hasAttribute(node: MdxJsxFlowElement, name: string): boolean {
  const attr = node.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
  // `required` (no value) or required={true}; required={false} or "false" is not required.
  if (!attr) return false;
  if (attr.value === null || attr.value === undefined) return true;
  const value = typeof attr.value === "string" ? attr.value : attr.value.value;
  return value.trim() !== "false";
}

/** A line that opens a pricing sentence of its own: "Base cost:", "Default cost:", "1080p cost (...):". */
const SENTENCE_START = /^(base cost\s*:|[^=]*\bcost\b[^=:]*(\([^)]*\))?\s*:)/i;

/**
 * A paragraph's text split where a line opens a pricing sentence; other lines continue the one
 * before (a worked cost wrapped over two lines stays one). Each piece keeps the line it starts on.
 */
function pieces(node: Paragraph, line: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  plain(node.children).split("\n").forEach((raw, i) => {
    const text = cleanText(raw);
    const last = out[out.length - 1];
    if (last && (text === "" || !SENTENCE_START.test(text))) last.text = cleanText(`${last.text} ${text}`);
    else out.push({ text, line: line + i });
  });
  return out;
}

/** Inline content as plain text: emphasis and code markers dropped; a hard line break is a line break. */
function plain(nodes: readonly Nodes[]): string {
  return nodes.map((n) => ("value" in n && typeof n.value === "string" ? n.value : "children" in n ? plain(n.children as Nodes[]) : n.type === "break" ? "\n" : "")).join("");
}

/** Inline content with each backticked value marked (CODE_OPEN value CODE_CLOSE) and bold kept as **...**. */
function marked(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((n) => {
      if (n.type === "inlineCode") return `${CODE_OPEN}${n.value}${CODE_CLOSE}`;
      if (n.type === "strong") return `**${marked(n.children)}**`;
      if (n.type === "break") return " ";
      if ("value" in n && typeof n.value === "string") return n.value;
      if ("children" in n) return marked(n.children as PhrasingContent[]);
      return "";
    })
    .join("");
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}
