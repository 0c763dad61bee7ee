// @pixelbyte/pricing-audit: price tables, every combination, diffs between revisions, an
// independent exact re-check and a gate on increases, for the PixelByte pricing spec; and the
// breaking-change classification of the whole spec (`pixelbyte spec diff`), which reads revisions
// the same way and lists price changes through the same diff.

// The command (`pixelbyte pricing …` dispatches here).
export { DEFAULT_MAX_AGE_DAYS, PRICING_USAGE, pricingCommand, type PricingIo } from "./command.js";

// Reading revisions.
export { findSpecRoot, loadRevision, loadWorkingTree, PRICING_PATH, type LoadOptions } from "./load-revision.js";
export { parseRevision, type RevisionTexts } from "./parse-revision.js";
export type { ExampleSpec, FactorSpec, FieldType, ModelSpec, PricedValue, Revision, RevisionOrigin } from "./types.js";
export { AuditError } from "./errors.js";

// The independent exact arithmetic.
export * as rational from "./rational.js";
export type { Rational, RoundingRule } from "./rational.js";
export { combinationAt, combinationCount, combinationsOf, defaultOf, extremeOf, isRounded, priceOf, type Combination, type Price } from "./price.js";

// Tables, diffs, checks: the data…
export { matrixOf, selectModels, tableOf, type PriceTable, type PricedCombination, type TableOptions, type TableRow } from "./table.js";
export { diffRevisions, increasesBeyond, type DefinitionChange, type DiffSummary, type ModelDiff, type PriceChange, type RevisionDiff } from "./diff.js";
export { checkRevision, type CheckOptions, type CheckProblem, type CheckReport, type Estimator, type StaleEntry } from "./check.js";
export { globMatches, globToRegExp, selectSlugs } from "./glob.js";
export { verifyModels, planCombinations, type PriceDifference, type RequestProblem, type Sampling, type VerifyResult, type VerifyRunOptions } from "./verify/run.js";
export { compareInputSchemas, COMPARED_KEYWORDS, type SchemaChange, type SchemaComparison, type SchemaDifference } from "./verify/schema-compare.js";
export { connect as connectVerifier, type Remote, type RemoteFailure, type ServerEstimate } from "./verify/remote.js";
export { estimateInput } from "./verify/request-input.js";
export type { ProgressBar } from "./verify/command.js";

// …and their formatters.
export { matrixCsv, matrixJson, matrixMarkdown, renderTable, tableCsv, tableJson, tableMarkdown, type TableFormat } from "./render-table.js";
export { diffJson, diffMarkdown, gateLine, renderDiff, summaryLine, type DiffFormat, type GateResult } from "./render-diff.js";
// One change at a time, for reports that embed a diff (`pnpm models sync`).
export { changeJson as priceChangeJson, changeLine as definitionChangeText, definitionJson as definitionChangeJson, inputText as priceChangeInputText } from "./render-diff.js";
export { jsonInteger } from "./price-json.js";
export { checkFailed, checkJson, checkMarkdown, renderCheck, type CheckFormat } from "./render-check.js";
export { verifyJson, verifyMarkdown, verifyOk, type VerifyReport } from "./verify/render.js";
export { pricingMarkdown } from "./pricing-markdown.js";
export { changeText, exactNote, grouped, microCentsText, moneyText, percentText, priceText, usdText } from "./money.js";
export { priceJson, type PriceJson } from "./price-json.js";
export { combinationText, factorText, inputOf, typedValue } from "./values.js";

// The spec diff (`pixelbyte spec …` dispatches here).
export * as specDiff from "./spec-diff/index.js";
export { SPEC_USAGE, specCommand, type SpecIo } from "./spec-diff/index.js";
