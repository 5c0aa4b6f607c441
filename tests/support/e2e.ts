import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';

export { expect };
export type { Page };

/**
 * What the app did wrong in the browser while a test ran, whatever the test itself checked:
 * an uncaught error or unhandled promise rejection (Chromium reports both as `pageerror`), an
 * `Uncaught …` console line, and a resource of the page that failed to load. In the field these
 * are a broken button, a call with no sound or a missing icon, seen by nobody until an agent
 * complains; here they fail the test they happen in.
 */
export class PageProblems {
  private readonly seen: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** For a test that provokes a problem on purpose: problems matching `pattern` do not fail it. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  /** Everything recorded so far, allowed or not. */
  get all(): readonly string[] {
    return this.seen;
  }

  unexpected(): string[] {
    return this.seen.filter((problem) => !this.allowed.some((pattern) => pattern.test(problem)));
  }

  watch(page: Page): void {
    page.on('pageerror', (error) => this.seen.push(`uncaught ${error.name}: ${error.message} (${page.url()})`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (/^Uncaught\b/.test(text)) this.seen.push(`console: ${text}`);
      else if (text.startsWith('Failed to load resource')) this.seen.push(`${text}: ${message.location().url}`);
    });
  }

  /** Fails the running test when anything not allowed was recorded. */
  check(): void {
    expect(this.unexpected(), 'errors the app raised in the browser (uncaught errors, unhandled rejections, failed loads)').toEqual([]);
  }
}

/**
 * Playwright's `test` with every page of the test's browser context watched (`PageProblems`).
 * Every e2e spec imports `test` and `expect` from here rather than from @playwright/test.
 */
export const test = base.extend<{ pageProblems: PageProblems }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern for fixtures without dependencies
  pageProblems: async ({}, use) => {
    await use(new PageProblems());
  },
  context: async ({ context, pageProblems }, use) => {
    for (const page of context.pages()) pageProblems.watch(page);
    context.on('page', (page) => pageProblems.watch(page));
    await use(context);
    pageProblems.check();
  },
});
