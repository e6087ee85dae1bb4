// Checks "Cite this" on a chapter page as a reader meets it: a numbered
// paragraph's "Cite" link reached with the Tab key and visibly focused;
// Enter opens a modal dialog titled for the paragraph, holding the
// paragraph's citation, with the focus on "Copy citation"; copying puts
// the citation on the clipboard; Escape closes it and gives the focus back
// to the link; "Cite this chapter" opens the chapter's entry; axe-core
// finds nothing with the dialog open. With scripts off the link leads to
// the page's cite-this section, which shows the entry and the downloads.
//
//   node check-cite.mjs PAGE.html PARA CITATION ENTRY [SCREENSHOT.png]
//
// Prints one line per failure and exits 1 on any. Run from the Go test in
// build/html (howtocite_test.go).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [pagePath, para, citation, entry, shot] = process.argv.slice(2);
if (!pagePath || !para || !citation || !entry) {
  console.error('usage: node check-cite.mjs PAGE.html PARA CITATION ENTRY [SCREENSHOT.png]');
  process.exit(2);
}
const url = pathToFileURL(resolve(pagePath)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  // Scripts on: the dialog.
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await ctx.newPage();
    await page.goto(url);
    let found = null;
    for (let i = 0; i < 600 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate((para) => {
        const a = document.activeElement;
        if (!a || !a.classList.contains('cite-action') || a.dataset.para !== para) return null;
        const cs = getComputedStyle(a);
        return { name: a.textContent.replace(/\s+/g, ' ').trim(), outline: cs.outlineStyle, width: cs.outlineWidth, opacity: cs.opacity };
      }, para);
    }
    check(found, `no "Cite" link of paragraph ${para} reached with the Tab key`);
    if (found) {
      check(found.name === `Cite paragraph ${para}`, `the link's name is "${found.name}"`);
      check(found.outline !== 'none' && found.width !== '0px' && found.opacity === '1', `the focused "Cite" link is not visibly focused (${JSON.stringify(found)})`);
      await page.keyboard.press('Enter');
      const st = await page.evaluate(() => {
        const dlg = document.querySelector('dialog.cite-dialog');
        return dlg && {
          open: dlg.open, modal: dlg.matches(':modal'), title: dlg.querySelector('h2').textContent,
          text: dlg.querySelector('.cite-text').textContent,
          focus: document.activeElement && document.activeElement.className,
          downloads: [...dlg.querySelectorAll('.cite-downloads a')].map((a) => a.textContent),
        };
      });
      check(st && st.open && st.modal, 'Enter on "Cite" opens no modal dialog');
      if (st) {
        check(st.title === `Cite paragraph ${para}`, `dialog title "${st.title}"`);
        check(norm(st.text) === norm(citation), `dialog text\n  "${norm(st.text)}"\nwant\n  "${norm(citation)}"`);
        check(st.focus === 'cite-copy', `focus on "${st.focus}" in the dialog, want the copy button`);
        check(st.downloads.join(',') === 'BibTeX,RIS,CSL-JSON', `dialog downloads ${st.downloads}`);
      }
      if (shot) await page.screenshot({ path: shot });
      await page.addScriptTag({ path: axePath });
      const res = await page.evaluate(() => window.axe.run(document));
      for (const v of res.violations) {
        failures.push(`axe ${v.id} (${v.impact}) with the dialog open: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      await page.keyboard.press('Enter'); // the copy button has the focus
      await page.waitForFunction(() => document.querySelector('.cite-status').textContent !== '', null, { timeout: 5000 }).catch(() => {});
      const clip = await page.evaluate(() => navigator.clipboard.readText().catch((e) => 'ERROR ' + e));
      check(norm(clip) === norm(citation), `clipboard holds "${norm(clip)}"`);
      await page.keyboard.press('Escape');
      const after = await page.evaluate(() => ({
        open: document.querySelector('dialog.cite-dialog').open,
        para: document.activeElement && document.activeElement.dataset && document.activeElement.dataset.para,
      }));
      check(!after.open, 'Escape does not close the dialog');
      check(after.para === para, `after Escape the focus is not back on the "Cite" link (para ${after.para})`);
    }
    // The chapter's own citation, from the link at the head of the page.
    await page.focus('.cite-open a');
    await page.keyboard.press('Enter');
    const ch = await page.evaluate(() => {
      const dlg = document.querySelector('dialog.cite-dialog');
      return { open: dlg.open, title: dlg.querySelector('h2').textContent, text: dlg.querySelector('.cite-text').textContent };
    });
    check(ch.open && ch.title === 'Cite this chapter', `"Cite this chapter" opens ${JSON.stringify(ch)}`);
    check(norm(ch.text) === norm(entry), `chapter entry "${norm(ch.text)}", want "${norm(entry)}"`);
    await ctx.close();
  }
  // Scripts off: the section itself.
  {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.click(`a.cite-action[data-para="${para}"]`, { force: true });
    // Smooth scrolling (when the reader allows motion) takes a moment.
    await page.waitForFunction(() => {
      const r = document.querySelector('#cite-this').getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    }, null, { timeout: 5000 }).catch(() => {});
    const st = await page.evaluate(() => {
      const s = document.querySelector('#cite-this');
      const r = s.getBoundingClientRect();
      return {
        hash: location.hash, visible: r.top < innerHeight && r.bottom > 0,
        entry: s.querySelector('.cite-entry') && s.querySelector('.cite-entry').textContent,
        downloads: [...s.querySelectorAll('.cite-downloads a')].map((a) => a.getAttribute('href')),
      };
    });
    check(st.hash === '#cite-this' && st.visible, `scripts off: the "Cite" link does not lead to the section (${st.hash})`);
    check(norm(st.entry) === norm(entry), `scripts off: entry "${norm(st.entry)}"`);
    check(st.downloads.length === 3, `scripts off: ${st.downloads.length} downloads`);
    await ctx.close();
  }
} finally {
  await browser.close();
}
for (const f of failures) console.log(f);
if (failures.length) process.exit(1);
console.log('cite this: ok');
