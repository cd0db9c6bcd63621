// Site search without a server: the build's index (titles, summaries, tags and dates of the published
// issues) and the issues whose text contains every word typed. Matching is by substring, so Chinese,
// which has no spaces between words, is found by any run of characters ("国债").
(function () {
  var form = document.querySelector('form[role=search]');
  if (!form) { return; }
  var input = form.querySelector('input'), list = document.getElementById('search-results');
  var entries = null;
  function words(text) { return text.toLowerCase().normalize('NFKC').split(/\s+/).filter(Boolean); }
  function show() {
    var query = words(input.value);
    list.textContent = '';
    if (!entries || query.length === 0) { return; }
    entries.filter(function (e) {
      var text = (e.title + ' ' + e.summary + ' ' + e.tags.join(' ')).toLowerCase().normalize('NFKC');
      return query.every(function (w) { return text.indexOf(w) >= 0; });
    }).slice(0, 50).forEach(function (e) {
      var li = document.createElement('li'), a = document.createElement('a'), p = document.createElement('p');
      a.href = form.dataset.root + e.url; a.textContent = e.title; a.lang = e.lang;
      p.textContent = e.date + ' · ' + e.summary;
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
  }
  // search-index.js sets the index (works from file:// too); search.json is the same for other tools.
  entries = window.CHARTBOOK_SEARCH || null;
  if (!entries) {
    fetch(form.dataset.root + 'search.json').then(function (r) { return r.json(); }).then(function (data) { entries = data; show(); });
  }
  input.addEventListener('input', show);
  form.addEventListener('submit', function (event) { event.preventDefault(); show(); });
  var q = new URLSearchParams(location.search).get('q');
  if (q) { input.value = q; }
  show();
})();
