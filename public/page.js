// Starts Bot Framework Web Chat against this server's Direct Line endpoint, with a language switch.
(function () {
  'use strict';
  // The page's own words come from the bot's locales/ (GET /webchat/strings.json), keyed by language.
  var STRINGS = { en: {}, 'zh-CN': {} };
  var params = new URLSearchParams(window.location.search);
  var locale = params.get('locale') === 'zh-CN' || /^zh/i.test(navigator.language || '') ? 'zh-CN' : 'en';
  var store = window.WebChat.createStore();
  var directLine;
  var userID;

  var styleOptions = {
    accent: '#c8102e',
    bubbleBackground: '#f1f1ef',
    bubbleBorderRadius: 12,
    bubbleFromUserBackground: '#c8102e',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 12,
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 999,
    hideUploadButton: true,
    botAvatarInitials: 'ICP',
    userAvatarInitials: '',
    rootHeight: '100%',
  };

  function render() {
    document.documentElement.lang = locale;
    document.getElementById('title').textContent = STRINGS[locale].title;
    document.title = STRINGS[locale].title;
    document.querySelectorAll('nav button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
    window.WebChat.renderWebChat(
      { directLine: directLine, store: store, userID: userID, locale: locale, styleOptions: styleOptions },
      document.getElementById('webchat'),
    );
  }

  function switchTo(next) {
    if (next === locale) return;
    locale = next;
    render();
    // Tell the bot too, so its replies follow the page's language.
    store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: STRINGS[locale].switchMessage } });
  }

  document.querySelectorAll('nav button').forEach(function (button) {
    button.addEventListener('click', function () {
      switchTo(button.getAttribute('data-locale'));
    });
  });

  fetch('/webchat/strings.json')
    .then(function (res) {
      if (!res.ok) throw new Error('strings request failed: ' + res.status);
      return res.json();
    })
    .then(function (strings) {
      STRINGS = strings;
      return fetch('/api/directline/token', { method: 'POST' });
    })
    .then(function (res) {
      if (!res.ok) throw new Error('token request failed: ' + res.status);
      return res.json();
    })
    .then(function (session) {
      userID = session.userId;
      directLine = window.WebChat.createDirectLine({ token: session.token, domain: session.domain, webSocket: true });
      render();
    })
    .catch(function (error) {
      document.getElementById('status').textContent = STRINGS[locale].connectFailed || 'Could not connect.';
      console.error(error);
    });
})();
