import { readFile } from "node:fs/promises";
import type { Problem } from "../validate/problem.js";

/**
 * Where in the document a character offset of the text is, as a field path; the YAML loader passes
 * one (it parses the text with the bad bytes replaced), so that even an encoding problem names its field.
 */
export type PathOfOffset = (text: string, offset: number) => string;

/**
 * A spec file's text, or a located problem saying why it cannot be read as text: it is missing, a
 * directory or a link loop, it is binary (a NUL byte), it is not valid UTF-8, or it holds control
 * characters YAML and JSON do not allow. Both YAML and JSON spec files go through here.
 */
export async function readSpecText(absolutePath: string, file: string, check: string, pathOf?: PathOfOffset): Promise<string | Problem> {
  const problem = (message: string, fix: string): Problem => ({ file, line: 1, column: 1, path: "(file)", message, fix, check });
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
      case "ENOENT":
        return problem("the file does not exist", `create ${file} or pass the right path`);
      case "EISDIR":
        return problem("this is a directory, not a file", `pass the path of the file itself, or move the directory out of the way of ${file}`);
      case "ENOTDIR":
        return problem("a folder on this path is a file", "pass the spec directory (the one holding openapi.yaml, models.yaml and pricing.yaml)");
      case "ENAMETOOLONG":
        return problem("the path is too long for the file system", "pass a shorter path");
      case "ELOOP":
        return problem("the path is a loop of symbolic links", "point the link at a real file");
      case "EACCES":
      case "EPERM":
        return problem("the file cannot be read (permission denied)", "make the file readable");
      default:
        return problem(`the file cannot be read (${code ?? (error as Error).message})`, "check that the path names a readable file");
    }
  }
  // The text, or with any bad bytes replaced (U+FFFD) what the problems below are located in.
  let text: string | undefined;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    // Not UTF-8: located below.
  }
  const lossy = text ?? bytes.toString("utf8");
  const at = (byteOffset: number, message: string, fix: string): Problem => {
    const before = bytes.subarray(0, byteOffset).toString("utf8");
    const lines = before.split("\n");
    let path = "(file)";
    try {
      path = pathOf?.(lossy, before.length) ?? path;
    } catch {
      // The text is too broken to parse: the line and column still say where.
    }
    return { file, line: lines.length, column: lines[lines.length - 1]!.length + 1, path, message, fix, check };
  };
  // A NUL byte first: it says "binary file" better than the invalid UTF-8 that usually follows it.
  const nul = bytes.indexOf(0);
  if (nul >= 0) return at(nul, "the file holds a NUL byte: it is a binary file, not text", `${file} must be a UTF-8 text file`);
  const bad = text === undefined ? (firstInvalidUtf8(bytes) ?? 0) : undefined;
  if (bad !== undefined) {
    const shown = [...bytes.subarray(bad, bad + 4)].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
    return at(bad, `the file is not valid UTF-8 (bytes ${shown} at this position)`, "save the file as UTF-8 and retype the character here (it was probably pasted from a Latin-1 or Windows-1252 source)");
  }
  const forbidden = NOT_PRINTABLE.exec(lossy);
  if (forbidden) {
    const code = forbidden[0].codePointAt(0)!;
    const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return at(Buffer.byteLength(lossy.slice(0, forbidden.index)), `character ${name} is a control character, which YAML and JSON text may not hold`, "delete it (or write it as an escape such as \\u0007 inside a double-quoted string)");
  }
  return lossy;
}

/** The native decoder checks validity fast; the scanner below only runs to locate a failure. ignoreBOM: the BOM stays, as YAML expects. */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Characters outside YAML 1.2's c-printable set (which JSON text also keeps to): C0 controls but tab, LF and CR, DEL, C1 controls but NEL, U+FFFE/U+FFFF. */
const NOT_PRINTABLE = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points above U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence and the allowed range of its second byte (Unicode Table 3-7).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}
