/**
 * Whether a factor table's display name can be the name of an input field. Pages name factors for
 * readers (`Sound` for has_sound, `Number of Images` for num_images, `FPS` for fps, docs-page-format
 * §5.3); the formula names the field. The rule accepts a display name when, ignoring case, spaces,
 * underscores and filler words, it spells the field, ends it (Sound / has_sound), or abbreviates it
 * word by word (num_images / Number of Images).
 */
export function displayNameFits(field: string, display: string): boolean {
  return fit(field, display) !== undefined;
}

/** How a display name fits a field: it spells or ends it ("exact"), or abbreviates it word by word. */
export function fit(field: string, display: string): "exact" | "abbreviation" | undefined {
  const f = fieldWords(field);
  const d = words(display).filter((w) => !FILLER.has(w));
  if (f.length === 0 || d.length === 0) return undefined;
  if (f.join("") === d.join("")) return "exact";
  // "Sound" ends "has_sound"; "Video Quality" ends with "quality".
  if (d.length < f.length && f.slice(-d.length).join("") === d.join("")) return "exact";
  if (f.length < d.length && d.slice(-f.length).join("") === f.join("")) return "exact";
  // "num_images" abbreviates "Number of Images".
  return f.length === d.length && f.every((w, i) => d[i]!.startsWith(w)) ? "abbreviation" : undefined;
}

const FILLER = new Set(["of", "the", "a", "an"]);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** has_sound -> [has, sound]; numberOfGenerations -> [number, of, generations] minus fillers. */
function fieldWords(field: string): string[] {
  return words(field).filter((w) => !FILLER.has(w));
}
