import { readFile } from "node:fs/promises";
import type { RoundingRule } from "@pixelbyte/pricing/runtime";
import { PageRefusal, readModelPage, type ImportedModel } from "../page/index.js";
import type { Progress } from "./progress.js";
import type { WalkedPage } from "./walk.js";

/** One page as read: the entries it documents, or why it gave none. */
export type PageRead =
  | { file: string; status: "read"; entries: ImportedModel[] }
  /** No model page at all (an overview or guide page under models/): passed over. */
  | { file: string; status: "not-a-model-page"; line: number; reason: string }
  /** A model page the reader refused (or failed on): reported with its line, exit 1. */
  | { file: string; status: "unreadable"; line: number; reason: string };

export interface ReadOptions {
  /** The date written as `checked` into entries from the pages (YYYY-MM-DD). */
  checked: string;
  rounding: RoundingRule;
  /** The docs URL of a page from its path (undefined when the path does not say). */
  urlOf: (file: string) => string | undefined;
  progress: Progress;
}

/**
 * Reads every page with the one page reader (codegen/src/page). A page that cannot be read never
 * stops the walk: it becomes an "unreadable" result with the page line and the reason.
 */
export async function readPages(pages: readonly WalkedPage[], options: ReadOptions): Promise<PageRead[]> {
  const out: PageRead[] = [];
  for (const [i, page] of pages.entries()) {
    options.progress.tick(i, pages.length, page.file);
    out.push(await readOne(page, options));
  }
  options.progress.tick(pages.length, pages.length, "");
  options.progress.end();
  return out;
}

async function readOne(page: WalkedPage, options: ReadOptions): Promise<PageRead> {
  let text: string;
  try {
    text = await readFile(page.absolute, "utf8");
  } catch (error) {
    return { file: page.file, status: "unreadable", line: 1, reason: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (text.includes("\u0000")) return { file: page.file, status: "unreadable", line: 1, reason: "a binary file (it holds NUL bytes), not a page" };
  try {
    const url = options.urlOf(page.file);
    const read = readModelPage(text, { ...(url ? { docsUrl: url } : {}), checked: options.checked, rounding: options.rounding });
    // A browser copy saved as .mdx hides the input's types, options and limits: comparing it would report them all changed.
    if (read.form === "rendered") return { file: page.file, status: "unreadable", line: 1, reason: "a rendered page's browser copy, not the MDX source: sync compares the MDX pages of the docs repository" };
    return { file: page.file, status: "read", entries: read.entries };
  } catch (error) {
    if (error instanceof PageRefusal) {
      return error.notAModelPage
        ? { file: page.file, status: "not-a-model-page", line: error.line, reason: error.message }
        : { file: page.file, status: "unreadable", line: error.line, reason: error.message };
    }
    // A page the reader did not foresee: the walk goes on, and the page is reported.
    return { file: page.file, status: "unreadable", line: 1, reason: `the page reader failed: ${(error as Error).message ?? String(error)}` };
  }
}
