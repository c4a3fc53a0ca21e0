/*
 * Kargo Takip web push, for the merchant's order page. Include it with the order's token and the text the page shows:
 *   <script src="https://ORDERS-API/webpush.js" data-api="https://ORDERS-API" data-order-token="TOKEN"
 *           data-consent-text="Kargo durumunu bu tarayıcıya bildirim olarak gönder"></script>
 * copy kargo-sw.js (GET https://ORDERS-API/kargo-sw.js) to the root of the site (a service worker must come from the
 * page's own origin), and call KargoWebPush.subscribe() from a click: browsers ask for permission only on a user gesture.
 * Optional: data-service-worker (default /kargo-sw.js), data-unsubscribe-text.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var api = (script.getAttribute('data-api') || new URL(script.src).origin).replace(/\/+$/, '');
  var token = script.getAttribute('data-order-token');
  var consentText = script.getAttribute('data-consent-text');
  var unsubscribeText = script.getAttribute('data-unsubscribe-text');
  var workerPath = script.getAttribute('data-service-worker') || '/kargo-sw.js';

  function supported() {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  /* the VAPID key arrives as base64url; PushManager wants its bytes */
  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    base64 += '===='.slice(0, (4 - base64.length % 4) % 4);
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function checked(response) {
    if (!response.ok) {
      throw new Error('Kargo Takip answered HTTP ' + response.status);
    }
    return response;
  }

  function send(method, body) {
    return fetch(api + '/webpush/subscriptions/' + encodeURIComponent(token), {
      method: method,
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(checked);
  }

  function publicKey() {
    return fetch(api + '/webpush/key', { mode: 'cors', credentials: 'omit' }).then(checked)
      .then(function (response) { return response.json(); })
      .then(function (json) { return keyBytes(json.publicKey); });
  }

  function registration() {
    return navigator.serviceWorker.register(workerPath).then(function () { return navigator.serviceWorker.ready; });
  }

  /* Call from a click. Resolves with the PushSubscription once Kargo Takip stored it. */
  function subscribe() {
    if (!supported()) {
      return Promise.reject(new Error('this browser has no web push'));
    }
    if (!token || !consentText) {
      return Promise.reject(new Error('data-order-token and data-consent-text are required'));
    }
    // the permission prompt comes first, while the click still counts as the user's gesture
    return Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        throw new Error('notifications are not allowed (' + permission + ')');
      }
      return Promise.all([registration(), publicKey()]);
    }).then(function (both) {
      var pushManager = both[0].pushManager;
      return pushManager.getSubscription().then(function (existing) {
        return existing || pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: both[1] });
      });
    }).then(function (subscription) {
      var body = subscription.toJSON();
      body.consentText = consentText;
      return send('POST', body).then(function () { return subscription; });
    });
  }

  /* Ends the browser's subscription and tells Kargo Takip (which records the opt-out). */
  function unsubscribe() {
    if (!supported()) {
      return Promise.resolve(false);
    }
    return navigator.serviceWorker.getRegistration(workerPath).then(function (found) {
      return found ? found.pushManager.getSubscription() : null;
    }).then(function (subscription) {
      return subscription ? subscription.unsubscribe() : false;
    }).then(function () {
      return send('DELETE', unsubscribeText ? { consentText: unsubscribeText } : {});
    }).then(function () { return true; });
  }

  window.KargoWebPush = {
    supported: supported,
    permission: function () { return supported() ? Notification.permission : 'unsupported'; },
    subscribe: subscribe,
    unsubscribe: unsubscribe
  };
})();
