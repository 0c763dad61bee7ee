// Types of template-parts.mjs (plain JavaScript: the build precompiles the templates with it).
export declare const COMPILE_OPTIONS: { noEscape: true; strict: true };
export declare function marker(i: number): string;
export declare const MARKER: RegExp;
export declare function cutTemplate(name: string, source: string): { outer: string; bodies: string[] };
