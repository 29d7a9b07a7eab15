// Types of desktop-node.mjs, for the test that holds README, package.json and it together.
export declare const DESKTOP_NODE: string;
export declare function runsDesktop(version?: string): boolean;
