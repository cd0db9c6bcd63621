// Reading values off a chart: a crosshair and a label with the date and every series' value at the
// pointer (mouse or touch), and the same from the keyboard (focus the chart, then the arrow keys;
// Home and End jump to the ends, Escape hides). It reads the values the page already carries (the
// figure's cb-data script) and never fetches. Without scripts the chart and its data table are as
// they were.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  function fmt(v, s, lang) {
    var t = Math.abs(v).toLocaleString(lang, {minimumFractionDigits: s.decimals, maximumFractionDigits: s.decimals});
    return (v < 0 ? '\u2212' : '') + t + s.unit;
  }
  function iso(ordinal) { return new Date(ordinal * 864e5).toISOString().slice(0, 10); }
  function dateText(ordinal, lang) {
    return new Date(ordinal * 864e5).toLocaleDateString(lang, {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'});
  }
  // The index of the observation nearest `day` in a sorted list of day ordinals.
  function nearest(days, day) {
    var lo = 0, hi = days.length - 1;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (days[mid] < day) lo = mid + 1; else hi = mid; }
    return lo > 0 && day - days[lo - 1] < days[lo] - day ? lo - 1 : lo;
  }
  function attach(figure, svg, data) {
    var hit = svg.querySelector('rect.cb-hit');
    if (!hit || !data.series.length) return;
    var x0 = +hit.getAttribute('x'), w = +hit.getAttribute('width'), y0 = +hit.getAttribute('y'), h = +hit.getAttribute('height');
    var d = hit.getAttribute('data-days').split(' ').map(Number), v = hit.getAttribute('data-values').split(' ').map(Number);
    var first = data.series[0];
    var line = document.createElementNS(NS, 'line');
    line.setAttribute('class', 'cb-base cb-cross');
    line.setAttribute('y1', y0); line.setAttribute('y2', y0 + h);
    line.setAttribute('stroke', '#333333'); line.setAttribute('stroke-width', '1');
    line.style.display = 'none';
    svg.appendChild(line);
    var dots = data.series.map(function () {
      var c = document.createElementNS(NS, 'circle');
      c.setAttribute('r', '3.5'); c.setAttribute('class', 'cb-cross'); c.setAttribute('fill', 'none');
      c.setAttribute('stroke', '#333333'); c.setAttribute('stroke-width', '1.5'); c.style.display = 'none';
      svg.appendChild(c); return c;
    });
    var tip = document.createElement('div');
    tip.className = 'cb-tip'; tip.setAttribute('role', 'status'); tip.setAttribute('aria-live', 'polite'); tip.hidden = true;
    tip.style.cssText = 'position:absolute;pointer-events:none;background:rgba(255,255,255,.95);color:#1a1a1a;border:1px solid #999;' +
      'padding:4px 6px;font:13px/1.35 "Helvetica Neue",Arial,sans-serif;white-space:nowrap;z-index:2;';
    figure.style.position = 'relative';
    figure.appendChild(tip);
    var index = first.days.length - 1;
    function show(i) {
      index = Math.max(0, Math.min(first.days.length - 1, i));
      var day = first.days[index];
      var x = x0 + (day - d[0]) / (d[1] - d[0]) * w;
      line.setAttribute('x1', x); line.setAttribute('x2', x); line.style.display = '';
      var rows = ['<b>' + dateText(day, data.lang) + '</b>'];
      data.series.forEach(function (s, k) {
        var j = nearest(s.days, day), value = s.values[j];
        var y = y0 + h - (value - v[0]) / (v[1] - v[0]) * h;
        dots[k].setAttribute('cx', x0 + (s.days[j] - d[0]) / (d[1] - d[0]) * w); dots[k].setAttribute('cy', y); dots[k].style.display = '';
        var esc = document.createElement('span'); esc.textContent = s.label + ': ' + fmt(value, s, data.lang) +
          (s.days[j] !== day ? ' (' + dateText(s.days[j], data.lang) + ')' : '');
        rows.push(esc.innerHTML);
      });
      tip.innerHTML = rows.join('<br>');
      tip.hidden = false;
      tip.setAttribute('data-day', iso(day));
      var box = svg.getBoundingClientRect(), fbox = figure.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
      var left = box.left - fbox.left + x * scale + 10;
      if (left + tip.offsetWidth > fbox.width) left = box.left - fbox.left + x * scale - tip.offsetWidth - 10;
      tip.style.left = Math.max(0, left) + 'px';
      tip.style.top = (box.top - fbox.top + y0 * scale) + 'px';
    }
    function hide() { line.style.display = 'none'; dots.forEach(function (c) { c.style.display = 'none'; }); tip.hidden = true; }
    function fromPointer(e) {
      var box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
      var x = (e.clientX - box.left) / scale;
      if (x < x0 - 8 || x > x0 + w + 8) { hide(); return; }
      show(nearest(first.days, d[0] + (x - x0) / w * (d[1] - d[0])));
    }
    svg.addEventListener('pointermove', fromPointer);
    svg.addEventListener('pointerdown', fromPointer);
    svg.addEventListener('pointerleave', function (e) { if (e.pointerType === 'mouse') hide(); });
    svg.setAttribute('tabindex', '0');
    svg.style.touchAction = 'pan-y';
    svg.addEventListener('focus', function () { show(index); });
    svg.addEventListener('blur', hide);
    svg.addEventListener('keydown', function (e) {
      var step = e.shiftKey ? 10 : 1, k = e.key;
      if (k === 'ArrowLeft') show(index - step);
      else if (k === 'ArrowRight') show(index + step);
      else if (k === 'Home') show(0);
      else if (k === 'End') show(first.days.length - 1);
      else if (k === 'Escape') hide();
      else return;
      e.preventDefault();
    });
  }
  document.querySelectorAll('figure.chart').forEach(function (figure) {
    var script = figure.querySelector('script.cb-data');
    if (!script) return;
    var data;
    try { data = JSON.parse(script.textContent); } catch (e) { return; }
    figure.querySelectorAll('svg.cb-chart').forEach(function (svg) { attach(figure, svg, data); });
  });
})();
