// How the templates are compiled, and cut into per-model chunks (see render.ts). Plain JavaScript: the
// build (codegen/build.mjs) precompiles the same parts with the same options, so that a run from
// codegen/dist compiles no template.

/** noEscape: this is TypeScript and Markdown, not HTML; strict: a misspelt name throws. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true };

/** A block's opening and closing tags, each alone on its line (Handlebars then drops both lines): the only form cut. */
const BLOCK = /^[ ]*\{\{#each models\}\}[ ]*\n([\s\S]*?)^[ ]*\{\{\/each\}\}[ ]*(?:\n|$)/gm;

/**
 * Where block i's chunks go in the rendered outer template: a line of its own, so that the tags around
 * it stay alone on their lines as in the whole template. Only the outer template's own output is
 * searched for it (the chunks are put in after), and the values it prints (header, count, rounding,
 * provider table cells) hold no line break, so none can spell it.
 */
export const marker = (i) => `\uE000chunk${i}\uE000\n`;
export const MARKER = /\uE000chunk(\d+)\uE000\n/g;

/** Template `name`'s source cut at its `{{#each models}}` blocks: the rest with a marker line for each, and each block's body. */
export function cutTemplate(name, source) {
  const bodies = [];
  const outer = source.replace(BLOCK, (_, body) => {
    if (/\{\{[#/]/.test(body)) throw new Error(`template ${name}: a block inside {{#each models}} cannot be cut into chunks`);
    bodies.push(body);
    return marker(bodies.length - 1);
  });
  return { outer, bodies };
}
