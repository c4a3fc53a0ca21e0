/*
 * Kargo Takip's service worker: shows the shipment notifications Kargo Takip pushes and opens the tracking page on a
 * click. Serve it from the root of the merchant's site as /kargo-sw.js (a service worker must be same-origin with
 * the page that registers it). The payload is {"title","body","kind","url"}.
 */
'use strict';

self.addEventListener('push', function (event) {
  var data = {};
  if (event.data) {
    try {
      data = event.data.json();
    } catch (notJson) {
      data = { body: event.data.text() };
    }
  }
  event.waitUntil(self.registration.showNotification(data.title || 'Kargo', {
    body: data.body || '',
    data: { url: data.url || null }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  if (url) {
    event.waitUntil(self.clients.openWindow(url));
  }
});
