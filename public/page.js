// Starts Bot Framework Web Chat against this server's Direct Line endpoint, with a language switch.
(function () {
  'use strict';
  // The page's own words come from the bot's locales/ (GET /webchat/strings.json), keyed by language.
  var STRINGS = { en: {}, 'zh-CN': {} };
  var locale = initialLocale();
  var directLine;
  // Web Chat's words (input placeholder, timestamps) follow the bot when the user switches language
  // by writing to it ("中文"): the bot marks that reply with the language chosen.
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          var activity = action.payload.activity;
          var chosen = activity.from && activity.from.role === 'bot' && activity.channelData && supported(activity.channelData.chosenLocale);
          if (chosen && chosen !== locale) {
            setTimeout(function () {
              show(chosen);
            }, 0);
          }
        }
        return next(action);
      };
    };
  });

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

  /** The page's language for a BCP 47 tag ("zh-Hans-CN", "en-GB"), or undefined for one it does not speak. */
  function supported(tag) {
    if (typeof tag !== 'string') return undefined;
    var lower = tag.trim().toLowerCase();
    if (lower === 'en' || lower.indexOf('en-') === 0) return 'en';
    if (lower === 'zh' || lower.indexOf('zh-') === 0) return 'zh-CN';
    return undefined;
  }

  /** `?locale=`, else the first of the browser's languages the page speaks, else English. */
  function initialLocale() {
    var asked = supported(new URLSearchParams(window.location.search).get('locale'));
    if (asked) return asked;
    var preferred = navigator.languages && navigator.languages.length > 0 ? navigator.languages : [navigator.language];
    for (var i = 0; i < preferred.length; i += 1) {
      var language = supported(preferred[i]);
      if (language) return language;
    }
    return 'en';
  }

  function show(next) {
    locale = next;
    document.documentElement.lang = locale;
    document.getElementById('title').textContent = STRINGS[locale].title;
    document.title = STRINGS[locale].title;
    document.querySelectorAll('nav button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
    if (directLine) {
      window.WebChat.renderWebChat(
        { directLine: directLine, store: store, locale: locale, styleOptions: styleOptions },
        document.getElementById('webchat'),
      );
    }
  }

  function switchTo(next) {
    if (next === locale) return;
    show(next);
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
      // The token names the user (Web Chat reads it from there); the conversation starts in the
      // page's language, so the welcome is in it too.
      directLine = window.WebChat.createDirectLine({
        token: session.token,
        domain: session.domain,
        webSocket: true,
        conversationStartProperties: { locale: locale },
      });
      show(locale);
    })
    .catch(function (error) {
      document.getElementById('status').textContent = STRINGS[locale].connectFailed || 'Could not connect.';
      console.error(error);
    });
})();
