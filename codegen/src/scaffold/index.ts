export { newModel, type NewModelOptions, type NewModelResult } from "./new-model.js";
export { ScaffoldRefusal } from "./insert.js";
export { unfilledScaffold } from "./todos.js";
