(function () {
  var form = document.getElementById('wizard');
  if (!form || !window.fetch) { return; }
  var started = Date.now();
  form.noValidate = true;
  var steps = [].slice.call(form.querySelectorAll('.step'));
  var bar = form.querySelector('.progress');
  var status = document.getElementById('step-status');
  var back = form.querySelector('[data-back]');
  var next = form.querySelector('[data-next]');
  var current = 0;
  if (steps.length > 1) { bar.hidden = false; status.hidden = false; }

  function show(n) {
    current = n;
    steps.forEach(function (s, k) { s.hidden = k !== n; });
    [].forEach.call(bar.children, function (li, k) { li.className = k <= n ? 'done' : ''; });
    status.textContent = 'Schritt ' + (n + 1) + ' von ' + steps.length;
    back.hidden = n === 0;
    next.textContent = n === steps.length - 1 ? 'Anfrage senden' : 'Weiter';
  }

  function problem(el) {
    var value = el.value.trim();
    if (el.required && !value) { return el.getAttribute('data-required') || 'Bitte ausfüllen.'; }
    if (!value) { return ''; }
    if (el.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(value)) { return 'Bitte geben Sie eine gültige E-Mail-Adresse an.'; }
    if (el.type === 'tel' && !/^[+0-9 ()./-]{9,}$/.test(value)) { return 'Bitte geben Sie eine gültige Telefonnummer an, z. B. 079 123 45 67.'; }
    return '';
  }

  function mark(el, text) {
    var error = document.getElementById('e-' + el.name);
    if (!error) { return; }
    error.textContent = text;
    error.hidden = !text;
    if (text) { el.setAttribute('aria-invalid', 'true'); } else { el.removeAttribute('aria-invalid'); }
  }

  function valid(step) {
    var first = null;
    [].forEach.call(step.querySelectorAll('input[id^="f-"],select,textarea'), function (el) {
      if (el.name === 'website') { return; }
      var text = problem(el);
      mark(el, text);
      if (text && !first) { first = el; }
    });
    if (first) { first.focus(); }
    return !first;
  }

  // a corrected answer loses its message at once, not only on the next "Weiter"
  form.addEventListener('input', function (event) {
    var el = event.target;
    if (el.getAttribute('aria-invalid') === 'true' && !problem(el)) { mark(el, ''); }
  });

  back.addEventListener('click', function () { show(current - 1); steps[current].querySelector('input,select,textarea').focus(); });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!valid(steps[current])) { return; }
    if (current < steps.length - 1) {
      show(current + 1);
      steps[current].querySelector('input,select,textarea').focus();
      return;
    }
    var data = { slug: form.getAttribute('data-slug'), elapsedMs: Date.now() - started };
    [].forEach.call(form.elements, function (el) {
      if (el.name && el.name !== 'elapsedMs' && el.value !== '') { data[el.name] = el.value; }
    });
    next.disabled = true;
    status.textContent = 'Ihre Anfrage wird gesendet …';
    fetch(form.getAttribute('data-api'), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data)
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (r) {
      var thanks = form.getAttribute('data-thanks');
      if (r.status === 200 || r.status === 201) { location.href = thanks + '?ref=' + encodeURIComponent(r.body.reference); return; }
      if (r.status === 202) { location.href = thanks; return; }
      next.disabled = false;
      if (r.body.errors) {
        var firstStep = -1;
        Object.keys(r.body.errors).forEach(function (name) {
          var el = form.elements[name];
          if (el && el.id) {
            mark(el, r.body.errors[name]);
            var s = steps.indexOf(el.closest('.step'));
            if (firstStep < 0 || s < firstStep) { firstStep = s; }
          }
        });
        if (firstStep >= 0) { show(firstStep); status.textContent = 'Bitte prüfen Sie Ihre Angaben.'; return; }
      }
      status.textContent = r.body.message || 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.';
    }).catch(function () {
      next.disabled = false;
      status.textContent = 'Keine Verbindung. Bitte versuchen Sie es erneut oder rufen Sie uns an.';
    });
  });

  show(0);
}());
