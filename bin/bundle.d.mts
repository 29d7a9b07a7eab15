/** The project's folder. */
export declare const root: string;
/**
 * The path of `name`'s index.js, bundled from `entry` (relative to the project root) with the record's
 * threads beside it (`options` for tests: another root, other thread entries).
 */
export declare function bundled(name: string, entry: string, options?: { root?: string; threads?: Record<string, string> }): Promise<string>;
