/* normpress — the HTML edition's script. Everything works without it:
   notes are endnotes, the contents are open. With it, notes become side
   notes on wide screens and pop-overs on narrow ones. No request leaves
   the page. */
(function () {
  'use strict';
  var d = document;
  var wide = window.matchMedia('(min-width: 78em)');
  var large = window.matchMedia('(min-width: 64em)');

  // The contents start open (so that they work without the script);
  // narrow screens fold them away above the text.
  var det = d.querySelector('.toc-details');
  if (det && !large.matches) det.open = false;

  var article = d.querySelector('article.chapter');
  var layout = d.querySelector('.layout');
  if (!article || !layout) return;
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
  // link to, so nothing is announced twice.
  var column = d.createElement('div');
  column.className = 'sidenotes';
  column.setAttribute('aria-hidden', 'true');
  var sidenotes = refs.map(function (ref) {
    var li = noteFor(ref);
    var sn = d.createElement('div');
    sn.className = 'sidenote';
    var num = d.createElement('span');
    num.className = 'sn-num';
    num.textContent = ref.textContent + '.';
    sn.appendChild(num);
    if (li) sn.appendChild(noteContent(li));
    Array.prototype.forEach.call(sn.querySelectorAll('a, button, input'), function (e) { e.setAttribute('tabindex', '-1'); });
    var first = sn.querySelector('p');
    if (first) first.insertBefore(num, first.firstChild);
    column.appendChild(sn);
    return sn;
  });
  layout.appendChild(column);
  d.body.classList.add('has-sidenotes');

  function place() {
    if (!wide.matches) return;
    var top0 = column.getBoundingClientRect().top;
    var bottom = 0;
    refs.forEach(function (ref, i) {
      var y = ref.getBoundingClientRect().top - top0 - 4;
      y = Math.max(y, bottom);
      sidenotes[i].style.top = y + 'px';
      bottom = y + sidenotes[i].offsetHeight + 12;
    });
    column.style.minHeight = bottom + 'px';
  }
  place();
  window.addEventListener('resize', place);
  window.addEventListener('load', place);
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
    h.textContent = 'Note ' + ref.textContent;
    pop.appendChild(h);
    pop.appendChild(noteContent(li));
    var go = d.createElement('p');
    var a = d.createElement('a');
    a.href = '#' + li.id;
    a.textContent = 'Go to the note';
    a.addEventListener('click', function () { pop.remove(); pop = null; });
    go.appendChild(a);
    pop.appendChild(go);
    var close = d.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = 'Close';
    close.setAttribute('aria-label', 'Close note ' + ref.textContent);
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
      if (wide.matches) {
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
