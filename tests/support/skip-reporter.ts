import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints why each skipped end-to-end test was skipped, so no skip goes unexplained. */
export default class SkipReasonReporter implements Reporter {
  private readonly lines: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    this.lines.push(`  ${test.titlePath().slice(1).join(' › ')}: ${reason}`);
  }

  onEnd(): void {
    if (this.lines.length > 0) console.log(`\nSkipped end-to-end tests:\n${this.lines.join('\n')}`);
  }
}
