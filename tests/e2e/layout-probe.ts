import type { Browser, BrowserContext, Page } from 'playwright-core';

export type Language = 'en' | 'zh';

/** A context at one size and language (the app reads both from localStorage before it renders). */
export async function openContext(
  browser: Browser,
  viewport: { width: number; height: number },
  language: Language,
  presentation = false,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(
    ([lang, present]) => {
      localStorage.setItem('tunelab.language', lang);
      localStorage.setItem('tunelab.presentation', present ? '1' : '0');
    },
    [language, presentation] as const,
  );
  return context;
}

/** Records console errors and uncaught exceptions, so a test can assert there were none. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

/** The page ids in the navigation, in order: every page the app offers, whatever gets added. */
export async function navPages(page: Page): Promise<string[]> {
  const nav = page.locator('nav.page-nav');
  await nav.waitFor({ state: 'attached' });
  const hrefs = await nav.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.replace(/^#/, ''));
}

/** Goes to a page through its link in the navigation, as a user does, and waits for it to render. */
export async function visit(page: Page, id: string): Promise<void> {
  const link = page.locator(`nav.page-nav a[href="#${id}"]`);
  await link.click();
  await page.locator(`nav.page-nav a[href="#${id}"][aria-current="page"]`).waitFor({ state: 'attached' });
  await page.locator('.app-main > :not(.page-loading)').first().waitFor();
  // Compare and Tune add the parts below their first screen a frame at a time.
  await page.locator('.app-main [data-staging]').waitFor({ state: 'detached' });
  await settle(page);
}

/** Two animation frames: what React and recharts need to lay out what they just rendered. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

export interface LayoutReport {
  scrollWidth: number;
  innerWidth: number;
  /** Why the active page is not visible in the navigation ('' when it is). */
  activeProblem: string;
  /** Visible text in an <svg> that sticks out of that svg's box. */
  clippedText: string[];
  /** Elements wider than the viewport that stick out of it (to say what overflowed). */
  overflowing: string[];
}

/** Measures what the layout test asserts, in the page, in one round trip. */
export async function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const height = window.innerHeight;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.getAttribute('class') ?? '')
        .trim()
        .replace(/\s+/g, '.')}`;

    let activeProblem = '';
    const active = document.querySelector<HTMLElement>('nav.page-nav a[aria-current="page"]');
    if (!active) activeProblem = 'no link is marked as the current page';
    else if (!active.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      activeProblem = 'the current page link is hidden';
    else {
      const box = active.getBoundingClientRect();
      const inside = box.left >= 0 && box.top >= 0 && box.right <= width + 0.5 && box.bottom <= height + 0.5;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!inside)
        activeProblem = `the current page link is outside the window (${Math.round(box.left)}..${Math.round(box.right)} of ${width})`;
      else if (!hit || !active.contains(hit))
        activeProblem = `the current page link is covered by ${hit && describe(hit)}`;
    }

    const clippedText: string[] = [];
    for (const text of document.querySelectorAll<SVGTextElement>('svg text')) {
      const svg = text.ownerSVGElement;
      if (!svg || !text.textContent?.trim()) continue;
      if (!text.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const t = text.getBoundingClientRect();
      const s = svg.getBoundingClientRect();
      if (t.width === 0 || s.width === 0) continue;
      const slack = 0.5;
      if (
        t.left < s.left - slack ||
        t.right > s.right + slack ||
        t.top < s.top - slack ||
        t.bottom > s.bottom + slack
      )
        clippedText.push(
          `"${text.textContent.trim()}" at x ${Math.round(t.left)}..${Math.round(t.right)}, y ${Math.round(t.top)}..${Math.round(t.bottom)} in ${describe(svg)} x ${Math.round(s.left)}..${Math.round(s.right)}, y ${Math.round(s.top)}..${Math.round(s.bottom)}`,
        );
    }

    const overflowing: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5 && overflowing.length < 5) overflowing.push(describe(el));
    }

    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      activeProblem,
      clippedText,
      overflowing,
    };
  });
}

/** Plays the playground for a few epochs and pauses, so its charts have data and ticks. */
export async function shortPlaygroundRun(page: Page, epochs = 3): Promise<void> {
  const play = page.locator('button.play');
  await play.click();
  await page.waitForFunction(
    (target) =>
      Number.parseFloat(document.querySelector('[data-value="epoch"]')?.textContent ?? '0') >= target,
    epochs,
    { timeout: 60_000, polling: 100 },
  );
  await play.click();
}
