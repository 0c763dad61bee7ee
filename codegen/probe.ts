import { readFileSync } from "node:fs";
import { readModelPage } from "./src/page/index.ts";
import { modelsEntryText, pricingEntryText } from "./src/scaffold/page-entries.ts";
try {
const page = readModelPage(readFileSync(process.argv[2]!, "utf8"), { checked: "2026-11-25", docsUrl: "https://example.com/x" });
console.log(page.form);
for (const e of page.entries) { process.stdout.write(modelsEntryText(e, "    ")); process.stdout.write(pricingEntryText(e, "  ")); for (const d of e.decisions) console.log("DECISION", d.line, d.file, d.path.join("."), d.text); for (const p of e.problems) console.log("PROBLEM", p.line, p.message); }
} catch (e) { console.log("REFUSED", (e as any).line, (e as Error).message); }
