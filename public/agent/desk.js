// The agent desk: sign in, see the queue, claim a conversation, chat with the user, hand it back.
// What the user wrote is put on the page as text (textContent); what the bot and agents wrote is
// Markdown, rendered as Web Chat shows it to the user, by the same markdown-it with raw HTML off.
(function () {
  'use strict';

  var markdown = window.markdownit({ html: false, linkify: true, typographer: true, breaks: false });
  // Links open beside the desk, as Web Chat opens them beside the chat.
  var renderLink = markdown.renderer.rules.link_open || function (tokens, idx, options, env, self) { return self.renderToken(tokens, idx, options); };
  markdown.renderer.rules.link_open = function (tokens, idx, options, env, self) {
    tokens[idx].attrSet('target', '_blank');
    tokens[idx].attrSet('rel', 'noopener noreferrer');
    return renderLink(tokens, idx, options, env, self);
  };

  var $ = function (id) { return document.getElementById(id); };
  var state = { me: null, selected: null, cases: [], events: null, refreshTimer: null };
  // The desk's words, from locales/<language>/desk.json (GET /agent/strings.json), in the browser's language.
  var S = {};

  function t(key, params) {
    var value = key.split('.').reduce(function (node, part) { return node && node[part]; }, S);
    if (typeof value !== 'string') return key;
    return value.replace(/\{\{(\w+)\}\}/g, function (_match, name) { return params && params[name] !== undefined ? String(params[name]) : ''; });
  }

  function reasonOf(reason) {
    var text = t('reasons.' + reason);
    return text === 'reasons.' + reason ? reason : text;
  }

  function applyStrings() {
    document.querySelectorAll('[data-i18n]').forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (node) { node.placeholder = t(node.dataset.i18nPlaceholder); });
    document.title = t('title');
  }

  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      if (res.status === 204) return { status: 204, body: null };
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (res.status === 401 && path !== '/agent/api/login') signedOut();
        return { status: res.status, body: json };
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function time(iso) {
    try { return new Date(iso).toLocaleTimeString(); } catch (e) { return ''; }
  }

  function signedOut() {
    state.me = null;
    if (state.events) state.events.close();
    state.events = null;
    clearInterval(state.refreshTimer);
    $('desk').hidden = true;
    $('who').hidden = true;
    $('sign-out').hidden = true;
    $('login').hidden = false;
  }

  function signedIn(name) {
    state.me = name;
    $('login').hidden = true;
    $('desk').hidden = false;
    $('who').hidden = false;
    $('who').textContent = name;
    $('sign-out').hidden = false;
    listen();
    refreshQueue();
    // Changes made on another instance of the bot do not reach this one's event stream: look again now and then.
    state.refreshTimer = setInterval(refreshQueue, 10000);
  }

  function listen() {
    if (state.events) state.events.close();
    var events = new EventSource('/agent/api/events');
    events.addEventListener('open', function () { $('live').textContent = t('liveOn'); });
    events.addEventListener('error', function () { $('live').textContent = t('reconnecting'); });
    events.addEventListener('change', function (event) {
      var change = {};
      try { change = JSON.parse(event.data); } catch (e) { /* a malformed event changes nothing */ }
      refreshQueue();
      if (change.caseId && change.caseId === state.selected) openCase(state.selected);
    });
    state.events = events;
  }

  function refreshQueue() {
    return api('GET', '/agent/api/cases').then(function (res) {
      if (res.status !== 200) return;
      state.cases = res.body.cases || [];
      renderQueue();
    });
  }

  function renderQueue() {
    var list = $('queue');
    list.replaceChildren();
    var waiting = state.cases.filter(function (c) { return c.status === 'waiting'; }).length;
    $('queue-count').textContent = t('waitingCount', { count: waiting });
    $('queue-empty').hidden = state.cases.length > 0;
    state.cases.forEach(function (c) {
      var item = el('li');
      var button = el('button');
      button.type = 'button';
      button.dataset.caseId = c.id;
      if (c.id === state.selected) button.className = 'selected';
      var label = c.status === 'waiting' ? t('placeWaiting', { position: c.position }) : c.mine ? t('withYou') : t('withAgent', { agent: c.agent });
      button.append(
        el('span', 'meta', label + ' · ' + reasonOf(c.reason) + ' · ' + c.language + ' · ' + time(c.createdAt)),
        el('span', 'preview', c.preview || t('noQuestion')),
      );
      button.addEventListener('click', function () { openCase(c.id); });
      item.append(button);
      list.append(item);
    });
  }

  function openCase(id) {
    state.selected = id;
    renderQueue();
    return api('GET', '/agent/api/cases/' + encodeURIComponent(id)).then(function (res) {
      if (res.status !== 200) {
        $('case-error').textContent = (res.body && res.body.error) || t('openFailed');
        return;
      }
      renderCase(res.body.case);
    });
  }

  function fact(list, name, value) {
    if (value === undefined || value === null || value === '') return;
    list.append(el('dt', '', name), el('dd', '', String(value)));
  }

  function renderCase(c) {
    var file = c.caseFile;
    $('case-panel').hidden = false;
    $('case-error').textContent = '';
    $('case-title').textContent = (file.userName || t('user')) + ' · ' + t('statuses.' + c.status) + (c.agent ? ' (' + c.agent + ')' : '');
    var facts = $('case-facts');
    facts.replaceChildren();
    fact(facts, t('reason'), reasonOf(file.reason));
    fact(facts, t('language'), file.language);
    fact(facts, t('channel'), file.channelId);
    fact(facts, t('waitingSince'), new Date(c.createdAt).toLocaleString());

    $('eligibility').hidden = !file.eligibility;
    if (file.eligibility) {
      $('eligibility-answers').textContent = file.eligibility.answers || '';
      $('eligibility-result').textContent = file.eligibility.result || t('checkNotFinished');
    }
    $('unanswered').hidden = !file.lastUnanswered;
    if (file.lastUnanswered) {
      $('unanswered-text').textContent = file.lastUnanswered.text;
      var candidates = $('unanswered-candidates');
      candidates.replaceChildren();
      file.lastUnanswered.candidates.forEach(function (candidate) {
        candidates.append(el('li', '', candidate.question + ' (' + candidate.score + ')'));
      });
    }

    var log = $('log');
    log.replaceChildren();
    file.transcript.forEach(function (line) { log.append(logLine(line)); });
    log.append(el('li', 'divider', t('handedOver')));
    c.messages.forEach(function (line) { log.append(logLine(line)); });
    log.scrollTop = log.scrollHeight;

    var open = c.status === 'waiting' || c.status === 'active';
    $('claim').hidden = c.status !== 'waiting';
    $('end').hidden = !(c.status === 'active' && c.mine);
    $('reply').hidden = !(c.status === 'active' && c.mine);
    if (!open) $('case-error').textContent = c.status === 'left' ? t('userLeft') : t('ended');
  }

  function logLine(line) {
    var item = el('li', line.from);
    var who = line.from === 'agent' ? line.agent || t('speakerAgent') : line.from === 'user' ? t('speakerUser') : t('speakerBot');
    item.append(el('span', 'from', who + ' · ' + time(line.at)));
    if (line.from === 'user') {
      item.append(document.createTextNode(line.text));
    } else {
      var body = el('div', 'markdown');
      body.innerHTML = markdown.render(line.text);
      item.append(body);
    }
    return item;
  }

  function act(path, body) {
    $('case-error').textContent = '';
    return api('POST', path, body).then(function (res) {
      if (res.status >= 400) $('case-error').textContent = (res.body && res.body.error) || t('failed');
      else if (res.body && res.body.delivered === false) $('case-error').textContent = t('undelivered');
      return refreshQueue().then(function () { if (state.selected) return openCase(state.selected); }).then(function () { return res; });
    });
  }

  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    $('login-error').textContent = '';
    api('POST', '/agent/api/login', { name: $('login-name').value, password: $('login-password').value }).then(function (res) {
      if (res.status === 200) signedIn(res.body.name);
      else $('login-error').textContent = (res.body && res.body.error) || t('signInFailed');
    });
  });
  $('sign-out').addEventListener('click', function () { api('POST', '/agent/api/logout').then(signedOut); });
  $('claim').addEventListener('click', function () { act('/agent/api/cases/' + encodeURIComponent(state.selected) + '/claim'); });
  $('end').addEventListener('click', function () { act('/agent/api/cases/' + encodeURIComponent(state.selected) + '/end'); });
  $('reply').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('reply-text').value.trim();
    if (!text) return;
    act('/agent/api/cases/' + encodeURIComponent(state.selected) + '/messages', { text: text }).then(function (res) {
      if (res.status < 400) $('reply-text').value = '';
    });
  });

  var language = (navigator.language || 'en').toLowerCase().indexOf('zh') === 0 ? 'zh-CN' : 'en';
  fetch('/agent/strings.json', { credentials: 'same-origin' })
    .then(function (res) { return res.json(); })
    .then(function (all) { S = all[language] || all.en || {}; })
    // Without its strings the page still works; every label then shows its key.
    .catch(function () { S = {}; })
    .then(function () {
      applyStrings();
      return api('GET', '/agent/api/me');
    })
    .then(function (res) {
      if (res.status === 200) signedIn(res.body.name);
      else signedOut();
    });
})();
