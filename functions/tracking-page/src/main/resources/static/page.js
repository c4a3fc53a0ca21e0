// The tracking page's one script: the address form's pick-lists (province → district → neighbourhood, the postal code)
// and, when the merchant configured a tile server, the Leaflet map. The page works without it.
(function () {
  'use strict';
  var form = document.getElementById('adres-form');
  if (form) {
    var lists = form.getAttribute('data-lists');
    var province = form.querySelector('[name=province]');
    var district = form.querySelector('[name=district]');
    var neighbourhood = form.querySelector('[name=neighbourhood]');
    var postal = form.querySelector('[name=postalCode]');
    // one province's lists, fetched when it is chosen: only the province goes into a URL
    var byDistrict = {};
    var fill = function (id, names) {
      var list = document.getElementById(id);
      while (list.firstChild) { list.removeChild(list.firstChild); }
      names.forEach(function (n) { var o = document.createElement('option'); o.value = n; list.appendChild(o); });
    };
    var showNeighbourhoods = function () {
      fill('neighbourhoods', (byDistrict[district.value] || []).map(function (n) { return n.name; }));
    };
    var load = function () {
      fetch(lists + '?il=' + encodeURIComponent(province.value), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) { if (j) { byDistrict = j.neighbourhoods || {}; fill('districts', j.districts || []); showNeighbourhoods(); } })
        .catch(function () {});
    };
    province.addEventListener('change', load);
    district.addEventListener('change', showNeighbourhoods);
    neighbourhood.addEventListener('change', function () {
      (byDistrict[district.value] || []).forEach(function (n) { if (n.name === neighbourhood.value && !postal.value) { postal.value = n.postalCode; } });
    });
    Array.prototype.forEach.call(form.querySelectorAll('button[data-field]'), function (b) {
      b.addEventListener('click', function (e) {
        e.preventDefault();
        form.querySelector('[name=' + b.getAttribute('data-field') + ']').value = b.getAttribute('data-value');
      });
    });
  }
  var map = document.getElementById('map');
  if (map && window.L) {
    var points = JSON.parse(map.getAttribute('data-points'));
    var m = window.L.map(map, { scrollWheelZoom: false });
    window.L.tileLayer(map.getAttribute('data-tiles'), { attribution: map.getAttribute('data-attribution'), maxZoom: 12 }).addTo(m);
    var bounds = [];
    // circles, not Leaflet's image markers: nothing more to fetch, and the places are listed in words below the map
    var colour = getComputedStyle(document.documentElement).getPropertyValue('--primary').trim() || '#1d1d1b';
    points.forEach(function (p, i) {
      window.L.circleMarker([p.lat, p.lon], { radius: i === 0 ? 8 : 10, color: colour, weight: 3, fillOpacity: i === 0 ? 0.9 : 0 })
        .addTo(m).bindTooltip(p.label);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) { m.setView(bounds[0], 8); } else { m.fitBounds(bounds, { padding: [30, 30] }); }
    var sketch = document.getElementById('sketch');
    if (sketch) { sketch.setAttribute('display', 'none'); }
  }
})();
