// The README's pictures of the desk, regenerated from the same states the visual suite checks
// (tests/support/desk-states.ts): in call with a seeded customer popped, at 1366×768, in the light
// and the dark theme, in Debian's Chromium through the built web shell, a real kamailio and a
// werift caller. Unlike the suite's pictures nothing is masked: the README shows the timers.
//
//   npm run screenshots            → docs/screenshots/desk-light.png, docs/screenshots/desk-dark.png
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/lab/app';
import { Desk, VIEWPORT, useDarkTheme } from '../tests/support/desk-states';
import { REPO_ROOT, requireChromium, requireKamailio } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const SHOTS = [
  { file: 'desk-light.png', dark: false },
  { file: 'desk-dark.png', dark: true },
] as const;

async function main(): Promise<void> {
  const browserDep = requireChromium();
  const kamailioDep = requireKamailio();
  for (const dep of [browserDep, kamailioDep]) {
    if (!dep.available) {
      console.error(`screenshots: ${dep.reason}`);
      process.exit(1);
    }
  }
  ensureBuild('screenshots');
  mkdirSync(OUT_DIR, { recursive: true });

  const browser = await chromium.launch({ executablePath: browserDep.path, headless: true, args: CHROMIUM_ARGS });
  try {
    for (const shot of SHOTS) {
      // A desk per picture: each starts from a fresh store, as the visual suite's states do.
      const desk = await Desk.start({ kamailio: kamailioDep });
      const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['microphone'], locale: 'en-GB' });
      try {
        const page = await context.newPage();
        page.on('dialog', (dialog) => void dialog.dismiss());
        await desk.open(page);
        if (shot.dark) await useDarkTheme(page);
        await desk.driveTo(page, 'in-call');
        const file = path.join(OUT_DIR, shot.file);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', scale: 'css' });
        console.log(`screenshots: ${path.relative(REPO_ROOT, file)}`);
      } finally {
        await context.close();
        await desk.stop();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error('screenshots:', error);
  process.exit(1);
});
