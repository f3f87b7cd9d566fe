import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser } from './chromium';
import { usePlaygroundMessages } from '../../src/ui/playground/messages';
import {
  navPages,
  openContext,
  recordErrors,
  shortPlaygroundRun,
  visit,
  type Language,
} from './layout-probe';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The serious and critical axe violations on the page as it stands, one line per offending node,
 * plus any landmark problem (axe rates a second <main> only moderate; a page inside the app's
 * <main> must not bring its own).
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // The app has no frames, so axe runs in the page itself (legacy mode) rather than opening a
  // blank page per audit to merge frame results; and only violations come back in detail.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id.startsWith('landmark-'))
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${v.help}`));
}

/** Every page, with the playground's classroom editor open so its selects are checked too. */
async function auditEveryPage(page: Page, pages: string[], when: string): Promise<string[]> {
  const found: string[] = [];
  for (const id of pages) {
    await visit(page, id);
    if (id === 'playground') {
      const classroom = page.locator('details.classroom');
      if ((await classroom.count()) > 0)
        await classroom.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    }
    for (const line of await seriousViolations(page)) found.push(`${when} #${id}: ${line}`);
  }
  return found;
}

for (const language of ['en', 'zh'] as Language[])
  test(`axe finds no serious or critical violation on any page in ${language}, before and after a run`, async () => {
    const context = await openContext(browser, { width: 1280, height: 900 }, language);
    const page = await context.newPage();
    const errors = recordErrors(page);
    await page.goto(`${inject('baseUrl')}#playground`, { timeout: 90_000 });
    const pages = await navPages(page);
    const found = await auditEveryPage(page, pages, 'before a run');

    await visit(page, 'playground');
    // The Play button is named by its word alone, not the ▶ beside it.
    const play = usePlaygroundMessages.in(language).play;
    await page.getByRole('button', { name: play, exact: true }).waitFor();
    // Every select of the classroom editor is named by its visible label.
    const classroom = page.locator('details.classroom select');
    const unnamed = await classroom.evaluateAll((selects) =>
      selects.filter((s) => !(s as HTMLSelectElement).labels?.[0]?.textContent?.trim()).map((s) => s.id),
    );
    expect(await classroom.count()).toBeGreaterThan(20);
    expect(unnamed).toEqual([]);
    await shortPlaygroundRun(page, 1);
    found.push(...(await auditEveryPage(page, pages, 'after a run')));

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    // axe reads every node of every page twice; on two busy cores that takes minutes.
  }, 600_000);
