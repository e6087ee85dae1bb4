/* normpress — search over the prebuilt index in search-index.js, which
   the page loads as a script so that search works opened from the disk
   (browsers refuse fetch() on file:// pages). Tokens are folded as the
   Go side folds them (decomposed, marks removed, lower case) and then
   stemmed through the index's own table of word forms, so the query is
   stemmed exactly as the text was, in the publication's language.

   Ranking: what kind of text matched comes first — chapter headings and
   text, then notes, then generated indexes and lists — then how well:
   the words standing together as typed, then each word's weight
   (headings, titles and keywords count more) against its rarity. */
(function () {
  'use strict';
  var d = document;
  // The page's words (the head's np-terms); fill replaces {name}.
  var T = {};
  try { T = JSON.parse((d.getElementById('np-terms') || {}).textContent || '{}'); } catch (e) { T = {}; }
  function fill(k, en, vals) {
    return (T[k] || en).replace(/\{(\w+)\}/g, function (m, name) { return name in vals ? vals[name] : m; });
  }
  var data = window.normpressSearch;
  var input = d.getElementById('search-q');
  var status = d.getElementById('search-status');
  var list = d.getElementById('search-results');
  if (!input || !status || !list) return;
  if (!data) {
    status.textContent = fill('search-failed', 'The search index could not be loaded.', {});
    return;
  }
  var MAX = 50;

  function fold(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  // The first index in the sorted array a at which a[i] >= s.
  function lower(a, s) {
    var lo = 0, hi = a.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (a[mid] < s) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  // The stems of a folded token: those the table of forms gives it (one
  // per language whose stemmer changed it), and the token itself, which is
  // its stem in a language whose stemmer left it as it was.
  function stemsOf(tok) {
    var out = [tok];
    for (var i = lower(data.forms, tok); i < data.forms.length && data.forms[i] === tok; i++) {
      out.push(data.terms[data.formStem[i]]);
    }
    return out;
  }
  // The term indexes a query token matches: its stem exactly, and — so
  // that results come while a word is being typed — every stem and every
  // form it begins, which count half.
  function matches(tok) {
    var out = new Map(), i;
    stemsOf(tok).forEach(function (st) {
      var j = lower(data.terms, st);
      if (j < data.terms.length && data.terms[j] === st) out.set(j, 1);
    });
    for (i = lower(data.terms, tok); i < data.terms.length && data.terms[i].lastIndexOf(tok, 0) === 0; i++) {
      if (!out.has(i)) out.set(i, 0.5);
    }
    for (i = lower(data.forms, tok); i < data.forms.length && data.forms[i].lastIndexOf(tok, 0) === 0; i++) {
      if (!out.has(data.formStem[i])) out.set(data.formStem[i], 0.5);
    }
    return out;
  }
  // A word in a text matches the query when its stem is one the query
  // matched.
  function matcher(toks) {
    var want = new Set();
    toks.forEach(function (t) { matches(t).forEach(function (_, i) { want.add(data.terms[i]); }); });
    return function (word) { return stemsOf(fold(word)).some(function (st) { return want.has(st); }); };
  }
  // How often phrase (tokens joined by spaces, within spaces) occurs in
  // text; a heading or a keyword counts HEADING times, as in the index.
  var HEADING = 3, PHRASE = 20;
  function count(text, phrase) {
    var t = ' ' + tokens(text).join(' ') + ' ', n = 0;
    for (var i = t.indexOf(phrase); i >= 0; i = t.indexOf(phrase, i + 1)) n++;
    return n;
  }
  var pageLang = (document.documentElement.lang || '').toLowerCase().split('-')[0];
  function search(q) {
    var toks = tokens(q);
    if (!toks.length) return { toks: toks, hits: [] };
    var scores = null;
    toks.forEach(function (t) {
      var per = new Map(), df = 0;
      matches(t).forEach(function (factor, ti) {
        var p = data.post[ti];
        df = Math.max(df, p.length / 2);
        for (var k = 0; k < p.length; k += 2) {
          var w = factor * p[k + 1];
          if (!per.has(p[k]) || per.get(p[k]) < w) per.set(p[k], w);
        }
      });
      // A rare word says more about a passage than a common one.
      var idf = Math.log(1 + data.docs.length / Math.max(df, 1));
      var next = new Map();
      per.forEach(function (w, id) {
        // Saturating: the tenth mention adds less than the second.
        var s = idf * w / (w + 2);
        if (scores === null) next.set(id, s);
        else if (scores.has(id)) next.set(id, scores.get(id) + s);
      });
      scores = next;
    });
    var phrase = toks.length > 1 ? ' ' + toks.join(' ') + ' ' : '';
    var hits = [];
    scores.forEach(function (score, id) {
      var doc = data.docs[id];
      if (phrase) {
        // The words side by side, as typed, say more than the words
        // apart: a passage holding the phrase ranks above any that holds
        // only the words, and more mentions (in a heading or a keyword
        // worth HEADING) rank it higher, saturating like the words.
        var n = count(doc[3], phrase) + HEADING * count(doc[5], phrase);
        if (n > 0) score += PHRASE * (1 + n / (n + 2));
      }
      // A reader searching from an English page gets the English
      // editions' passages first, a translation's after them (and the
      // other way round): same tier and score otherwise.
      var same = (data.pubLangs || [])[doc[1]] === pageLang ? 1 : 0;
      hits.push({ id: id, same: same, tier: doc[4], score: score });
    });
    hits.sort(function (a, b) { return b.same - a.same || b.tier - a.tier || b.score - a.score || a.id - b.id; });
    return { toks: toks, hits: hits };
  }

  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  // The words of text that match, in order, with their positions.
  function words(text, match) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (match(m[0])) out.push({ at: m.index, end: m.index + m[0].length, word: m[0] });
    }
    return out;
  }

  // A snippet around the first match, with the matches marked. Built with
  // text nodes only, never innerHTML, so indexed text cannot become markup.
  function snippet(text, found) {
    var first = found.length ? found[0].at : 0;
    var start = Math.max(0, first - 80);
    // Start and end at word boundaries.
    if (start > 0) { var sp = text.indexOf(' ', start); if (sp >= 0 && sp < first) start = sp + 1; }
    var end = Math.min(text.length, start + 260);
    if (end < text.length) { var ep = text.lastIndexOf(' ', end); if (ep > first) end = ep; }
    var p = d.createElement('p');
    p.className = 'snippet';
    var pos = start;
    if (start > 0) p.appendChild(d.createTextNode('… '));
    found.forEach(function (f) {
      if (f.at < pos || f.end > end) return;
      if (f.at > pos) p.appendChild(d.createTextNode(text.slice(pos, f.at)));
      var m = d.createElement('mark');
      m.textContent = text.slice(f.at, f.end);
      p.appendChild(m);
      pos = f.end;
    });
    if (pos < end) p.appendChild(d.createTextNode(text.slice(pos, end)));
    if (end < text.length) p.appendChild(d.createTextNode(' …'));
    return p;
  }

  // The link to a result carries the words that matched there, which the
  // chapter page marks in the paragraph it lands on.
  function href(url, found) {
    var seen = new Set(), ws = [];
    found.forEach(function (f) {
      var w = fold(f.word);
      if (!seen.has(w)) { seen.add(w); ws.push(w); }
    });
    if (!ws.length) return url;
    var i = url.indexOf('#');
    var q = '?hl=' + encodeURIComponent(ws.join(' '));
    return i < 0 ? url + q : url.slice(0, i) + q + url.slice(i);
  }

  function show(q) {
    list.textContent = '';
    var r = search(q);
    if (!r.toks.length) { status.textContent = ''; return; }
    var n = r.hits.length;
    var vals = { n: n, q: q, max: MAX };
    status.textContent = n === 0 ? fill('search-none', 'No results for “{q}”.', vals) :
      n === 1 ? fill('search-one', '1 result for “{q}”.', vals) :
      n > MAX ? fill('search-first', '{n} results for “{q}”, the first {max} shown.', vals) :
      fill('search-many', '{n} results for “{q}”.', vals);
    var match = matcher(r.toks);
    r.hits.slice(0, MAX).forEach(function (h) {
      var doc = data.docs[h.id];
      var found = words(doc[3], match);
      var li = d.createElement('li');
      var pub = d.createElement('p');
      pub.className = 'pub';
      pub.textContent = data.pubs[doc[1]];
      var a = d.createElement('a');
      a.className = 'where';
      a.href = href(doc[0], found);
      a.textContent = doc[2];
      li.appendChild(pub);
      li.appendChild(a);
      li.appendChild(snippet(doc[3], found));
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
