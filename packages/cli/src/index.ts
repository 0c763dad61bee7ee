export { main, USAGE } from "./main.js";
export { demoCommand } from "./commands/demo.js";
export { UsageError, RunError } from "./errors.js";
export type { Io } from "./io.js";
