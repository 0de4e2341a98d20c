/* Parcours CPTS — lettre d'intention: commune autocompletion and live territory summary.
   A progressive enhancement: without it, the textarea of INSEE codes and the summary
   computed by the server do the same job. Texts come from data-* attributes (French). */
(function () {
  'use strict';
  var form = document.getElementById('form-lettre');
  if (!form || !window.fetch) { return; }
  var textarea = document.getElementById('champ-communes');
  var box = form.querySelector('[data-autocomplete]');
  var input = document.getElementById('recherche-commune');
  var list = document.getElementById('resultats-communes');
  var resume = document.getElementById('resume-territoire');
  var base = form.getAttribute('action').replace(/\/dossiers\/.*$/, '');
  var nf = new Intl.NumberFormat('fr-FR');

  function debounce(fn, ms) {
    var t;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  function codes() {
    return textarea.value.split(/[\s,;]+/).map(function (c) { return c.trim().toUpperCase(); })
      .filter(function (c) { return c.length > 0; });
  }

  function setText(selector, text) {
    var el = resume.querySelector(selector);
    if (el) { el.textContent = text; }
  }

  function message(text) {
    var el = resume.querySelector('[data-message]');
    el.textContent = text || '';
    el.hidden = !text;
  }

  var refresh = debounce(function () {
    var list = codes();
    if (list.length === 0) {
      setText('[data-population]', form.dataset.habitants.replace('{n}', '0'));
      setText('[data-taille]', '—'); setText('[data-region]', '—');
      setText('[data-communes]', form.dataset.aucune); message('');
      return;
    }
    fetch(base + '/api/territoire?communes=' + encodeURIComponent(list.join(',')),
      { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (t) {
        if (!t) { return; }
        setText('[data-population]', form.dataset.habitants.replace('{n}', nf.format(t.population)));
        setText('[data-taille]', t.eligible ? form.dataset.tailleN.replace('{n}', t.taille) : '—');
        setText('[data-region]', t.region ? t.region.nom : (t.regions.length > 1 ? form.dataset.plusieursRegions : '—'));
        setText('[data-communes]', t.communes.length ? t.communes.map(function (c) { return c.nom + ' (' + c.code + ')'; }).join(', ') : form.dataset.aucune);
        var text = t.message || '';
        if (t.regions.length > 1) { text = form.dataset.plusieursRegions; }
        if (t.unknownCodes.length) { text = (text ? text + ' ' : '') + t.unknownCodes.join(', ') + ' ?'; }
        message(text);
      })
      .catch(function () { /* the server-side summary stays */ });
  }, 300);

  function close() {
    list.innerHTML = '';
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function add(code) {
    if (codes().indexOf(code) < 0) {
      textarea.value = codes().concat([code]).join(', ');
    }
    input.value = '';
    close();
    refresh();
    input.focus();
  }

  var search = debounce(function () {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    fetch(base + '/api/territoire/communes?limit=8&q=' + encodeURIComponent(q),
      { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (communes) {
        close();
        communes.forEach(function (c, i) {
          var li = document.createElement('li');
          li.id = 'commune-option-' + i;
          li.setAttribute('role', 'option');
          li.dataset.code = c.code;
          li.textContent = c.nom + ' (' + c.code + ') — ' + nf.format(c.population);
          li.addEventListener('mousedown', function (e) { e.preventDefault(); add(c.code); });
          list.appendChild(li);
        });
        input.setAttribute('aria-expanded', communes.length ? 'true' : 'false');
      })
      .catch(close);
  }, 250);

  if (box && input) {
    box.hidden = false;
    input.addEventListener('input', search);
    input.addEventListener('keydown', function (e) {
      var options = list.querySelectorAll('[role=option]');
      if (!options.length) { if (e.key === 'Enter') { e.preventDefault(); } return; }
      var current = list.querySelector('[aria-selected=true]');
      var index = Array.prototype.indexOf.call(options, current);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        index = e.key === 'ArrowDown' ? Math.min(index + 1, options.length - 1) : Math.max(index - 1, 0);
        options.forEach(function (o) { o.setAttribute('aria-selected', 'false'); });
        options[index].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[index].id);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        add((current || options[0]).dataset.code);
      } else if (e.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }
  textarea.addEventListener('input', refresh);

  form.addEventListener('submit', function (e) {
    var max = parseInt(form.dataset.tailleMax, 10);
    var files = document.getElementById('champ-fichiers');
    if (!files || !files.files) { return; }
    for (var i = 0; i < files.files.length; i++) {
      if (files.files[i].size > max) {
        e.preventDefault();
        alert(form.dataset.messageTaille);
        files.focus();
        return;
      }
    }
  });

  var summary = document.getElementById('resume-erreurs');
  if (summary) { summary.focus(); }
})();
