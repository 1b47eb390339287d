"""The style and script of the HTML report, inlined into every report (no network, no files).

Both are pinned by hash in the page's Content-Security-Policy, so change them only here.
Every selector is scoped under ``.mtqa-report`` so that the notebook view does not restyle
the notebook around it. The script never parses input-derived text as HTML: it reads the
embedded JSON, toggles classes on the server-rendered (escaped) markup, clones cards, and
builds the corrected-text view with ``textContent`` only.
"""

CSS = r"""
.mtqa-report{--mq-fg:#1f2328;--mq-muted:#656d76;--mq-bg:#f6f7f9;--mq-panel:#fbfbfc;--mq-paper:#fff;
--mq-line:#d8dee4;--mq-accent:#0969da;--mq-error:#cf222e;--mq-error-bg:rgba(207,34,46,.12);
--mq-warning:#bf8700;--mq-warning-bg:rgba(212,160,23,.20);--mq-info:#0969da;--mq-info-bg:rgba(9,105,218,.10);
--mq-ok:#1a7f37;--mq-ok-bg:rgba(26,127,55,.13);--mq-clean:#8c959f;
position:relative;box-sizing:border-box;display:flex;flex-direction:column;height:auto;max-height:38rem;min-height:16rem;color:var(--mq-fg);
background:var(--mq-bg);border:1px solid var(--mq-line);border-radius:8px;overflow:hidden;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
container-type:inline-size;text-align:left}
.mtqa-report *,.mtqa-report *::before,.mtqa-report *::after{box-sizing:border-box}
.mtqa-report [hidden]{display:none!important}
body.mq-page{margin:0;background:#f6f7f9}
.mtqa-report.mq-page-root{height:100vh;max-height:none;border:0;border-radius:0}
.mtqa-report h1,.mtqa-report h2,.mtqa-report p,.mtqa-report ul,.mtqa-report ol{margin:0;padding:0}
.mtqa-report ul,.mtqa-report ol{list-style:none}
.mtqa-report button{font:inherit;color:inherit}
.mtqa-report code,.mtqa-report kbd{font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.mtqa-report kbd{border:1px solid var(--mq-line);border-bottom-width:2px;border-radius:4px;padding:0 4px;
background:var(--mq-paper)}
.mq-top{display:flex;align-items:center;gap:18px;padding:10px 18px;background:var(--mq-paper);
border-bottom:1px solid var(--mq-line);flex:none}
.mq-brand{font-weight:700;font-size:16px;letter-spacing:-.01em;white-space:nowrap}
.mq-brand span{font-weight:400;color:var(--mq-muted)}
.mq-summary{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.mq-sumtotal{font-weight:600}
.mq-sumpart{color:var(--mq-muted);display:inline-flex;align-items:center;gap:5px}
.mq-sig{margin-left:auto;color:var(--mq-muted);font-size:12px;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis;max-width:40%}
.mq-body{flex:1;min-height:0;display:grid;grid-template-columns:250px minmax(0,1fr) 350px;
grid-template-rows:minmax(0,1fr)}
.mq-side,.mq-list{overflow:auto;background:var(--mq-panel);padding:14px}
.mq-side{border-right:1px solid var(--mq-line)}
.mq-list{border-left:1px solid var(--mq-line)}
.mq-panel{margin-bottom:18px}
.mq-panel h2,.mq-list h2{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.07em;
color:var(--mq-muted);margin-bottom:8px}
.mq-muted{color:var(--mq-muted);font-weight:400}
.mq-dot{display:inline-block;width:9px;height:9px;border-radius:50%;flex:none;background:var(--mq-clean)}
.mq-dot.mq-error{background:var(--mq-error)}
.mq-dot.mq-warning{background:var(--mq-warning)}
.mq-dot.mq-info{background:var(--mq-info)}
.mq-filter{display:flex;align-items:center;gap:7px;padding:4px 6px;border-radius:6px;cursor:pointer}
.mq-filter:hover,.mq-docbtn:hover{background:rgba(0,0,0,.045)}
.mq-filter input{margin:0;accent-color:var(--mq-accent)}
.mq-fname{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.mq-count{color:var(--mq-muted);font-variant-numeric:tabular-nums;font-size:12px;background:rgba(0,0,0,.05);
border-radius:9px;padding:0 7px;min-width:22px;text-align:center}
.mq-filter.mq-zero{opacity:.5}
.mq-filter-actions{margin-top:4px;padding-left:6px;color:var(--mq-muted)}
.mq-link{background:none;border:0;padding:0;color:var(--mq-accent)!important;cursor:pointer}
.mq-link:hover{text-decoration:underline}
.mq-docfilter{width:100%;margin-bottom:6px;padding:5px 8px;border:1px solid var(--mq-line);border-radius:6px;
font:inherit;background:var(--mq-paper);color:inherit}
.mq-doclist{max-height:16rem;overflow:auto}
.mq-docbtn{display:flex;align-items:center;gap:7px;width:100%;padding:5px 6px;border:0;border-radius:6px;
background:none;cursor:pointer;text-align:left}
.mq-docbtn[aria-current=true]{background:rgba(9,105,218,.12);font-weight:600}
.mq-docname{flex:1;min-width:0;display:flex;white-space:nowrap}
.mq-docdir{flex:0 100 auto;min-width:0;overflow:hidden;text-overflow:ellipsis;color:var(--mq-muted);font-weight:400}
.mq-docbase{flex:0 1 auto;min-width:2em;overflow:hidden;text-overflow:ellipsis}
.mq-errors li{font-size:12px;color:var(--mq-error);margin-bottom:4px;overflow-wrap:anywhere}
.mq-keys p{color:var(--mq-muted);font-size:12px;line-height:1.9}
.mq-main{display:flex;flex-direction:column;min-width:0;min-height:0}
.mq-toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;padding:9px 16px;
background:var(--mq-paper);border-bottom:1px solid var(--mq-line)}
.mq-title{font-size:15px;font-weight:600;flex:1 1 12rem;min-width:0;overflow:hidden;text-overflow:ellipsis;
white-space:nowrap}
.mq-tabs{display:inline-flex;border:1px solid var(--mq-line);border-radius:7px;overflow:hidden}
.mq-tab{border:0;background:var(--mq-paper);padding:4px 11px;cursor:pointer}
.mq-tab+.mq-tab{border-left:1px solid var(--mq-line)}
.mq-tab[aria-selected=true]{background:var(--mq-fg);color:var(--mq-paper)!important}
.mq-buttons{display:flex;flex-wrap:wrap;gap:6px}
.mq-btn{border:1px solid var(--mq-line);background:var(--mq-paper);border-radius:7px;padding:4px 10px;
cursor:pointer;white-space:nowrap}
.mq-btn:hover{border-color:var(--mq-muted)}
.mq-btn.mq-primary{background:var(--mq-accent);border-color:var(--mq-accent);color:#fff!important}
.mq-status{flex-basis:100%;color:var(--mq-muted);font-size:12px;min-height:1em}
.mq-scroll{position:relative;flex:1;min-height:0;overflow:auto;background:var(--mq-paper);padding:30px 36px 80px}
.mq-text,.mq-corr{max-width:44rem;margin:0 auto;white-space:pre-wrap;overflow-wrap:anywhere;
font:17px/1.78 Charter,"Bitstream Charter","Iowan Old Style","Source Serif Pro",Georgia,Cambria,serif;
color:var(--mq-fg)}
.mtqa-report mark.mq-hl{color:inherit;background:var(--mq-info-bg);border-bottom:2px solid var(--mq-info);
border-radius:2px 2px 0 0;padding:0 0 1px;cursor:pointer;-webkit-box-decoration-break:clone;
box-decoration-break:clone;transition:background-color .12s}
.mtqa-report mark.mq-hl.mq-error{background:var(--mq-error-bg);border-bottom-color:var(--mq-error)}
.mtqa-report mark.mq-hl.mq-warning{background:var(--mq-warning-bg);border-bottom-color:var(--mq-warning)}
.mtqa-report mark.mq-hl.mq-multi{box-shadow:inset 0 -4px 0 rgba(0,0,0,.10)}
.mtqa-report mark.mq-hl.mq-acc{background:var(--mq-ok-bg);border-bottom-color:var(--mq-ok);
border-bottom-style:dashed}
.mtqa-report mark.mq-hl.mq-sel{outline:2px solid var(--mq-accent);outline-offset:1px}
.mtqa-report mark.mq-hl:focus-visible{outline:2px solid var(--mq-accent)}
.mtqa-report mark.mq-hl.mq-off{background:none;border-bottom-color:transparent;box-shadow:none;cursor:text;
outline:0}
.mtqa-report mark.mq-empty{display:inline-block;width:0;height:1.2em;vertical-align:-.2em;padding:0;
border:0;border-left:3px solid var(--mq-info);margin:0 -1.5px;border-radius:0}
.mtqa-report mark.mq-empty.mq-error{border-left-color:var(--mq-error)}
.mtqa-report mark.mq-empty.mq-warning{border-left-color:var(--mq-warning)}
.mtqa-report mark.mq-empty.mq-off{border-left-color:transparent}
.mq-ws::before{content:attr(data-s);color:var(--mq-muted);font-size:.8em}
.mq-off .mq-ws::before{content:none}
.mq-corr del{color:var(--mq-error);background:var(--mq-error-bg);text-decoration:line-through}
.mq-corr ins{color:var(--mq-ok);background:var(--mq-ok-bg);text-decoration:none;border-bottom:2px solid var(--mq-ok)}
.mq-pop{position:absolute;z-index:20;width:370px;max-width:calc(100% - 16px);background:var(--mq-paper);
border:1px solid var(--mq-line);border-radius:10px;box-shadow:0 10px 30px rgba(31,35,40,.18);padding:4px}
.mq-pop .mq-card,.mq-pop .mq-card.mq-sel{border:0;box-shadow:none;margin:0;cursor:default}
.mq-pop .mq-card+.mq-card{border-top:1px solid var(--mq-line);border-radius:0}
.mq-cards{display:flex;flex-direction:column;gap:8px}
.mq-card{display:block;list-style:none;background:var(--mq-paper);border:1px solid var(--mq-line);
border-left:4px solid var(--mq-info);
border-radius:8px;padding:10px 12px;cursor:pointer}
.mq-card.mq-error{border-left-color:var(--mq-error)}
.mq-card.mq-warning{border-left-color:var(--mq-warning)}
.mq-card.mq-sel{box-shadow:0 0 0 2px var(--mq-accent)}
.mq-card.mq-dismissed{opacity:.5}
.mq-card.mq-dismissed .mq-msg{text-decoration:line-through}
.mq-card-head{display:flex;align-items:center;gap:7px;margin-bottom:4px;font-size:12px}
.mq-badge{font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:#fff;
border-radius:4px;padding:1px 6px;background:var(--mq-info)}
.mq-badge.mq-error{background:var(--mq-error)}
.mq-badge.mq-warning{background:var(--mq-warning)}
.mq-rule{color:var(--mq-muted);flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.mq-loc{color:var(--mq-muted);font-variant-numeric:tabular-nums}
.mq-unit{display:inline-block;max-width:16em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;
vertical-align:bottom;margin-left:4px;font-family:ui-monospace,monospace}
.mq-msg{font-size:14px;margin-bottom:6px;overflow-wrap:anywhere}
.mq-opts{display:flex;flex-direction:column;gap:5px;margin-bottom:6px}
.mq-opt{display:block;width:100%;text-align:left;border:1px solid var(--mq-line);border-radius:6px;
background:var(--mq-bg);padding:5px 8px;cursor:pointer}
.mq-opt[aria-pressed=true]{border-color:var(--mq-accent);background:rgba(9,105,218,.06)}
.mq-opt:only-child{cursor:default}
.mq-opt-title{display:block;font-size:12px;color:var(--mq-muted)}
.mq-diff{display:block;font:14px/1.5 Charter,"Iowan Old Style",Georgia,serif;overflow-wrap:anywhere}
.mq-diff .mq-ctx{color:var(--mq-muted)}
.mq-diff del{color:var(--mq-error);background:var(--mq-error-bg);text-decoration:line-through}
.mq-diff ins{color:var(--mq-ok);background:var(--mq-ok-bg);text-decoration:none;font-weight:600}
.mq-actions{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;font-size:12px}
.mq-accept{display:inline-flex;align-items:center;gap:5px;font-weight:600;cursor:pointer}
.mq-accept input{margin:0;accent-color:var(--mq-ok)}
.mq-app{color:var(--mq-muted);flex:1 1 auto;white-space:nowrap}
.mq-app-safe{color:var(--mq-ok)}
.mq-app-unsafe{color:var(--mq-warning)}
.mq-dismiss{border:0;background:none;color:var(--mq-muted)!important;cursor:pointer;padding:0}
.mq-dismiss:hover{color:var(--mq-fg)!important;text-decoration:underline}
.mq-card.mq-accepted .mq-accept{color:var(--mq-ok)}
.mq-skipnote{margin-top:6px;font-size:12px;color:var(--mq-warning)}
.mq-related{margin:0 0 6px;font-size:12px;color:var(--mq-muted);overflow-wrap:anywhere}
.mq-mqm{margin-left:auto;font-size:11px;color:var(--mq-muted);white-space:nowrap}
.mq-none{color:var(--mq-muted);padding:8px 2px}
.mq-group{list-style:none;font-weight:600;font-size:12px;margin-top:10px;padding:2px}
.mq-card.mq-style{border-left-style:dashed}
.mq-out{position:absolute;left:-9999px;top:0;width:1px;height:1px;opacity:0}
@container (max-width:1000px){.mq-body{grid-template-columns:190px minmax(0,1fr)}
.mq-list{grid-column:1/-1;border-left:0;border-top:1px solid var(--mq-line);max-height:14rem}
.mq-sig{display:none}}
@container (max-width:640px){.mq-body{grid-template-columns:minmax(0,1fr)}.mq-side{display:none}
.mq-scroll{padding:16px}}
@media (prefers-color-scheme:dark){body.mq-page{background:#0d1117}
.mq-page-root{--mq-fg:#e6edf3;--mq-muted:#8d96a0;--mq-bg:#0d1117;--mq-panel:#11161d;--mq-paper:#161b22;
--mq-line:#30363d;--mq-accent:#4493f8;--mq-error:#f85149;--mq-error-bg:rgba(248,81,73,.18);--mq-warning:#d29922;
--mq-warning-bg:rgba(210,153,34,.22);--mq-info:#4493f8;--mq-info-bg:rgba(68,147,248,.16);--mq-ok:#3fb950;
--mq-ok-bg:rgba(63,185,80,.16)}}
@media print{.mtqa-report{height:auto!important;border:0}.mq-side,.mq-list,.mq-toolbar,.mq-pop{display:none!important}
.mq-body{display:block}.mq-scroll{overflow:visible;padding:0}}
"""

