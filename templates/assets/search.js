/* normpress — search over the prebuilt index in search-index.js, which
   the page loads as a script so that search works opened from the disk
   (browsers refuse fetch() on file:// pages). Tokens are folded as the
   Go side folds them: decomposed, marks removed, lower case. */
(function () {
  'use strict';
  var d = document;
  var data = window.normpressSearch;
  var input = d.getElementById('search-q');
  var status = d.getElementById('search-status');
  var list = d.getElementById('search-results');
  if (!input || !status || !list) return;
  if (!data) {
    status.textContent = 'The search index could not be loaded.';
    return;
  }
  var MAX = 50;

  function fold(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  // Documents holding a term that starts with tok: the terms are sorted,
  // so the matches are one run found by binary search.
  function lookup(tok) {
    var terms = data.terms, lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < tok) lo = mid + 1; else hi = mid;
    }
    var set = new Set();
    for (var i = lo; i < terms.length && terms[i].lastIndexOf(tok, 0) === 0; i++) {
      data.post[i].forEach(function (id) { set.add(id); });
    }
    return set;
  }
  function search(q) {
    var toks = tokens(q);
    if (!toks.length) return { toks: toks, hits: [] };
    var result = null;
    toks.forEach(function (t) {
      var s = lookup(t);
      result = result === null ? s : new Set(Array.from(result).filter(function (id) { return s.has(id); }));
    });
    var hits = Array.from(result || []).map(function (id) {
      var text = fold(data.docs[id][3]), score = 0;
      toks.forEach(function (t) {
        for (var i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + t.length)) score++;
      });
      return { id: id, score: score };
    });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return { toks: toks, hits: hits };
  }

  // A snippet around the first match, with the matches marked. Built with
  // text nodes only, never innerHTML, so indexed text cannot become markup.
  function snippet(text, toks) {
    var folded = fold(text);
    var first = -1;
    toks.forEach(function (t) {
      var i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    // NFD folding can change lengths; fall back to the start when it did.
    if (folded.length !== text.length) { folded = text.toLowerCase(); first = Math.max(0, first); }
    var start = Math.max(0, first - 80);
    // Start and end at word boundaries.
    if (start > 0) { var sp = text.indexOf(' ', start); if (sp >= 0 && sp < first) start = sp + 1; }
    var end = Math.min(text.length, start + 260);
    if (end < text.length) { var ep = text.lastIndexOf(' ', end); if (ep > first) end = ep; }
    var p = d.createElement('p');
    p.className = 'snippet';
    var pos = start;
    if (start > 0) p.appendChild(d.createTextNode('… '));
    while (pos < end) {
      var next = -1, len = 0;
      toks.forEach(function (t) {
        var i = folded.indexOf(t, pos);
        if (i >= 0 && i < end && (next < 0 || i < next)) { next = i; len = t.length; }
      });
      if (next < 0) { p.appendChild(d.createTextNode(text.slice(pos, end))); break; }
      if (next > pos) p.appendChild(d.createTextNode(text.slice(pos, next)));
      var m = d.createElement('mark');
      m.textContent = text.slice(next, next + len);
      p.appendChild(m);
      pos = next + len;
    }
    if (end < text.length) p.appendChild(d.createTextNode(' …'));
    return p;
  }

  function show(q) {
    list.textContent = '';
    var r = search(q);
    if (!r.toks.length) { status.textContent = ''; return; }
    var n = r.hits.length;
    status.textContent = n === 0 ? 'No results for “' + q + '”.' :
      (n === 1 ? '1 result' : n + ' results') + ' for “' + q + '”' + (n > MAX ? ', the first ' + MAX + ' shown.' : '.');
    r.hits.slice(0, MAX).forEach(function (h) {
      var doc = data.docs[h.id];
      var li = d.createElement('li');
      var pub = d.createElement('p');
      pub.className = 'pub';
      pub.textContent = data.pubs[doc[1]];
      var a = d.createElement('a');
      a.className = 'where';
      a.href = doc[0];
      a.textContent = doc[2];
      li.appendChild(pub);
      li.appendChild(a);
      li.appendChild(snippet(doc[3], r.toks));
      list.appendChild(li);
    });
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
      try { history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); } catch (e) { /* file:// in some browsers */ }
    }, 150);
  });
  input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    show(input.value);
  });
  var q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  if (q) show(q);
})();
