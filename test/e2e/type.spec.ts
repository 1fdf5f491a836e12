import { expect, test } from '@playwright/test';
import { BUILDS } from './support/builds';
import { ENGINE_INDEPENDENT, skipEngineIndependentInFirefox } from './support/engine';
import { testPort } from './support/ports';
import { serveForFile } from './support/server';

// Before any other hook: tests whose outcome is the same in every engine run in Chromium only (see engine.ts).
skipEngineIndependentInFirefox();

/**
 * The fonts the app draws with: its one family, in body, small and bold text and the two heading sizes. Each
 * further family or size is a font the browser must find before the first layout (on Linux, Chromium asks its
 * browser process for each, in turn: see styles.css), so a screen that adds one is slower to first draw.
 */
const TYPE_SCALE = ['16px 400', '16px 700', '13.6px 400', '32px 700', '24px 700'];

test.describe('type', () => {
  const main = serveForFile(BUILDS.main, testPort(4350));

  test('every screen draws its text in the one family and the type scale', ENGINE_INDEPENDENT, async ({ page }) => {
    const screens = ['', 'search?q=readme', 'episodes', 'episodes/233?t=78&q=readme', 'favourites', 'episodes/nope'];
    for (const path of screens) {
      await page.goto(`${main().url}${path}`);
      await expect(page.locator('main h1, main label').first()).toBeAttached();
      if (path.startsWith('search')) await expect(page.getByTestId('result-summary')).toBeVisible();
      if (path.startsWith('episodes/233')) await expect(page.locator('.transcript li').first()).toBeVisible();
      const fonts = await page.evaluate(() => {
        const family = getComputedStyle(document.documentElement).fontFamily;
        const found: { font: string; family: string; where: string }[] = [];
        const note = (style: CSSStyleDeclaration, where: string) =>
          found.push({ font: `${style.fontSize} ${style.fontWeight}`, family: style.fontFamily, where });
        for (const el of document.querySelectorAll('body *')) {
          const style = getComputedStyle(el);
          if (style.display === 'none') continue;
          const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue?.trim());
          const where = `${el.localName}${el.getAttribute('class') ? '.' + el.getAttribute('class')!.split(' ')[0] : ''}`;
          if (text || el.matches('input, select, textarea, button')) note(style, where);
          if (el.matches('input[type=file]')) note(getComputedStyle(el, '::file-selector-button'), `${where}::file-selector-button`);
        }
        return { family, found };
      });
      const otherFamily = fonts.found.filter((f) => f.family !== fonts.family).map((f) => `${f.where}: ${f.family}`);
      expect(otherFamily, `/${path}: text in another family than the app's`).toEqual([]);
      const offScale = fonts.found.filter((f) => !TYPE_SCALE.includes(f.font)).map((f) => `${f.where}: ${f.font}`);
      expect(offScale, `/${path}: text off the type scale`).toEqual([]);
    }
  });
});
