// Site search without a server: loads the build's search.json (titles, summaries, tags and dates of
// the published issues) and lists the issues whose words contain every word typed.
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
  fetch(form.dataset.root + 'search.json').then(function (r) { return r.json(); }).then(function (data) {
    entries = data; show();
  });
  input.addEventListener('input', show);
  form.addEventListener('submit', function (event) { event.preventDefault(); show(); });
  var q = new URLSearchParams(location.search).get('q');
  if (q) { input.value = q; }
})();
