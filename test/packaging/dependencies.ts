import { builtinModules } from "node:module";
import type { Manifest } from "./workspace.js";

const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\/\/\/\s*<reference\s+types\s*=\s*["']([^"']+)["']/g,
];

/** The package a bare specifier belongs to ("@a/b/c" -> "@a/b", "x/y" -> "x"); undefined for relative paths. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!);
}

export interface DependencyReport {
  problems: string[];
  /** Node built-ins the published types use: a TypeScript consumer needs @types/node. */
  nodeTypes: string[];
}

/**
 * What the published files import against what the packed manifest declares: every bare import of
 * the code and the types must be a dependency (or peer), none a dev dependency, no
 * `workspace:` / `catalog:` range may be left for the registry, and none may be one exact version.
 */
export function checkDependencies(manifest: Manifest, files: { path: string; text: string }[]): DependencyReport {
  const problems: string[] = [];
  const runtime = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }));
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  const nodeTypes = new Set<string>();
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(range)) problems.push(`${field}.${name} is "${range}": not installable from the registry`);
      else if (/^=?v?\d+\.\d+\.\d+(-[\w.]+)?$/.test(range.trim())) {
        problems.push(`${field}.${name} is "${range}", one exact version: an app that gets ${name} at any other version ends up with two copies (and a release of ${name} needs a release of ${manifest.name}); depend on it by a range: "workspace:^" for a package of this repository, a ^ range in the pnpm catalog for any other`);
      }
    }
  }
  const reported = new Set<string>();
  for (const file of files) {
    if (!/\.(m?js|d\.m?ts)$/.test(file.path)) continue;
    for (const pattern of SPECIFIERS) {
      for (const match of file.text.matchAll(pattern)) {
        const specifier = match[1]!;
        if (isBuiltin(specifier)) {
          if (file.path.endsWith(".d.ts")) nodeTypes.add(specifier);
          continue;
        }
        const name = packageOf(specifier);
        if (name === undefined || name === manifest.name || runtime.has(name) || reported.has(name)) continue;
        reported.add(name);
        problems.push(dev.has(name) ? `${file.path} imports "${specifier}", a devDependency: consumers will not have it` : `${file.path} imports "${specifier}", which is not a dependency`);
      }
    }
  }
  return { problems, nodeTypes: [...nodeTypes].sort() };
}
