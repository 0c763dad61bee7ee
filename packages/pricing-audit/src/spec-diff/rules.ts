// The rules `pixelbyte spec diff` classifies a change by, and the semver level each one requires of
// the generated packages. The question every rule answers is the one SDK generators such as Stainless
// ask of a regenerated client: does code written against the old version still compile and still
// do the same thing (same request, same price) after the upgrade? If not: major. If it gains
// something: minor. If only words changed: patch.
//
// Requests (model inputs, request bodies, parameters) are what a consumer SENDS: narrowing what the
// spec accepts breaks them. Responses and webhook payloads are what a consumer RECEIVES: widening what
// the spec may return breaks them. This is oasdiff's split too; its rule ids are listed per rule with
// its level (ERR breaking, WARN maybe, INFO not) where ours differs or is worth noting:
//
// | our rule                        | level | oasdiff rule ids mapped                                                            |
// |---------------------------------|-------|------------------------------------------------------------------------------------|
// | model-removed                   | major | api-removed-without-deprecation (a model slug is the client's entry point)         |
// | model-added                     | minor | endpoint-added                                                                     |
// | operation-removed               | major | api-removed-without-deprecation                                                    |
// | operation-added                 | minor | endpoint-added                                                                     |
// | webhook-removed / -added        | major / minor | (none: oasdiff does not compare webhooks) treated as an operation          |
// | schema-removed / -added         | major / minor | (none: oasdiff reports components through their uses) the client exports  |
// |                                 |       |   every components.schemas entry as a named type                                   |
// | request-field-removed           | major | request-property-removed (WARN), request-parameter-removed (WARN),                 |
// |                                 |       |   request-body-removed; major here: model inputs are closed (additionalProperties:  |
// |                                 |       |   false), and the field's type disappears from the client, so code using it fails  |
// | request-field-added-required    | major | new-required-request-property, new-required-request-parameter,                     |
// |                                 |       |   request-body-added-required                                                      |
// | request-field-added-optional    | minor | new-optional-request-property, new-optional-request-parameter,                     |
// |                                 |       |   request-body-added-optional                                                      |
// | request-field-became-required   | major | request-property-became-required, request-parameter-became-required,               |
// |                                 |       |   request-body-became-required                                                     |
// | request-field-became-optional   | minor | request-property-became-optional, request-parameter-became-optional,               |
// |                                 |       |   request-body-became-optional                                                     |
// | request-enum-value-removed      | major | request-property-enum-value-removed, request-parameter-enum-value-removed,         |
// |                                 |       |   request-body-enum-value-removed                                                  |
// | request-enum-value-added        | minor | request-property-enum-value-added, request-parameter-enum-value-added              |
// | request-type-narrowed           | major | request-property-type-changed, request-parameter-type-changed,                     |
// |                                 |       |   request-property-one-of-removed, request-property-any-of-removed                 |
// |                                 |       |   (string -> enum, number -> integer, a union losing a member)                     |
// | request-type-widened            | minor | request-property-type-generalized, request-parameter-type-generalized,             |
// |                                 |       |   request-property-one-of-added, request-property-any-of-added                     |
// | request-type-changed            | major | request-property-type-changed, request-body-type-changed                           |
// | request-limit-narrowed          | major | request-property-max-length-decreased/-set, -max-decreased/-set,                   |
// |                                 |       |   -exclusive-max-decreased/-set, -min-increased/-set, -exclusive-min-increased/-set,|
// |                                 |       |   -min-length-increased, -min-items-increased/-set,                                |
// |                                 |       |   request-parameter-max-items-decreased (and the request-body-* forms)             |
// | request-limit-widened           | minor | the -increased/-decreased counterparts of the above                                |
// | request-pattern-narrowed        | major | request-property-pattern-added, request-property-pattern-changed (WARN: a changed  |
// |                                 |       |   pattern cannot be proven wider, so it counts as narrower); `format` likewise     |
// | request-pattern-widened         | minor | request-property-pattern-removed, request-property-pattern-generalized             |
// | request-default-changed         | major | request-parameter-default-value-changed (ERR), request-property-default-value-     |
// |                                 |       |   changed (INFO). Major: a call that omits the field silently gets another         |
// |                                 |       |   behaviour AND another price (the default is priced), with no compile error.      |
// | request-default-removed         | major | request-*-default-value-removed: the omitted field's behaviour and price are no    |
// |                                 |       |   longer defined by the spec                                                       |
// | request-default-added           | minor | request-*-default-value-added: documents what omitting already did                 |
// | request-closed                  | major | (none) additionalProperties: true/absent -> false or a schema: a field the server  |
// |                                 |       |   accepted is now rejected                                                         |
// | request-opened                  | minor | (none) the reverse                                                                 |
// | response-field-removed          | major | response-required-property-removed (ERR), response-optional-property-removed       |
// |                                 |       |   (WARN); major here: the field leaves the client's response type                  |
// | response-field-added            | minor | response-optional-property-added, response-required-property-added                 |
// | response-field-became-optional  | major | response-property-became-optional                                                  |
// | response-field-became-required  | minor | response-property-became-required                                                  |
// | response-enum-value-added       | minor | response-property-enum-value-added (WARN): an exhaustive switch needs a new case,  |
// |                                 |       |   as Octokit and most SDK policies accept for a minor                              |
// | response-enum-value-removed     | minor | response-property-enum-value-removed                                               |
// | response-type-widened           | major | response-property-type-generalized, response-property-one-of-added,                |
// |                                 |       |   response-property-any-of-added, response-body-type-changed                       |
// | response-type-narrowed          | minor | response-property-type-specialized, response-property-one-of-removed               |
// | response-type-changed           | major | response-property-type-changed                                                     |
// | response-limit-widened          | major | response-property-max-length-increased, -max-increased, -min-decreased,            |
// |                                 |       |   -min-length-decreased, -min-items-decreased, -max-length-unset                   |
// | response-limit-narrowed         | minor | (the counterparts oasdiff does not report)                                         |
// | response-pattern-changed        | minor | response-property-pattern-added/-changed/-removed (INFO)                           |
// | response-opened / -closed       | minor | (none)                                                                             |
// | response-success-status-removed | major | response-success-status-removed                                                    |
// | response-error-status-removed   | minor | response-non-success-status-removed                                                |
// | response-status-added           | minor | response-success-status-added, response-non-success-status-added                   |
// | default-documented              | patch | response-property-default-value-* (a default of a received value is a comment)     |
// | documentation                   | patch | (annotations: title, description, summary, examples, externalDocs, x-decision…)    |
// | deprecated                      | patch | request-property-deprecated, response-property-deprecated (INFO)                   |
// | unclassified                    | major | (none) a keyword this classifier does not know changed: assumed breaking until a   |
// |                                 |       |   rule says otherwise, so the gate fails safe                                      |

