/// The stylesheet and script inlined into `docs/index.html` (no CDN, no fetch: the page works
/// when opened from disk).
enum DocsAssets {
    static let css = """
    :root{--fg:#1d2330;--muted:#5d6778;--line:#d9dee7;--bg:#f6f7fa;--panel:#fff;--accent:#2457c5}
    *{box-sizing:border-box}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
    header{display:flex;align-items:baseline;gap:16px;padding:10px 20px;background:#1d2330;color:#fff}
    header h1{font-size:18px;margin:0}
    header a{color:#fff;text-decoration:none}
    header .meta{color:#b8c0cf;font-size:12px}
    .layout{display:flex;min-height:calc(100vh - 44px)}
    nav{width:280px;flex:none;border-right:1px solid var(--line);background:var(--panel);padding:12px;overflow-y:auto;max-height:calc(100vh - 44px);position:sticky;top:0}
    nav input{width:100%;padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
    nav h2{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:14px 0 4px}
    nav ul{list-style:none;margin:0;padding:0}
    nav li a{display:block;padding:2px 6px;border-radius:4px;color:var(--fg);text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    nav li a:hover,nav li a.current{background:#e8eefb;color:var(--accent)}
    nav .overview-link{display:block;margin-top:10px;font-weight:600;color:var(--accent);text-decoration:none}
    .count{color:var(--muted);font-weight:400}
    main{flex:1;min-width:0;padding:16px 24px}
    section.page{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-bottom:16px}
    .js main>section.page{display:none}
    .js main>section.page.active{display:block}
    h2{font-size:20px;margin:0 0 8px}
    h3{font-size:15px;margin:18px 0 6px}
    .badge{display:inline-block;font-size:11px;font-weight:600;padding:1px 7px;border-radius:10px;background:#eef0f4;color:var(--muted);vertical-align:middle}
    .sev-error{background:#fde8e8;color:#a61b1b}
    .sev-warn{background:#fff4d6;color:#8a5a00}
    .pii{background:#efe6fb;color:#5b2a9e}
    .description{white-space:pre-wrap;margin:4px 0 10px}
    table{border-collapse:collapse;width:100%;margin:4px 0}
    th,td{text-align:left;border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top}
    th{font-size:12px;color:var(--muted);font-weight:600}
    td code,dd code{font-size:12px}
    dl.props{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:6px 0}
    dl.props dt{color:var(--muted)}
    dl.props dd{margin:0}
    pre{background:#f3f5f9;border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;font-size:12px}
    .graph-wrap{overflow:auto;border:1px solid var(--line);border-radius:6px;background:#fbfcfe}
    .graph .edge{fill:none;stroke:#9aa5b8;stroke-width:1.4}
    .graph .arrowhead{fill:#9aa5b8}
    .graph .gnode rect{stroke-width:1.5}
    .graph .gnode text{font-size:12px;fill:#1d2330}
    .graph .gnode:hover rect,.graph .gnode.selected rect{stroke:#2457c5;stroke-width:3}
    .g0 rect{fill:#e6f0ff;stroke:#7da2e0}.g1 rect{fill:#eaf6ea;stroke:#7fbf7f}.g2 rect{fill:#fff3df;stroke:#e0a955}
    .g3 rect{fill:#fbe9e7;stroke:#d9826f}.g4 rect{fill:#efe6fb;stroke:#a282d6}.g5 rect{fill:#e3f6f6;stroke:#5fb3b3}
    .g6 rect{fill:#f5f0e1;stroke:#b3a165}.g7 rect{fill:#eef0f4;stroke:#9aa5b8}
    .legend span{display:inline-flex;align-items:center;gap:4px;margin-right:12px;font-size:12px}
    .legend i{display:inline-block;width:12px;height:12px;border-radius:3px}
    .legend .g0{background:#e6f0ff;border:1px solid #7da2e0}.legend .g1{background:#eaf6ea;border:1px solid #7fbf7f}
    .legend .g2{background:#fff3df;border:1px solid #e0a955}.legend .g3{background:#fbe9e7;border:1px solid #d9826f}
    .legend .g4{background:#efe6fb;border:1px solid #a282d6}.legend .g5{background:#e3f6f6;border:1px solid #5fb3b3}
    .legend .g6{background:#f5f0e1;border:1px solid #b3a165}.legend .g7{background:#eef0f4;border:1px solid #9aa5b8}
    .muted{color:var(--muted)}
    .bar{display:inline-block;width:80px;height:8px;background:#eef0f4;border-radius:4px;vertical-align:middle;overflow:hidden}
    .bar i{display:block;height:100%;background:#4f9a5b}
    """

    /// Hash routing (one page per node, the overview by default), search over names,
    /// descriptions and column names, and graph highlighting. Sets `data-ready` when done so a
    /// headless browser can tell the script ran.
    static let js = """
    (function () {
      var root = document.documentElement;
      root.classList.add('js');
      var pages = Array.prototype.slice.call(document.querySelectorAll('main > section.page'));
      var links = Array.prototype.slice.call(document.querySelectorAll('nav li a'));
      var gnodes = Array.prototype.slice.call(document.querySelectorAll('#lineage-graph .gnode'));
      function show() {
        var id = decodeURIComponent(location.hash.slice(1)) || 'overview';
        var page = document.getElementById(id);
        if (!page || pages.indexOf(page) < 0) { page = document.getElementById('overview'); id = 'overview'; }
        pages.forEach(function (p) { p.classList.toggle('active', p === page); });
        links.forEach(function (a) { a.classList.toggle('current', a.getAttribute('href') === '#' + id); });
        gnodes.forEach(function (g) { g.classList.toggle('selected', g.getAttribute('href') === '#' + id); });
        root.setAttribute('data-page', id);
        document.title = (id === 'overview' ? '' : (page.getAttribute('data-name') || id) + ' · ') + document.body.getAttribute('data-project') + ' docs';
      }
      window.addEventListener('hashchange', function () { show(); window.scrollTo(0, 0); });
      show();
      var search = document.getElementById('search');
      var empty = document.getElementById('no-results');
      function filter() {
        var terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
        var shown = 0;
        Array.prototype.forEach.call(document.querySelectorAll('nav .group'), function (group) {
          var visible = 0;
          Array.prototype.forEach.call(group.querySelectorAll('li'), function (li) {
            var text = li.getAttribute('data-search');
            var match = terms.every(function (t) { return text.indexOf(t) >= 0; });
            li.hidden = !match;
            if (match) { visible += 1; }
          });
          group.hidden = visible === 0;
          shown += visible;
        });
        empty.hidden = shown > 0;
      }
      search.addEventListener('input', filter);
      document.addEventListener('keydown', function (e) {
        if (e.key === '/' && document.activeElement !== search) { e.preventDefault(); search.focus(); }
      });
      filter();
      root.setAttribute('data-ready', String(pages.length));
    })();
    """
}
