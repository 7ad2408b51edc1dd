// app.js — the search page without reloads. The server renders every state (the page works without
// this file); here a search, a facet, a chip or a page link fetches the server's page for the new URL
// and swaps in its results, and the history keeps each state, so links can be shared and Back works.
(function () {
  'use strict';
  var form = document.getElementById('recherche');
  var input = document.getElementById('q');
  var sort = document.getElementById('tri');
  if (!form || !input || !window.fetch || !window.DOMParser || !window.history.pushState) return;

  var pending = null;   // the AbortController of the fetch under way
  var typing = false;   // the current history entry was made by typing: further keystrokes replace it
  var timer = 0;

  // The URL of the form's state; empty fields and the default order are left out of shared links.
  function formUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value === '' || (key === 'sort' && value === 'relevance')) return;
      params.append(key, value);
    });
    var query = params.toString();
    return '/' + (query ? '?' + query : '');
  }

  function replaceById(doc, id) {
    var fresh = doc.getElementById(id);
    var old = document.getElementById(id);
    if (fresh && old) old.replaceWith(document.importNode(fresh, true));
  }

  // how: 'push' a new history entry, 'replace' the current one, or 'none' (Back / Forward).
  function load(url, how, syncForm) {
    if (pending) pending.abort();
    var controller = new AbortController();
    pending = controller;
    document.body.setAttribute('aria-busy', 'true');
    return fetch(url, { signal: controller.signal, headers: { Accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (pending !== controller) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        if (!doc.getElementById('app')) { window.location.assign(url); return; }
        replaceById(doc, 'app');
        replaceById(doc, 'filtres-caches');
        document.title = doc.title;
        if (syncForm) {
          input.value = doc.getElementById('q').value;
          sort.value = doc.getElementById('tri').value;
        }
        if (how === 'push') window.history.pushState(null, '', url);
        else if (how === 'replace') window.history.replaceState(null, '', url);
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') window.location.assign(url);  // let the browser show it
      })
      .finally(function () {
        if (pending === controller) {
          pending = null;
          document.body.removeAttribute('aria-busy');
        }
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    load(formUrl(), typing ? 'replace' : 'push', false);
    typing = false;
  });

  // Results follow the typing, one history entry per burst of keystrokes.
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      load(formUrl(), typing ? 'replace' : 'push', false);
      typing = true;
    }, 300);
  });

  sort.addEventListener('change', function () {
    typing = false;
    load(formUrl(), 'push', false);
  });

  // Facets, chips, pages and the suggestion: links marked data-nav, handled here when clicked plainly.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-nav]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    typing = false;
    var href = link.getAttribute('href');
    load(href, 'push', true).then(function () {
      // Focus goes to the results' status line, which screen readers then read out.
      var total = document.getElementById('resultats');
      if (total) total.focus({ preventScroll: true });
    });
  });

  window.addEventListener('popstate', function () {
    typing = false;
    load(window.location.pathname + window.location.search, 'none', true);
  });
})();
