// Checks a built HTML edition in Debian's Chromium, as a reader would meet
// it: every page at a phone and a desktop width, with axe-core, the
// keyboard, scripts off, print and dark mode, and a tripwire on every
// request that leaves the output folder.
//
//   node check-site.mjs OUTPUT_DIR [BASE_URL]
//
// With BASE_URL (the same folder served over HTTP, by the Go test), only
// the request tripwire, axe at one width and search run: the rest does not
// depend on how the pages are opened.
//
// Prints one line per failure and a closing "N passed, N failed" line;
// exits 1 on any failure. Run from the Go tests in build/html.
import { chromium } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const root = resolve(process.argv[2] || '');
if (!process.argv[2] || !statSync(root).isDirectory()) {
  console.error('usage: node check-site.mjs OUTPUT_DIR');
  process.exit(2);
}
const served = process.argv[3] || '';
const rootURL = served ? served.replace(/\/?$/, '/') : pathToFileURL(root + sep).href;

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) passed++;
  else failures.push(what);
}

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith('.html')) out.push(relative(root, p).split(sep).join('/'));
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// A context whose every request is checked: file:// inside the output
// folder is fine; anything else is recorded and refused.
async function newContext(options = {}) {
  const ctx = await browser.newContext(options);
  const outside = [];
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(rootURL) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  ctx.outside = outside;
  return ctx;
}

async function axe(page, label, options = {}) {
  await page.addScriptTag({ path: axePath });
  const res = await page.evaluate((opts) => window.axe.run(document, opts), options);
  for (const v of res.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    failures.push(`${label}: axe ${v.id} (${v.impact}): ${v.help} — ${where}`);
  }
  if (res.violations.length === 0) passed++;
}

const all = pages(root);
const widths = served ? [{ width: 1280, height: 900 }] : [{ width: 390, height: 844 }, { width: 1440, height: 900 }];

// 1. Every page at two widths: no outside request, axe clean, no
//    horizontal scrolling, lang set.
for (const vp of widths) {
  const ctx = await newContext({ viewport: vp });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const p of all) {
    const label = `${p} @${vp.width}`;
    await page.goto(rootURL + p + (p === 'search.html' ? '?q=norm' : ''), { waitUntil: 'load' });
    await axe(page, label);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${label}: page is ${overflow}px wider than the window`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    check(lang !== '', `${label}: no lang on <html>`);
  }
  check(errors.length === 0, `script errors @${vp.width}: ${errors.join('; ')}`);
  check(ctx.outside.length === 0, `requests outside the output folder @${vp.width}: ${ctx.outside.join(', ')}`);
  await ctx.close();
}

// 2. The narrowest supported screen: 320 px, nothing wider than the window.
if (!served) {
  const ctx = await newContext({ viewport: { width: 320, height: 640 } });
  const page = await ctx.newPage();
  for (const p of all) {
    await page.goto(rootURL + p, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${p} @320: page is ${overflow}px wider than the window`);
  }
  await ctx.close();
}

const chapters = all.filter((p) => /^[^/]+\/[^/]+\.html$/.test(p) && !p.endsWith('/index.html'));
const withNotes = [];
{
  const ctx = await newContext();
  const page = await ctx.newPage();
  for (const p of chapters) {
    await page.goto(rootURL + p);
    if (await page.locator('a.noteref').count() > 0) withNotes.push(p);
  }
  await ctx.close();
}
check(withNotes.length > 0, 'no chapter with notes to test');
if (served) withNotes.length = 0;

