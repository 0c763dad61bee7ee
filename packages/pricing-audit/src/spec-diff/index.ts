// `pixelbyte spec diff`: breaking-change classification of two spec/ revisions (rules.ts says how).
export { SPEC_USAGE, specCommand, type SpecIo } from "./command.js";
export { diffSpecs, GENERATED_PACKAGES, type SpecDiff } from "./compare.js";
export { CLIENT, PRICING, type SpecChange, type SubjectKind } from "./change.js";
export { checkChangesets, type ChangesetCheck, type PackageVerdict, type PendingChangeset } from "./changesets.js";
export { changeLine, pricingDiffCommand, requiredText, specDiffJson, specDiffText } from "./render.js";
export { LEVELS, levelRank, maxLevel, RULES, type Level, type Rule, type RuleId } from "./rules.js";
export { DOCUMENTS, openSpec, openWorkingTree, type DocumentRole, type SpecOrigin, type SpecTree } from "./source.js";
