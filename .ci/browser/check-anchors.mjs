// Opens old paragraph links of a released edition in the HTML edition of
// the next one, as a reader following a citation would, and checks where
// they land (build/edition: old number anchors are aliases on the
// paragraph's new place).
//
//   node check-anchors.mjs CASES.json
//
// CASES.json is a list of {url, para, note}: the page with its fragment,
// the id of the paragraph it must land on, and the note the reader must
// see there ("" for none). Prints one line per failure and exits 1 on any.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
// Smooth scrolling (the stylesheet's, when motion is welcome) would be caught
// mid-way; a reader who asked for reduced motion lands at once.
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
const failures = [];
let passed = 0;
for (const c of cases) {
  await page.goto(c.url, { waitUntil: 'load' });
  // An anchor of a paragraph that moved to another chapter lands on a
  // note whose script follows its link: wait for that page.
  await page.waitForFunction(() => !document.querySelector('.moved-para:target, .moved-para:has(:target)'), null, { timeout: 10000 }).catch(() => {});
  await page.waitForLoadState('load');
  const got = await page.evaluate(() => {
    const t = document.querySelector(':target');
    if (!t) return null;
    const p = t.closest('p');
    const note = t.querySelector('.alias-note');
    const r = (p || t).getBoundingClientRect();
    return {
      para: p ? p.id : '',
      note: note && getComputedStyle(note).display !== 'none' ? note.textContent : '',
      // The paragraph's start is on screen (the alias sits at its start).
      inView: r.top >= 0 && r.top < window.innerHeight,
      top: r.top,
      highlighted: p ? getComputedStyle(p).backgroundColor : '',
      plain: p ? getComputedStyle(document.querySelector('main p:not(:target)')).backgroundColor : '',
    };
  });
  const where = c.url.replace(/^.*\//, '');
  if (!got) failures.push(`${where}: no element is the target`);
  else if (got.para !== c.para) failures.push(`${where}: landed on paragraph ${got.para}, want ${c.para}`);
  else if (got.note !== c.note) failures.push(`${where}: note ${JSON.stringify(got.note)}, want ${JSON.stringify(c.note)}`);
  else if (!got.inView) failures.push(`${where}: the paragraph is not scrolled into view (top ${got.top})`);
  else if (got.highlighted === got.plain) failures.push(`${where}: the paragraph is not highlighted`);
  else passed++;
}
await browser.close();
for (const f of failures) console.log('FAIL ' + f);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
