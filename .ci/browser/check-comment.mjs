// Checks "Comment on this paragraph" on a consultation draft's chapter page,
// as a reviewer meets it: reached with the Tab key, focus visible, the
// mailto: link carrying the paragraph's subject and permalink, present with
// scripts off, and axe-core clean.
//
//   node check-comment.mjs PAGE.html SUBJECT PERMALINK
//
// Prints one line per failure and exits 1 on any. Run from the Go test in
// build/html (consultation_test.go).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [pagePath, subject, permalink] = process.argv.slice(2);
if (!pagePath || !subject || !permalink) {
  console.error('usage: node check-comment.mjs PAGE.html SUBJECT PERMALINK');
  process.exit(2);
}
const url = pathToFileURL(resolve(pagePath)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const js of [true, false]) {
    const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(url);
    const mode = js ? 'scripts on' : 'scripts off';
    // Tab from the top until the first comment link has the focus.
    let found = null;
    for (let i = 0; i < 400 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || !a.classList.contains('comment-action')) return null;
        const cs = getComputedStyle(a);
        return { href: a.getAttribute('href'), name: a.textContent.replace(/\s+/g, ' ').trim(), outline: cs.outlineStyle, width: cs.outlineWidth };
      });
    }
    check(found, `${mode}: no "Comment on this paragraph" link reached with the Tab key`);
    if (!found) { await ctx.close(); continue; }
    check(found.name.startsWith('Comment on this paragraph'), `${mode}: link text is "${found.name}"`);
    check(found.outline !== 'none' && found.width !== '0px', `${mode}: the focused link shows no focus outline`);
    const u = new URL(found.href);
    check(u.protocol === 'mailto:', `${mode}: href ${found.href} is not a mailto: link`);
    check(u.searchParams.get('subject') === subject, `${mode}: subject is "${u.searchParams.get('subject')}", want "${subject}"`);
    check((u.searchParams.get('body') || '').includes(permalink), `${mode}: body "${u.searchParams.get('body')}" lacks the permalink ${permalink}`);
    if (js) {
      await page.addScriptTag({ path: axePath });
      const res = await page.evaluate(() => window.axe.run(document));
      for (const v of res.violations) {
        failures.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    await ctx.close();
  }
} finally {
  await browser.close();
}
for (const f of failures) console.log('FAIL ' + f);
console.log(failures.length ? `${failures.length} failed` : 'all passed');
process.exit(failures.length ? 1 : 0);
