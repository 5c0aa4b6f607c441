import type { Linter } from 'eslint';

/** The process-model boundary rules, exported for tests/unit/core/boundaries.test.ts. */
export declare const boundaryRules: Linter.Config[];
/** The rules that keep the bundles small, exported for tests/unit/core/bundle-imports.test.ts. */
export declare const bundleRules: Linter.Config[];
/** The rule that keeps a schema rule's message key out of printed text, exported for tests/unit/text/zod-issues.test.ts. */
export declare const textRules: Linter.Config[];
declare const config: Linter.Config[];
export default config;
