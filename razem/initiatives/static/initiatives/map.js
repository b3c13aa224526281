/*
 * The map of organisations and initiatives (Leaflet + Leaflet.markercluster, vendored).
 *
 * Progressive enhancement: without JavaScript the page's filters and list hold every
 * result. This script draws the same filtered results from the GeoJSON API whose
 * address (with the filters) is in the map element's data-geojson-url. Every text
 * comes from data-label-* attributes (translated by the server) and reaches the page
 * through textContent, never as HTML.
 */
(function () {
  "use strict";

  var element = document.getElementById("map");
  if (!element || !window.L || !window.fetch) {
    return;
  }
  var data = element.dataset;
  var status = document.getElementById("map-status");
  var POLAND = [52.1, 19.4];
  var POWIAT_ZOOM = 8;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      });
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) {
      p.className = className;
    }
    return p;
  }

  function kindLabel(kind) {
    return kind === "organisation" ? data.labelOrganisation : data.labelInitiative;
  }

  function popupContent(properties) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.appendChild(paragraph(kindLabel(properties.kind), "map-popup-kind"));
    var title = document.createElement("p");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    title.appendChild(link);
    box.appendChild(title);
    if (properties.territory) {
      box.appendChild(paragraph(properties.territory));
    }
    if (properties.approximate) {
      box.appendChild(paragraph(data.labelApproximate, "map-popup-approximate"));
    }
    return box;
  }

  function markerIcon(properties) {
    var classes = "map-marker map-marker-" + properties.kind;
    if (properties.approximate) {
      classes += " map-marker-approximate";
    }
    return L.divIcon({ className: classes, iconSize: [18, 18], html: "" });
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var inner = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(count);
    inner.appendChild(number);
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({
      html: inner,
      className: "marker-cluster map-cluster map-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  }

  // Markers get role="button" from Leaflet; give each its accessible name.
  function nameOnAdd(layer, label) {
    layer.on("add", function () {
      var icon = layer.getElement();
      if (icon) {
        icon.setAttribute("aria-label", label);
      }
    });
  }

  element.textContent = "";
  var map = L.map(element, {
    center: POLAND,
    zoom: 6,
    minZoom: 5,
    maxZoom: 18,
    zoomControl: false,
  });
  L.control
    .zoom({ zoomInTitle: data.labelZoomIn, zoomOutTitle: data.labelZoomOut })
    .addTo(map);
  if (data.tilesUrl) {
    L.tileLayer(data.tilesUrl, {
      attribution: data.tilesAttribution,
      maxZoom: 19,
    }).addTo(map);
  }

  getJSON(data.voivodeshipsUrl)
    .then(function (geojson) {
      L.geoJSON(geojson, {
        interactive: false,
        style: { color: "#083a66", weight: 2, fill: false },
      }).addTo(map);
    })
    .catch(function () {});

  // Powiat boundaries are larger: fetched once, and drawn only when zoomed in.
  var powiats = null;
  var powiatsRequested = false;
  function syncPowiats() {
    var wanted = map.getZoom() >= POWIAT_ZOOM;
    if (wanted && !powiatsRequested) {
      powiatsRequested = true;
      getJSON(data.powiatsUrl)
        .then(function (geojson) {
          powiats = L.geoJSON(geojson, {
            interactive: false,
            style: { color: "#4a5360", weight: 1, dashArray: "4 3", fill: false },
          });
          syncPowiats();
        })
        .catch(function () {});
    }
    if (powiats) {
      if (wanted && !map.hasLayer(powiats)) {
        powiats.addTo(map);
      } else if (!wanted && map.hasLayer(powiats)) {
        map.removeLayer(powiats);
      }
    }
  }
  map.on("zoomend", syncPowiats);

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    chunkedLoading: true,
    iconCreateFunction: clusterIcon,
  });

  getJSON(data.geojsonUrl)
    .then(function (collection) {
      collection.features.forEach(function (feature) {
        var properties = feature.properties;
        var coordinates = feature.geometry.coordinates; // [lon, lat] (RFC 7946)
        var label = kindLabel(properties.kind) + ": " + properties.name;
        if (properties.approximate) {
          label += " (" + data.labelApproximate + ")";
        }
        var marker = L.marker([coordinates[1], coordinates[0]], {
          icon: markerIcon(properties),
          title: properties.name,
          keyboard: true,
        });
        nameOnAdd(marker, label);
        marker.bindPopup(popupContent(properties));
        clusters.addLayer(marker);
      });
      map.addLayer(clusters);
      if (collection.features.length) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 12, padding: [24, 24] });
      } else {
        say(data.labelEmpty);
      }
      if (collection.truncated) {
        say(data.labelTruncated);
      }
      element.setAttribute("data-loaded", String(collection.features.length));
    })
    .catch(function () {
      say(data.labelError);
    });
})();
