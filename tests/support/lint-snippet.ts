import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { REPO_ROOT } from './system-deps';

/**
 * Lints code as if it were the file at `filePath`, with exactly `rules` (a part of
 * eslint.config.js, as the real config uses it): to prove a project rule fires where it should and
 * nowhere else.
 */
export function snippetLinter(rules: Linter.Config[]): (filePath: string, code: string) => Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({
    cwd: REPO_ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...rules],
  });
  return async (filePath, code) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result?.messages ?? [];
  };
}
