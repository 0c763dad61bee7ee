import type { Located, SpecFiles } from "./documents.js";
import { RULES, type Level, type RuleId } from "./rules.js";

/** What a change belongs to: a model (by slug), an HTTP operation, a webhook, a named schema, a document. */
export type SubjectKind = "model" | "operation" | "webhook" | "schema" | "document";

/** One classified difference between two spec revisions. */
export interface SpecChange {
  readonly level: Level;
  readonly rule: RuleId;
  readonly kind: SubjectKind;
  /** The model slug, "POST /v1/jobs/submit", "webhook jobFinished", "components.schemas.JobStatus" or a file. */
  readonly subject: string;
  /** The field inside the subject: "duration", "elements[].image_url", "request body.webhookUrl", "response 200.jobId"; "" for the subject itself. */
  readonly path: string;
  /** What changed, in words: `enum value "3" removed`. */
  readonly message: string;
  /** The packages whose generated code this change reaches (their changesets must cover its level). */
  readonly packages: readonly string[];
  /** file:line:column in the newer revision (in the older one for a removal). */
  readonly at?: string;
}

/** The generated packages, by what they are generated from. */
export const CLIENT = "@pixelbyte/client";
export const PRICING = "@pixelbyte/pricing";

/** Where changes of one subject go, and how to say where each one is written. */
export class Reporter {
  constructor(
    private readonly out: SpecChange[],
    readonly kind: SubjectKind,
    readonly subject: string,
    readonly from: SpecFiles,
    readonly to: SpecFiles,
    /** The packages a change at a field path reaches (a priced model field reaches @pixelbyte/pricing too). */
    readonly packagesOf: (path: string) => readonly string[],
  ) {}

  /** Records a change of `rule` at `path`; `b` (or `a` when b is gone) locates it. */
  add(rule: RuleId, path: string, message: string, a?: Located, b?: Located): void {
    const at = b !== undefined && b.value !== undefined ? this.to.where(b) : a !== undefined && a.value !== undefined ? this.from.where(a) : undefined;
    this.out.push({ level: RULES[rule].level, rule, kind: this.kind, subject: this.subject, path, message, packages: this.packagesOf(path), ...(at !== undefined ? { at } : {}) });
  }

  /** The same subject under another name (a webhook's payload, an operation's response). */
  for(kind: SubjectKind, subject: string): Reporter {
    return new Reporter(this.out, kind, subject, this.from, this.to, this.packagesOf);
  }
}

/** A field path one level down: `a.b`, `a[]`, or the name alone at the top. */
export function fieldPath(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}
