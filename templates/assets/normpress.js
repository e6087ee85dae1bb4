/* normpress — the HTML edition's script. Everything works without it:
   notes are endnotes, the contents are open. With it, notes become side
   notes on wide screens and pop-overs on narrow ones. No request leaves
   the page. */
(function () {
  'use strict';
  var d = document;
  // The page's words, in its language (the head's np-terms, written from
  // the publication's Terms); fill replaces {name} placeholders.
  var T = {};
  try { T = JSON.parse((d.getElementById('np-terms') || {}).textContent || '{}'); } catch (e) { T = {}; }
  function t(k, en) { return T[k] || en; }
  var wide = window.matchMedia('(min-width: 78em)');
  var large = window.matchMedia('(min-width: 64em)');

  // The contents start open (so that they work without the script);
  // narrow screens fold them away above the text.
  var det = d.querySelector('.toc-details');
  if (det && !large.matches) det.open = false;

  // "Cite this": the page's cite-this section works as it is; here its
  // links open it as a modal dialog instead, with the paragraph's
  // citation when a paragraph's "Cite" link was followed, and a button
  // that copies the citation (as HTML and as text, so a word processor
  // keeps the italics). Escape or Close ends it and the focus goes back
  // to the link that opened it.
  (function () {
    var sec = d.getElementById('cite-this');
    if (!sec || typeof HTMLDialogElement !== 'function') return;
    var tpl = sec.querySelector('template.cite-pinpoint');
    var entry = sec.querySelector('.cite-entry');
    var dl = sec.querySelector('.cite-downloads');
    var what = sec.querySelector('h2').textContent;
    var dlg = d.createElement('dialog');
    dlg.className = 'cite-dialog';
    dlg.setAttribute('aria-labelledby', 'cite-dialog-h');
    dlg.innerHTML = '<h2 id="cite-dialog-h"></h2><p class="cite-text"></p>' +
      '<p class="cite-actions"><button type="button" class="cite-copy"></button> ' +
      '<button type="button" class="cite-close"></button> <span class="cite-status" role="status"></span></p>';
    dlg.querySelector('.cite-copy').textContent = t('copy-citation', 'Copy citation');
    dlg.querySelector('.cite-close').textContent = t('close', 'Close');
    if (dl) dlg.appendChild(dl.cloneNode(true));
    d.body.appendChild(dlg);
    var h = dlg.querySelector('h2'), text = dlg.querySelector('.cite-text');
    var status = dlg.querySelector('.cite-status'), opener = null;
    function open(para, from) {
      opener = from;
      text.textContent = '';
      status.textContent = '';
      if (para && tpl) {
        h.textContent = t('cite-paragraph', 'Cite paragraph') + ' ' + para;
        var frag = tpl.content.cloneNode(true), slot = tpl.getAttribute('data-slot');
        var w = d.createTreeWalker(frag, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) w.currentNode.nodeValue = w.currentNode.nodeValue.split(slot).join(para);
        text.appendChild(frag);
      } else {
        h.textContent = what;
        if (entry) text.innerHTML = entry.innerHTML;
      }
      dlg.showModal();
      dlg.querySelector('.cite-copy').focus();
    }
    dlg.addEventListener('close', function () { if (opener) opener.focus(); });
    dlg.querySelector('.cite-close').addEventListener('click', function () { dlg.close(); });
    dlg.querySelector('.cite-copy').addEventListener('click', function () {
      var plain = text.textContent, rich = text.innerHTML, done = function () { status.textContent = t('copied', 'Copied.'); };
      var fail = function () {
        var r = d.createRange();
        r.selectNodeContents(text);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        status.textContent = t('copy-select', 'Selected: press Ctrl+C (⌘C) to copy.');
      };
      if (!navigator.clipboard) return fail();
      if (window.ClipboardItem) {
        navigator.clipboard.write([new ClipboardItem({
          'text/plain': new Blob([plain], { type: 'text/plain' }),
          'text/html': new Blob([rich], { type: 'text/html' })
        })]).then(done, function () { navigator.clipboard.writeText(plain).then(done, fail); });
      } else {
        navigator.clipboard.writeText(plain).then(done, fail);
      }
    });
    d.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a.cite-action, .cite-open a');
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      open(a.getAttribute('data-para'), a);
    });
  })();

  // A released edition's anchor for a paragraph that now stands in another
  // chapter (build/html/moved.go) lands on a note that links to its new
  // place: follow that link, keeping the old address out of the history.
  function followMoved() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && d.getElementById(id);
    var note = el && el.closest && el.closest('.moved-para');
    var to = note && note.querySelector('a.moved-to');
    if (to) location.replace(to.href);
  }
  followMoved();
  window.addEventListener('hashchange', followMoved);

  var article = d.querySelector('article.chapter');
  var layout = d.querySelector('.layout');
  if (!article || !layout) return;

  // Arriving from a search result (chapter.html?hl=due+diligence#p12):
  // the block that matched — the anchored one, or the first after it that
  // holds a searched word — is highlighted, its matching words marked, and
  // brought into view.
  (function () {
    var hl = new URLSearchParams(location.search).get('hl');
    if (!hl) return;
    var want = new Set(hl.split(/\s+/).filter(Boolean));
    function fold(s) { return s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase(); }
    var WORD = /[\p{L}\p{N}\p{M}]+/gu;
    function mark(el) {
      var n = 0, texts = [], w = d.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
        acceptNode: function (t) { return t.parentNode.closest('.pnum, .permalink, mark') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
      });
      while (w.nextNode()) texts.push(w.currentNode);
      texts.forEach(function (t) {
        var s = t.nodeValue, m, pos = 0, frag = d.createDocumentFragment(), any = false;
        WORD.lastIndex = 0;
        while ((m = WORD.exec(s)) !== null) {
          if (!want.has(fold(m[0]))) continue;
          any = true;
          n++;
          frag.appendChild(d.createTextNode(s.slice(pos, m.index)));
          var mk = d.createElement('mark');
          mk.className = 'search-mark';
          mk.textContent = m[0];
          frag.appendChild(mk);
          pos = m.index + m[0].length;
        }
        if (!any) return;
        frag.appendChild(d.createTextNode(s.slice(pos)));
        t.parentNode.replaceChild(frag, t);
      });
      return n;
    }
    var id = decodeURIComponent(location.hash.slice(1));
    var start = id ? d.getElementById(id) : null;
    var blocks = [];
    if (start) {
      blocks.push(start);
      for (var n = start.nextElementSibling; n && !n.id; n = n.nextElementSibling) blocks.push(n);
    } else {
      blocks = Array.prototype.slice.call(article.querySelectorAll('h1, h2, h3, h4, p, li'));
    }
    var hit = null;
    blocks.some(function (b) { if (mark(b) > 0) { hit = b; return true; } return false; });
    hit = hit || start;
    if (!hit) return;
    hit.classList.add('search-hit');
    if (hit !== start) hit.scrollIntoView({ block: 'center' });
  })();
  var refs = Array.prototype.slice.call(article.querySelectorAll('a.noteref'));
  if (!refs.length) return;

  function noteFor(ref) {
    var id = decodeURIComponent(ref.getAttribute('href').slice(1));
    return d.getElementById(id);
  }

  // A copy of a note's content without ids (they must stay unique) and
  // without the back link.
  function noteContent(li) {
    var frag = d.createDocumentFragment();
    Array.prototype.forEach.call(li.childNodes, function (n) {
      if (n.nodeType === 1 && n.classList.contains('backref')) return;
      frag.appendChild(n.cloneNode(true));
    });
    Array.prototype.forEach.call(frag.querySelectorAll('[id]'), function (e) { e.removeAttribute('id'); });
    return frag;
  }

  // Side notes: a visual copy beside the text. They are hidden from
  // assistive technology, which reads the endnotes the note references
  // link to, so nothing is announced twice. A citation in a note is one
  // long link to the bibliography in the endnote; beside the text it
  // would be a block of underlining, so links there are plain text (the
  // endnote keeps them), and only the note's number links, back to its
  // reference.
  var column = d.createElement('div');
  column.className = 'sidenotes';
  column.setAttribute('aria-hidden', 'true');
  var sidenotes = refs.map(function (ref) {
    var li = noteFor(ref);
    var sn = d.createElement('div');
    sn.className = 'sidenote';
    var num = d.createElement('a');
    num.className = 'sn-num';
    num.href = '#' + ref.id;
    num.textContent = ref.textContent + '.';
    sn.appendChild(num);
    if (li) sn.appendChild(noteContent(li));
    Array.prototype.forEach.call(sn.querySelectorAll('a:not(.sn-num)'), function (a) {
      while (a.firstChild) a.parentNode.insertBefore(a.firstChild, a);
      a.remove();
    });
    Array.prototype.forEach.call(sn.querySelectorAll('a, button, input'), function (e) { e.setAttribute('tabindex', '-1'); });
    var first = sn.querySelector('p');
    if (first) first.insertBefore(num, first.firstChild);
    column.appendChild(sn);
    return sn;
  });
  layout.appendChild(column);
  d.body.classList.add('has-sidenotes');

  // Each side note starts on its reference's line and moves down only as
  // far as the side note before it needs. A note that would land more
  // than a screen below its mark (where notes crowd) is not shown beside
  // the text: its reference opens it as a pop-over instead, and the notes
  // after it are placed as if it were not there. Nothing is shortened.
  var GAP = 10;
  function isFar(i) { return sidenotes[i].classList.contains('sn-far'); }
  function place() {
    if (!wide.matches) return;
    var top0 = column.getBoundingClientRect().top;
    var screen = window.innerHeight;
    var bottom = -Infinity;
    refs.forEach(function (ref, i) {
      var sn = sidenotes[i];
      sn.classList.remove('sn-far');
      var mark = ref.getBoundingClientRect().top - top0 - 4;
      var y = Math.max(mark, bottom);
      var h = sn.offsetHeight;
      // The first lines of the note must be on the same screen as the
      // mark when the mark is at the top of it.
      if (y - mark + Math.min(h, 60) > screen) {
        sn.classList.add('sn-far');
        return;
      }
      sn.style.top = y + 'px';
      bottom = y + h + GAP;
    });
    column.style.minHeight = Math.max(0, bottom) + 'px';
  }
  place();
  window.addEventListener('resize', place);
  window.addEventListener('load', place);
  if (d.fonts && d.fonts.ready) d.fonts.ready.then(place);
  // Images, fonts and opened details move the text; the notes follow.
  if (window.ResizeObserver) new ResizeObserver(function () { place(); }).observe(article);
  if (wide.addEventListener) wide.addEventListener('change', place);

  // Pop-overs on narrow screens; on wide ones a click (not a keyboard
  // activation) highlights the side note instead of jumping away.
  var pop = null, opener = null;
  function closePop() {
    if (!pop) return;
    pop.remove();
    pop = null;
    if (opener) opener.focus();
  }
  function openPop(ref) {
    closePop();
    var li = noteFor(ref);
    if (!li) return false;
    opener = ref;
    pop = d.createElement('div');
    pop.className = 'note-popover';
    pop.setAttribute('role', 'dialog');
    pop.setAttribute('aria-labelledby', 'np-popover-title');
    var h = d.createElement('h2');
    h.id = 'np-popover-title';
    h.textContent = t('note', 'Note') + ' ' + ref.textContent;
    pop.appendChild(h);
    pop.appendChild(noteContent(li));
    var go = d.createElement('p');
    var a = d.createElement('a');
    a.href = '#' + li.id;
    a.textContent = t('go-to-note', 'Go to the note');
    a.addEventListener('click', function () { pop.remove(); pop = null; });
    go.appendChild(a);
    pop.appendChild(go);
    var close = d.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = t('close', 'Close');
    close.setAttribute('aria-label', t('close-note', 'Close note') + ' ' + ref.textContent);
    close.addEventListener('click', closePop);
    pop.appendChild(close);
    d.body.appendChild(pop);
    pop.setAttribute('tabindex', '-1');
    pop.focus();
    return true;
  }
  d.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && pop) closePop();
  });
  d.addEventListener('click', function (e) {
    if (pop && !pop.contains(e.target) && !e.target.closest('a.noteref')) {
      pop.remove();
      pop = null;
    }
  });
  refs.forEach(function (ref, i) {
    ref.addEventListener('click', function (e) {
      if (wide.matches && !isFar(i)) {
        if (e.detail === 0) return; // keyboard: follow the link to the endnote
        e.preventDefault();
        sidenotes.forEach(function (s) { s.classList.remove('active'); });
        sidenotes[i].classList.add('active');
        return;
      }
      if (openPop(ref)) e.preventDefault();
    });
  });
})();
