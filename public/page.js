// Starts Bot Framework Web Chat against this server's Direct Line endpoint, with a language switch.
(function () {
  'use strict';
  var TITLES = { en: 'ICP Filing Assistant', 'zh-CN': 'ICP 备案助手' };
  var STATUS = { en: { failed: 'Could not connect to the assistant. Reload the page to try again.' }, 'zh-CN': { failed: '无法连接助手，请刷新页面重试。' } };
  var SWITCH_MESSAGE = { en: 'English', 'zh-CN': '中文' };
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
    document.getElementById('title').textContent = TITLES[locale];
    document.title = TITLES[locale];
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
    store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: SWITCH_MESSAGE[locale] } });
  }

  document.querySelectorAll('nav button').forEach(function (button) {
    button.addEventListener('click', function () {
      switchTo(button.getAttribute('data-locale'));
    });
  });

  fetch('/api/directline/token', { method: 'POST' })
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
      document.getElementById('status').textContent = STATUS[locale].failed;
      console.error(error);
    });
})();