JS = r"""
(function () {
  'use strict';
  var RANK = {info: 0, warning: 1, error: 2};
  var WS = {' ': '\u00b7', '\u00a0': '\u237d', '\t': '\u2192', '\n': '\u21b5'};
  var me = document.currentScript;
  var roots = me && me.parentElement && me.parentElement.classList.contains('mtqa-report') ?
    [me.parentElement] : Array.prototype.slice.call(document.querySelectorAll('.mtqa-report'));
  roots.forEach(function (root) {
    if (!root.hasAttribute('data-mq-ready') && root.querySelector('script.mq-data')) { init(root); }
  });

  function init(root) {
    root.setAttribute('data-mq-ready', '1');
    function $(sel, el) { return (el || root).querySelector(sel); }
    function $$(sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); }
    var data = JSON.parse($('script.mq-data').textContent);
    var docs = data.documents, issues = [];
    docs.forEach(function (doc, d) { doc.issues.forEach(function (it) { it.doc = d; issues[it.n] = it; }); });
    var state = issues.map(function (it) {
      return {accepted: !!(it.fix && it.fix.applicability === 'safe'), choice: 0, dismissed: false};
    });
    var filt = {sev: {error: true, warning: true, info: true}, rules: {}};
    var cur = 0, sel = null, view = 'marked', pinned = false, showT = 0, hideT = 0, skipped = {};
    var page = root.classList.contains('mq-page-root');
    var pop = $('.mq-pop'), out = $('.mq-out'), status = $('.mq-status'), scroller = $('.mq-scroll');
    var articles = $$('.mq-doc'), groups = $$('.mq-cards'), cardOf = [], marksOf = issues.map(function () {
      return [];
    });
    $$('.mq-cards .mq-card').forEach(function (c) { cardOf[+c.getAttribute('data-n')] = c; });
    $$('mark.mq-hl').forEach(function (m) {
      m.removeAttribute('title');
      ids(m, 'data-i').forEach(function (n) { marksOf[n].push(m); });
    });

    function ids(el, attr) {
      var v = el.getAttribute(attr);
      return v ? v.split(' ').map(Number) : [];
    }
    function shown(n) {
      var it = issues[n];
      return !state[n].dismissed && filt.sev[it.severity] && filt.rules[it.code] !== false;
    }
    function fixOf(n) {
      var it = issues[n];
      if (!it.fix) { return null; }
      return state[n].choice ? it.alternatives[state[n].choice - 1] : it.fix;
    }
    function applicable(n) {
      var f = fixOf(n);
      return !!f && f.applicability !== 'display';
    }

    // One pass of mtqa.fixes.fix_text: non_overlapping() then apply_batch().
    function plan(d) {
      var doc = docs[d], cands = [], chosen = [], skip = [], end = -1, edits = [], text = doc.text;
      doc.issues.forEach(function (it) {
        var st = state[it.n];
        if (st.accepted && !st.dismissed && applicable(it.n)) { cands.push({n: it.n, fix: fixOf(it.n)}); }
      });
      cands.sort(function (a, b) { return a.fix.start - b.fix.start || a.fix.end - b.fix.end; });
      cands.forEach(function (c) {
        if (!chosen.length || c.fix.start > end) { chosen.push(c); end = c.fix.end; } else { skip.push(c.n); }
      });
      chosen.forEach(function (c) { c.fix.edits.forEach(function (e) { edits.push(e); }); });
      edits.slice().sort(function (a, b) { return b.start - a.start; }).forEach(function (e) {
        text = text.slice(0, e.start) + e.replacement + text.slice(e.end);
      });
      return {text: text, chosen: chosen, skipped: skip, edits: edits};
    }

    function paintMark(m) {
      var vis = ids(m, 'data-i').filter(shown), worst = null, acc = vis.length > 0;
      vis.forEach(function (n) {
        var s = issues[n].severity;
        if (worst === null || RANK[s] > RANK[worst]) { worst = s; }
        if (!(state[n].accepted && applicable(n))) { acc = false; }
      });
      ['mq-error', 'mq-warning', 'mq-info'].forEach(function (c) { m.classList.remove(c); });
      m.classList.toggle('mq-off', !vis.length);
      m.classList.toggle('mq-multi', vis.length > 1);
      m.classList.toggle('mq-acc', acc);
      m.classList.toggle('mq-sel', sel !== null && vis.indexOf(sel) >= 0);
      if (worst) { m.classList.add('mq-' + worst); }
      m.setAttribute('data-v', vis.join(' '));
      m.tabIndex = vis.length ? 0 : -1;
    }
    function paintCards(n) {
      var st = state[n];
      $$('.mq-card[data-n="' + n + '"]').forEach(function (c) {
        if (!c.classList.contains('mq-in-pop')) {
          c.hidden = !(filt.sev[issues[n].severity] && filt.rules[issues[n].code] !== false);
        }
        c.classList.toggle('mq-dismissed', st.dismissed);
        c.classList.toggle('mq-accepted', st.accepted && applicable(n));
        c.classList.toggle('mq-sel', n === sel);
        var box = $('.mq-acc-box', c);
        if (box) { box.checked = st.accepted; box.disabled = st.dismissed || !applicable(n); }
        $$('.mq-opt', c).forEach(function (o) {
          o.setAttribute('aria-pressed', String(+o.getAttribute('data-choice') === st.choice));
        });
        var dis = $('.mq-dismiss', c);
        if (dis) { dis.textContent = st.dismissed ? 'Restore' : 'Dismiss'; }
        var note = $('.mq-skipnote', c);
        if (note) { note.hidden = !skipped[n]; }
      });
    }
    function counts() {
      var sev = {error: 0, warning: 0, info: 0}, rules = {};
      docs[cur].issues.forEach(function (it) {
        if (state[it.n].dismissed) { return; }
        sev[it.severity] += 1;
        rules[it.code] = (rules[it.code] || 0) + 1;
      });
      $$('[data-count-sev]').forEach(function (el) {
        var k = el.getAttribute('data-count-sev');
        el.textContent = String(sev[k]);
        el.parentNode.classList.toggle('mq-zero', !sev[k]);
      });
      $$('[data-count-rule]').forEach(function (el) {
        var k = el.getAttribute('data-count-rule');
        el.textContent = String(rules[k] || 0);
        el.parentNode.classList.toggle('mq-zero', !rules[k]);
      });
    }
    function refresh() {
      var p = plan(cur), fixable = 0, accepted = 0;
      skipped = {};
      p.skipped.forEach(function (n) { skipped[n] = true; });
      $$('mark.mq-hl', articles[cur]).forEach(paintMark);
      docs[cur].issues.forEach(function (it) {
        paintCards(it.n);
        if (applicable(it.n) && !state[it.n].dismissed) {
          fixable += 1;
          if (state[it.n].accepted) { accepted += 1; }
        }
      });
      counts();
      out.value = p.text;
      var msg = accepted + ' of ' + fixable + ' fixes accepted';
      if (p.skipped.length) { msg += ' \u00b7 ' + p.skipped.length + ' not applied (overlaps an earlier fix)'; }
      msg += ' \u00b7 ' + p.edits.length + (p.edits.length === 1 ? ' edit' : ' edits') + ' in the corrected text';
      status.textContent = msg;
      if (view === 'corrected') { renderCorrected(p); }
      if (!pop.hidden && pop.getAttribute('data-for')) {
        var still = ids(pop, 'data-for').filter(shown);
        if (!still.length) { hidePop(); }
      }
    }

    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text) { e.textContent = text; }
      if (cls) { e.className = cls; }
      return e;
    }
    function showWs(s) {
      return /^\s+$/.test(s) ? s.replace(/[\s\u00a0]/g, function (c) { return WS[c] || '\u2423'; }) : s;
    }
    function renderCorrected(p) {
      var box = $('.mq-corr', articles[cur]), text = docs[cur].text, pos = 0;
      box.textContent = '';
      var edits = p.edits.map(function (e, i) { return {e: e, i: i}; });
      edits.sort(function (a, b) { return a.e.start - b.e.start || b.i - a.i; });
      edits.forEach(function (x) {
        var e = x.e;
        if (e.start > pos) { box.appendChild(document.createTextNode(text.slice(pos, e.start))); }
        if (e.end > e.start) { box.appendChild(el('del', showWs(text.slice(e.start, e.end)))); }
        if (e.replacement) { box.appendChild(el('ins', showWs(e.replacement))); }
        pos = Math.max(pos, e.end);
      });
      box.appendChild(document.createTextNode(text.slice(pos)));
    }
    function setView(v) {
      view = v;
      $$('.mq-tab').forEach(function (t) {
        t.setAttribute('aria-selected', String(t.getAttribute('data-view') === v));
      });
      articles.forEach(function (a) {
        $('.mq-text', a).hidden = v !== 'marked';
        $('.mq-corr', a).hidden = v !== 'corrected';
      });
      hidePop();
      refresh();
    }

    function showDoc(d) {
      if (d < 0 || d >= docs.length) { return; }
      cur = d;
      articles.forEach(function (a) { a.hidden = +a.getAttribute('data-doc') !== d; });
      groups.forEach(function (g) { g.hidden = +g.getAttribute('data-doc') !== d; });
      $$('.mq-docbtn').forEach(function (b) {
        if (+b.getAttribute('data-doc') === d) { b.setAttribute('aria-current', 'true'); }
        else { b.removeAttribute('aria-current'); }
      });
      $('.mq-title').textContent = docs[d].id;
      if (sel !== null && issues[sel].doc !== d) { sel = null; }
      hidePop();
      scroller.scrollTop = 0;
      if (page && docs.length > 1) {
        try { history.replaceState(null, '', '#doc-' + (d + 1)); } catch (e) { /* file: URLs may refuse */ }
      }
      refresh();
    }

    function position(m) {
      var r = m.getClientRects()[0] || m.getBoundingClientRect(), s = scroller.getBoundingClientRect();
      var top = r.bottom - s.top + scroller.scrollTop + 6;
      var left = r.left - s.left + scroller.scrollLeft - 12;
      left = Math.max(8, Math.min(left, scroller.clientWidth - pop.offsetWidth - 8));
      if (r.bottom + pop.offsetHeight + 12 > s.bottom && r.top - pop.offsetHeight - 12 > s.top) {
        top = r.top - s.top + scroller.scrollTop - pop.offsetHeight - 6;
      }
      pop.style.top = top + 'px';
      pop.style.left = left + 'px';
    }
    function showPop(m, pin) {
      var vis = ids(m, 'data-v');
      if (!vis.length || view !== 'marked') { hidePop(); return; }
      clearTimeout(hideT);
      pop.textContent = '';
      vis.forEach(function (n) {
        var c = cardOf[n].cloneNode(true);
        c.hidden = false;
        c.classList.add('mq-in-pop');
        pop.appendChild(c);
      });
      pop.setAttribute('data-for', vis.join(' '));
      pop.hidden = false;
      vis.forEach(paintCards);
      position(m);
      pinned = !!pin;
    }
    function hidePop() {
      clearTimeout(showT);
      clearTimeout(hideT);
      pop.hidden = true;
      pop.textContent = '';
      pop.removeAttribute('data-for');
      pinned = false;
    }
    function select(n, scroll, withPop) {
      if (issues[n].doc !== cur) { showDoc(issues[n].doc); }
      sel = n;
      refresh();
      var card = cardOf[n], m = marksOf[n][0];
      if (card && !card.hidden) { card.scrollIntoView({block: 'nearest'}); }
      if (m && view === 'marked') {
        if (scroll) { m.scrollIntoView({block: 'center'}); }
        if (withPop && !m.classList.contains('mq-off')) { showPop(m, true); }
      }
    }
    function step(delta) {
      var list = docs[cur].issues.map(function (it) { return it.n; }).filter(shown);
      if (!list.length) { return; }
      var i = sel === null ? -1 : list.indexOf(sel);
      i = i < 0 ? (delta > 0 ? 0 : list.length - 1) : (i + delta + list.length) % list.length;
      select(list[i], true, true);
    }

    function bulk(kind) {
      docs[cur].issues.forEach(function (it) {
        var n = it.n, st = state[n];
        if (!shown(n)) { return; }
        if (kind === 'reject') { st.accepted = false; }
        else if (it.fix && (kind === 'all' ? it.fix.applicability !== 'display' : it.fix.applicability === 'safe')) {
          st.choice = 0;
          st.accepted = true;
        }
      });
      refresh();
    }
    function flash(btn, text) {
      if (!btn.getAttribute('data-label')) { btn.setAttribute('data-label', btn.textContent); }
      btn.textContent = text;
      setTimeout(function () { btn.textContent = btn.getAttribute('data-label'); }, 1600);
    }
    function copy(btn) {
      var text = plan(cur).text;
      function fallback() {
        out.value = text;
        out.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        flash(btn, ok ? 'Copied \u2713' : 'Copy blocked: use Save');
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { flash(btn, 'Copied \u2713'); }, fallback);
      } else { fallback(); }
    }
    function fixedName(id) {
      var base = String(id).split(/[\\/]/).pop() || 'document.txt', dot = base.lastIndexOf('.');
      return dot > 0 ? base.slice(0, dot) + '.fixed' + base.slice(dot) : base + '.fixed.txt';
    }
    function save() {
      var blob = new Blob([plan(cur).text], {type: 'text/plain;charset=utf-8'});
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fixedName(docs[cur].id);
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }

    root.addEventListener('change', function (e) {
      var t = e.target, card = t.closest('.mq-card');
      if (t.classList.contains('mq-acc-box') && card) {
        state[+card.getAttribute('data-n')].accepted = t.checked;
      } else if (t.classList.contains('mq-sevbox')) {
        filt.sev[t.getAttribute('data-sev')] = t.checked;
      } else if (t.classList.contains('mq-rulebox')) {
        filt.rules[t.getAttribute('data-code')] = t.checked;
      } else { return; }
      refresh();
    });
    root.addEventListener('click', function (e) {
      var t = e.target, b = t.closest('button'), card = t.closest('.mq-card');
      var n = card ? +card.getAttribute('data-n') : -1;
      if (b && b.classList.contains('mq-opt') && card) {
        state[n].choice = +b.getAttribute('data-choice');
        if (applicable(n) && !state[n].dismissed) { state[n].accepted = true; }
        refresh();
      } else if (b && b.classList.contains('mq-dismiss') && card) {
        state[n].dismissed = !state[n].dismissed;
        if (state[n].dismissed) { state[n].accepted = false; }
        refresh();
      } else if (b && b.classList.contains('mq-docbtn')) { showDoc(+b.getAttribute('data-doc')); }
      else if (b && b.classList.contains('mq-tab')) { setView(b.getAttribute('data-view')); }
      else if (b && b.classList.contains('mq-accept-safe')) { bulk('safe'); }
      else if (b && b.classList.contains('mq-accept-all')) { bulk('all'); }
      else if (b && b.classList.contains('mq-reject-all')) { bulk('reject'); }
      else if (b && b.classList.contains('mq-copy')) { copy(b); }
      else if (b && b.classList.contains('mq-save')) { save(); }
      else if (b && (b.classList.contains('mq-all-rules') || b.classList.contains('mq-no-rules'))) {
        var on = b.classList.contains('mq-all-rules');
        $$('.mq-rulebox').forEach(function (x) { x.checked = on; filt.rules[x.getAttribute('data-code')] = on; });
        refresh();
      } else if (card && !t.closest('label,input,button') && !card.classList.contains('mq-in-pop')) {
        select(n, true, true);
      } else if (t.closest('mark.mq-hl')) {
        var m = t.closest('mark.mq-hl'), vis = ids(m, 'data-v');
        if (vis.length) { sel = vis[0]; refresh(); showPop(m, true); }
      } else if (t.closest('.mq-scroll') && !t.closest('.mq-pop')) {
        sel = null;
        hidePop();
        refresh();
      }
    });
    scroller.addEventListener('mouseover', function (e) {
      var m = e.target.closest && e.target.closest('mark.mq-hl');
      if (!m || m.classList.contains('mq-off') || pinned) { return; }
      clearTimeout(hideT);
      clearTimeout(showT);
      showT = setTimeout(function () { showPop(m, false); }, 120);
    });
    scroller.addEventListener('mouseout', function (e) {
      var m = e.target.closest && e.target.closest('mark.mq-hl');
      if (!m) { return; }
      clearTimeout(showT);
      if (!pinned) { hideT = setTimeout(hidePop, 350); }
    });
    pop.addEventListener('mouseover', function () { clearTimeout(hideT); });
    pop.addEventListener('mouseleave', function () { if (!pinned) { hideT = setTimeout(hidePop, 350); } });
    scroller.addEventListener('focusin', function (e) {
      var m = e.target.closest && e.target.closest('mark.mq-hl');
      if (m && !m.classList.contains('mq-off')) { sel = ids(m, 'data-v')[0]; refresh(); showPop(m, true); }
    });
    var filter = $('.mq-docfilter');
    if (filter) {
      filter.addEventListener('input', function () {
        var q = filter.value.toLowerCase();
        $$('.mq-docbtn').forEach(function (b) {
          b.parentNode.hidden = q !== '' && b.getAttribute('title').toLowerCase().indexOf(q) < 0;
        });
      });
    }
    (page ? document : root).addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && t.closest && t.closest('input,textarea,select'))) { return; }
      if (e.key === 'Escape') { hidePop(); return; }
      if (e.key === 'j') { step(1); } else if (e.key === 'k') { step(-1); }
      else if (sel !== null && e.key === 'a' && applicable(sel) && !state[sel].dismissed) {
        state[sel].accepted = !state[sel].accepted;
        refresh();
      } else if (sel !== null && e.key === 'd') {
        state[sel].dismissed = !state[sel].dismissed;
        if (state[sel].dismissed) { state[sel].accepted = false; }
        refresh();
      } else { return; }
      e.preventDefault();
    });

    var api = {
      root: root,
      data: data,
      state: state,
      correctedText: function (d) { return plan(d === undefined || d === null ? cur : d).text; },
      showDoc: showDoc,
      select: function (n) { select(n, true, true); },
      current: function () { return cur; }
    };
    window.mtqaReports = window.mtqaReports || [];
    window.mtqaReports.push(api);
    var start = 0, h = page ? /^#doc-(\d+)$/.exec(location.hash) : null;
    if (h) { start = Math.min(docs.length, Math.max(1, +h[1])) - 1; }
    if (docs.length) { showDoc(start); }
  }
})();
"""