// 3. Notes: pop-over on a phone (keyboard-operable, axe clean while open),
//    side notes on a wide screen, endnotes with scripts off.
if (withNotes.length) {
  const p = withNotes[0];
  {
    const ctx = await newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(rootURL + p);
    const ref = page.locator('a.noteref').first();
    await ref.click();
    const pop = page.locator('.note-popover[role="dialog"]');
    check(await pop.isVisible(), `${p} @390: a note reference opens no pop-over`);
    check(await page.evaluate(() => !!document.activeElement.closest('.note-popover')), `${p} @390: focus does not move into the pop-over`);
    await axe(page, `${p} @390 with a note open`);
    await page.keyboard.press('Escape');
    check(!(await pop.count()), `${p} @390: Escape does not close the pop-over`);
    check(await page.evaluate(() => document.activeElement.classList.contains('noteref')), `${p} @390: focus does not return to the note reference`);
    await ctx.close();
  }
  {
    const ctx = await newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(rootURL + p);
    const sn = page.locator('.sidenote').first();
    check(await sn.isVisible(), `${p} @1440: no side notes`);
    const [refBox, snBox, mainBox] = [await page.locator('a.noteref').first().boundingBox(), await sn.boundingBox(), await page.locator('main').boundingBox()];
    check(snBox && mainBox && snBox.x >= mainBox.x + mainBox.width, `${p} @1440: side note not beside the text`);
    check(snBox && refBox && Math.abs(snBox.y - refBox.y) < 40, `${p} @1440: side note not level with its reference`);
    await ctx.close();
  }
  {
    const ctx = await newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(rootURL + p);
    const href = await page.locator('a.noteref').first().getAttribute('href');
    await page.locator('a.noteref').first().click();
    check(page.url().endsWith(href), `${p} scripts off: the note reference does not lead to the endnote`);
    check(await page.locator(href.replace(/:/g, '\\:')).isVisible(), `${p} scripts off: endnote ${href} not visible`);
    check(await page.locator('.toc-details[open]').count() === 1, `${p} scripts off: the contents are not open`);
    await ctx.close();
  }
}

// 4. Keyboard: the first Tab reaches the skip link, and every stop of the
//    first fifty shows a focus indicator.
if (!served) {
  const ctx = await newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  for (const p of ['index.html', chapters[0]].filter(Boolean)) {
    await page.goto(rootURL + p);
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), `${p}: the first Tab does not reach the skip link`);
    for (let i = 0; i < 50; i++) {
      const shown = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return true;
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      });
      if (!shown) {
        failures.push(`${p}: tab stop ${i + 1} (${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80))}) has no visible focus`);
        break;
      }
      await page.keyboard.press('Tab');
    }
    passed++;
  }
  await ctx.close();
}

// 5. Search: from file://, results that link to paragraphs.
{
  const ctx = await newContext();
  const page = await ctx.newPage();
  await page.goto(rootURL + 'search.html?q=' + encodeURIComponent(process.env.SEARCH_TERM || 'knowingly'));
  const links = page.locator('#search-results a');
  // Wait for the search to finish (its status line says how many results,
  // or that there are none), however slow the machine: no deadline.
  await page.waitForFunction(() => (document.getElementById('search-status')?.textContent || '') !== '', null, { timeout: 0 });
  const n = await links.count();
  check(n > 0, 'search: no results');
  check(await page.locator('#search-status[role="status"]').count() === 1, 'search: no live status region');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const deep = hrefs.findIndex((h) => /\.html#./.test(h));
  check(deep >= 0, `search: no result links to a place in a page: ${hrefs.join(' ')}`);
  if (deep >= 0) {
    await links.nth(deep).click();
    await page.waitForLoadState('load');
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    check(id !== '' && await page.evaluate((id) => !!document.getElementById(id), id), `search: following ${hrefs[deep]} does not reach its anchor`);
  }
  // Typing searches as one types.
  await page.goto(rootURL + 'search.html');
  await page.fill('#search-q', 'zzzzqqq');
  await page.waitForFunction(() => (document.getElementById('search-status')?.textContent || '') !== '', null, { timeout: 0 });
  check((await page.locator('#search-status').textContent()).includes('No results'), 'search: no "No results" message');
  await ctx.close();
}

// 6. Print and dark mode.
if (!served) {
  const ctx = await newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const p = chapters[0];
  await page.goto(rootURL + p);
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('nav.toc').isVisible()), `${p} print: the contents are printed`);
  check(!(await page.locator('.site-header').isVisible()), `${p} print: the header is printed`);
  await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = bg.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) < 150;
  check(dark, `${p} dark: background ${bg} is not dark`);
  for (const q of [p, 'index.html', 'search.html?q=norm'].concat(withNotes.slice(0, 1))) {
    await page.goto(rootURL + q);
    await axe(page, `${q} dark`);
  }
  await ctx.close();
}

await browser.close();
for (const f of failures) console.log('FAIL ' + f);
console.log(`browser: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
