// Types of source-hash.mjs (plain JavaScript: the launcher reads it before anything is compiled).
export declare const codegenDir: string;
export declare const repoDir: string;
export declare const distDir: string;
export declare function sourceHash(): string;
export declare function buildDirFor(hash: string): string;
