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

// CHECKS=notes,search runs only the named groups (while working on
// them); the tests run all: pages, narrow, notes, keyboard, search, print.
const only = (process.env.CHECKS || '').split(',').filter(Boolean);
const want = (g) => only.length === 0 || only.includes(g);

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
for (const vp of want('pages') ? widths : []) {
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
if (!served && want('narrow')) {
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
if (withNotes.length && want('notes')) {
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
  // Side notes at 1280 and 1440 px, on every page with notes: each starts
  // on its reference's line unless the side note before it pushes it
  // down, and then it starts right below that one; none is more than a
  // screen below its mark (such a note is a pop-over instead); only the
  // number links, back to the reference.
  for (const vp of [{ width: 1280, height: 900 }, { width: 1440, height: 900 }]) {
    const ctx = await newContext({ viewport: vp });
    const page = await ctx.newPage();
    let far = null, shown = 0;
    for (const q of withNotes) {
      await page.goto(rootURL + q);
      await page.evaluate(() => document.fonts.ready);
      const notes = await page.evaluate(() => {
        const refs = [...document.querySelectorAll('article a.noteref')];
        const sns = [...document.querySelectorAll('.sidenotes .sidenote')];
        const main = document.querySelector('main').getBoundingClientRect();
        return refs.map((r, i) => {
          const s = sns[i], rb = r.getBoundingClientRect(), sb = s ? s.getBoundingClientRect() : null;
          const links = s ? [...s.querySelectorAll('a')].map((a) => [a.className, a.getAttribute('href')]) : [];
          return {
            n: r.textContent, id: r.id, ref: rb.top + scrollY, shown: !!s && s.offsetParent !== null,
            top: sb ? sb.top + scrollY : 0, bottom: sb ? sb.bottom + scrollY : 0, left: sb ? sb.left : 0,
            mainRight: main.right, links, first: s ? (s.firstElementChild && s.firstElementChild.firstElementChild || s.firstElementChild || {}).className : '',
          };
        });
      });
      let prev = null;
      for (const s of notes) {
        const label = `${q} @${vp.width} note ${s.n}`;
        if (!s.shown) { far = far || { q, n: s.n }; continue; }
        shown++;
        check(s.left >= s.mainRight, `${label}: side note not beside the text`);
        const level = Math.abs(s.top - s.ref) <= 6;
        const pushed = prev && s.top > s.ref && Math.abs(s.top - (prev.bottom + 10)) <= 2;
        check(level || pushed, `${label}: starts at ${Math.round(s.top)}, its reference at ${Math.round(s.ref)}, the note before ends at ${prev ? Math.round(prev.bottom) : '-'}`);
        check(s.top - s.ref < vp.height, `${label}: ${Math.round(s.top - s.ref)} px below its reference, more than a screen`);
        check(s.links.length === 1 && s.links[0][0] === 'sn-num' && s.links[0][1] === '#' + s.id,
          `${label}: links other than the number back to the reference: ${JSON.stringify(s.links)}`);
        prev = s;
      }
    }
    check(shown > 0, `@${vp.width}: no side note shown`);
    // A note too far from its mark opens as a pop-over from it instead.
    if (far) {
      await page.goto(rootURL + far.q);
      await page.evaluate(() => document.fonts.ready);
      const ref = page.locator('article a.noteref', { hasText: new RegExp('^' + far.n + '$') }).first();
      await ref.click();
      const pop = page.locator('.note-popover[role="dialog"]');
      check(await pop.isVisible(), `${far.q} @${vp.width}: note ${far.n}, too far for the margin, opens no pop-over`);
      const box = await pop.boundingBox();
      check(box && box.y >= 0 && box.y + box.height <= vp.height, `${far.q} @${vp.width}: the pop-over of note ${far.n} is not on the screen`);
      await axe(page, `${far.q} @${vp.width} with a far note's pop-over open`);
      await page.keyboard.press('Escape');
    }
    await ctx.close();
  }
  // A phone has no margin: every note reference opens a pop-over on the
  // screen, each the reference's own note.
  {
    const ctx = await newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(rootURL + p);
    check(await page.locator('.sidenote').evaluateAll((s) => s.every((e) => e.offsetParent === null)), `${p} @390: side notes shown on a phone`);
    const refs = page.locator('article a.noteref');
    const n = Math.min(await refs.count(), 5);
    for (let i = 0; i < n; i++) {
      const num = await refs.nth(i).textContent();
      await refs.nth(i).click();
      const pop = page.locator('.note-popover[role="dialog"]');
      const box = await pop.boundingBox();
      check(box && box.y >= 0 && box.y + box.height <= 844, `${p} @390: note ${num}'s pop-over is not on the screen`);
      check((await pop.locator('h2').textContent()) === 'Note ' + num, `${p} @390: reference ${num} opens another note`);
      await page.keyboard.press('Escape');
    }
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
if (!served && want('keyboard')) {
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
if (want('search')) {
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
  const deep = hrefs.findIndex((h) => /\.html(\?[^#]*)?#./.test(h));
  check(deep >= 0, `search: no result links to a place in a page: ${hrefs.join(' ')}`);
  if (deep >= 0) {
    await links.nth(deep).click();
    await page.waitForLoadState('load');
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    check(id !== '' && await page.evaluate((id) => !!document.getElementById(id), id), `search: following ${hrefs[deep]} does not reach its anchor`);
  }
  // Ranking and landing (SEARCH_RANK="due diligence=commentary/13c.html"):
  // the expected page comes first; no generated index or list ranks above
  // chapter text; following the first result highlights the block that
  // matched, with the searched words marked, on the screen.
  if (process.env.SEARCH_RANK) {
    const [q, want] = process.env.SEARCH_RANK.split('=');
    await page.goto(rootURL + 'search.html?q=' + encodeURIComponent(q));
    await page.waitForFunction(() => (document.getElementById('search-status')?.textContent || '') !== '', null, { timeout: 0 });
    const res = await page.evaluate(() => {
      const tier = new Map(window.normpressSearch.docs.map((d) => [d[0], d[4]]));
      return [...document.querySelectorAll('#search-results a.where')].map((a) => {
        const h = a.getAttribute('href');
        return { href: h, tier: tier.get(h.replace(/\?[^#]*/, '')) };
      });
    });
    check(res.length > 0 && res[0].href.replace(/[?#].*/, '') === want, `search "${q}": first result ${res[0] && res[0].href}, want ${want}`);
    const order = res.map((r) => r.tier);
    check(order.every((t, i) => i === 0 || order[i - 1] >= t), `search "${q}": an index or list page ranks above chapter text: ${res.map((r) => r.tier + ' ' + r.href).join(', ')}`);
    check(res.some((r) => r.tier === 0), `search "${q}": no index or list page among the results to rank`);
    await page.locator('#search-results a.where').first().click();
    await page.waitForLoadState('load');
    const hit = await page.evaluate(() => {
      const h = document.querySelector('.search-hit');
      if (!h) return null;
      const b = h.getBoundingClientRect();
      return { marks: [...h.querySelectorAll('mark.search-mark')].map((m) => m.textContent.toLowerCase()), top: b.top, bottom: b.bottom, n: document.querySelectorAll('.search-hit').length };
    });
    check(hit && hit.n === 1, `search "${q}": the page it lands on highlights ${hit ? hit.n : 0} blocks, want 1`);
    const words = q.toLowerCase().split(/\s+/);
    check(hit && words.every((w) => hit.marks.includes(w)), `search "${q}": the highlighted block marks ${hit && hit.marks.join(', ')}`);
    check(hit && hit.top < 900 && hit.bottom > 0, `search "${q}": the highlighted block is not on the screen`);
    await axe(page, `search "${q}" landing`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await axe(page, `search "${q}" landing, dark`);
    await page.emulateMedia({ colorScheme: 'light' });
  }
  // Typing searches as one types.
  await page.goto(rootURL + 'search.html');
  await page.fill('#search-q', 'zzzzqqq');
  await page.waitForFunction(() => (document.getElementById('search-status')?.textContent || '') !== '', null, { timeout: 0 });
  check((await page.locator('#search-status').textContent()).includes('No results'), 'search: no "No results" message');
  await ctx.close();
}

// 6. Print and dark mode.
if (!served && want('print')) {
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