export type Level = "major" | "minor" | "patch";

/** The order of levels: a bump of a higher one covers every lower one. */
export const LEVELS: readonly Level[] = ["patch", "minor", "major"];

export function levelRank(level: Level | "none"): number {
  return level === "none" ? 0 : LEVELS.indexOf(level) + 1;
}

export function maxLevel(a: Level | "none", b: Level | "none"): Level | "none" {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export interface Rule {
  readonly level: Level;
  /** The oasdiff rule ids this rule stands for (see the table above). */
  readonly oasdiff: readonly string[];
}

export const RULES = {
  "model-removed": { level: "major", oasdiff: ["api-removed-without-deprecation"] },
  "model-added": { level: "minor", oasdiff: ["endpoint-added"] },
  "operation-removed": { level: "major", oasdiff: ["api-removed-without-deprecation"] },
  "operation-added": { level: "minor", oasdiff: ["endpoint-added"] },
  "webhook-removed": { level: "major", oasdiff: [] },
  "webhook-added": { level: "minor", oasdiff: [] },
  "schema-removed": { level: "major", oasdiff: [] },
  "schema-added": { level: "minor", oasdiff: [] },
  "request-field-removed": { level: "major", oasdiff: ["request-property-removed", "request-parameter-removed", "request-body-removed"] },
  "request-field-added-required": { level: "major", oasdiff: ["new-required-request-property", "new-required-request-parameter", "request-body-added-required"] },
  "request-field-added-optional": { level: "minor", oasdiff: ["new-optional-request-property", "new-optional-request-parameter", "request-body-added-optional"] },
  "request-field-became-required": { level: "major", oasdiff: ["request-property-became-required", "request-parameter-became-required", "request-body-became-required"] },
  "request-field-became-optional": { level: "minor", oasdiff: ["request-property-became-optional", "request-parameter-became-optional", "request-body-became-optional"] },
  "request-enum-value-removed": { level: "major", oasdiff: ["request-property-enum-value-removed", "request-parameter-enum-value-removed", "request-body-enum-value-removed"] },
  "request-enum-value-added": { level: "minor", oasdiff: ["request-property-enum-value-added", "request-parameter-enum-value-added"] },
  "request-type-narrowed": { level: "major", oasdiff: ["request-property-type-changed", "request-parameter-type-changed", "request-property-one-of-removed", "request-property-any-of-removed"] },
  "request-type-widened": { level: "minor", oasdiff: ["request-property-type-generalized", "request-parameter-type-generalized", "request-property-one-of-added", "request-property-any-of-added"] },
  "request-type-changed": { level: "major", oasdiff: ["request-property-type-changed", "request-body-type-changed"] },
  "request-limit-narrowed": {
    level: "major",
    oasdiff: [
      "request-property-max-length-decreased", "request-property-max-length-set", "request-property-max-decreased", "request-property-max-set",
      "request-property-exclusive-max-decreased", "request-property-exclusive-max-set", "request-property-min-increased", "request-property-min-set",
      "request-property-exclusive-min-increased", "request-property-exclusive-min-set", "request-property-min-length-increased",
      "request-property-min-items-increased", "request-property-min-items-set", "request-parameter-max-items-decreased",
    ],
  },
  "request-limit-widened": {
    level: "minor",
    oasdiff: [
      "request-property-max-length-increased", "request-property-max-increased", "request-property-exclusive-max-increased", "request-property-min-decreased",
      "request-property-exclusive-min-decreased", "request-property-min-length-decreased", "request-parameter-max-items-increased", "request-parameter-min-items-decreased",
    ],
  },
  "request-pattern-narrowed": { level: "major", oasdiff: ["request-property-pattern-added", "request-property-pattern-changed"] },
  "request-pattern-widened": { level: "minor", oasdiff: ["request-property-pattern-removed", "request-property-pattern-generalized"] },
  "request-default-changed": { level: "major", oasdiff: ["request-property-default-value-changed", "request-parameter-default-value-changed"] },
  "request-default-removed": { level: "major", oasdiff: ["request-property-default-value-removed", "request-parameter-default-value-removed"] },
  "request-default-added": { level: "minor", oasdiff: ["request-property-default-value-added", "request-parameter-default-value-added"] },
  "request-closed": { level: "major", oasdiff: [] },
  "request-opened": { level: "minor", oasdiff: [] },
  "response-field-removed": { level: "major", oasdiff: ["response-required-property-removed", "response-optional-property-removed"] },
  "response-field-added": { level: "minor", oasdiff: ["response-optional-property-added", "response-required-property-added"] },
  "response-field-became-optional": { level: "major", oasdiff: ["response-property-became-optional"] },
  "response-field-became-required": { level: "minor", oasdiff: ["response-property-became-required"] },
  "response-enum-value-added": { level: "minor", oasdiff: ["response-property-enum-value-added"] },
  "response-enum-value-removed": { level: "minor", oasdiff: ["response-property-enum-value-removed"] },
  "response-type-widened": { level: "major", oasdiff: ["response-property-type-generalized", "response-property-one-of-added", "response-property-any-of-added", "response-body-type-changed"] },
  "response-type-narrowed": { level: "minor", oasdiff: ["response-property-type-specialized", "response-property-one-of-removed", "response-property-any-of-removed"] },
  "response-type-changed": { level: "major", oasdiff: ["response-property-type-changed"] },
  "response-limit-widened": {
    level: "major",
    oasdiff: ["response-property-max-length-increased", "response-property-max-increased", "response-property-min-decreased", "response-property-min-length-decreased", "response-property-min-items-decreased", "response-property-max-length-unset"],
  },
  "response-limit-narrowed": { level: "minor", oasdiff: [] },
  "response-pattern-changed": { level: "minor", oasdiff: ["response-property-pattern-added", "response-property-pattern-changed", "response-property-pattern-removed"] },
  "response-opened": { level: "minor", oasdiff: [] },
  "response-closed": { level: "minor", oasdiff: [] },
  "response-success-status-removed": { level: "major", oasdiff: ["response-success-status-removed"] },
  "response-error-status-removed": { level: "minor", oasdiff: ["response-non-success-status-removed"] },
  "response-status-added": { level: "minor", oasdiff: ["response-success-status-added", "response-non-success-status-added"] },
  "default-documented": { level: "patch", oasdiff: ["response-property-default-value-added", "response-property-default-value-changed", "response-property-default-value-removed"] },
  documentation: { level: "patch", oasdiff: [] },
  deprecated: { level: "patch", oasdiff: ["request-property-deprecated", "response-property-deprecated"] },
  unclassified: { level: "major", oasdiff: [] },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
