// needleguard dashboard: reads the gateway's JSON API (src/docs/dashboard.md), draws it, and fetches it
// again when the gateway says something changed (server-sent events on /api/events). Read-only but for
// choosing a pen's area and logging a session by hand. No inline script or style (the
// Content-Security-Policy forbids them), nothing fetched from anywhere but this gateway. Times are shown
// in each person's own time zone, always written the same way: "Wed 4 Feb 2026, 19:30".
'use strict';

(function () {
  const VIEWS = ['today', 'calendar', 'depth', 'spacing', 'pens', 'findings', 'log', 'setup'];
  const VIEW_NAMES = { today: 'Today', calendar: 'Calendar', depth: 'Depth over time', spacing: 'Spacing', pens: 'Pens', findings: 'Findings', log: 'Log a session', setup: 'Set up' };
  const PER_PERSON = new Set(['today', 'calendar', 'depth', 'spacing', 'findings', 'log', 'setup']);
  /** The kinds of change (the live event's "kinds") that change what each view shows. */
  const SHOWS = {
    today: ['history', 'status'],
    calendar: ['history'],
    depth: ['history'],
    spacing: ['history'],
    findings: ['history', 'status'],
    pens: ['pens', 'history'],
    log: [],
    setup: ['pens', 'history', 'status'],
  };
  /** How far back the calendar, depth and spacing views look. */
  const WEEKS = 26;
  const SEVERITY_RANK = { info: 1, warning: 2, critical: 3 };
  /** Area ids as people say them; the ids stay in the data and the API. */
  const AREA_NAMES = { unspecified: 'no area given', periorbital: 'around the eyes', 'upper-lip': 'upper lip', decollete: 'décolleté' };
  /** A request the gateway has not answered after this long counts as no answer. */
  const ANSWER_WITHIN_MS = 4000;
  /** The gateway's live stream says "alive" this often (EventStream.HEARTBEAT). */
  const HEARTBEAT_MS = 5000;
  /** Heard nothing for this long on an open stream: the gateway may hang with its connection open. */
  const UNHEARD_AFTER_MS = 2 * HEARTBEAT_MS + 2000;

  const state = {
    overview: null,
    owner: null,
    view: 'today',
    charts: { depth: {}, spacing: null },
    renders: 0,
    pending: null,
    inFlight: false,
    again: false,
    drawnKey: null,
    drawnData: null,
    calendarDay: null,
    /** Areas chosen in a pen's list but not yet Set: a redraw keeps them. */
    pendingAreas: {},
    pendingPeople: {},
  };

  // For tests and the curious: what the charts plot (uPlot instances), the live events the page heard
  // and whether each made it fetch again.
  window.needleguard = { charts: state.charts, state: state, heard: [] };

  // --- DOM helpers -------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttributes(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    setAttributes(node, attrs);
    append(node, children);
    return node;
  }

  function setAttributes(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }

  /** Replaces a node's children; like el(), skipping nulls (replaceChildren would write "null") and flattening lists. */
  function fill(node, ...children) {
    node.replaceChildren();
    append(node, children);
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** A word the page knows only while the gateway answers: "unknown" instead while it does not. */
  function answer(text) {
    return [el('span', { class: 'known', text }), el('span', { class: 'unknown', text: 'unknown' })];
  }

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function areaName(id) {
    return AREA_NAMES[id] || id;
  }

  function list(words) {
    if (words.length <= 1) return words.join('');
    return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  }

  // --- time, in the person's zone ----------------------------------------------------------------

  const formats = new Map();
  function format(zone, options) {
    const key = zone + JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: zone }, options)));
    return formats.get(key);
  }

  function parts(iso, zone, options) {
    const out = {};
    for (const p of format(zone, options).formatToParts(new Date(iso))) out[p.type] = p.value;
    return out;
  }

  /** "Wed 4 Feb 2026" */
  function day(iso, zone) {
    const p = parts(iso, zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
  }

  /** "19:00" */
  function time(iso, zone) {
    const p = parts(iso, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${p.hour}:${p.minute}`;
  }

  /** "Wed 4 Feb 2026", with the time unless it is the start of the day. */
  function when(iso, zone) {
    const t = time(iso, zone);
    return t === '00:00' ? day(iso, zone) : `${day(iso, zone)}, ${t}`;
  }

  function dayTime(iso, zone) {
    return `${day(iso, zone)}, ${time(iso, zone)}`;
  }

  /** The calendar date of an ISO time written with the person's offset: its first ten characters. */
  function localDate(iso) {
    return iso.slice(0, 10);
  }

  function addDays(date, days) {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function daysBetween(fromDate, toDate) {
    return Math.round((Date.parse(toDate + 'T00:00:00Z') - Date.parse(fromDate + 'T00:00:00Z')) / 86400000);
  }

  function weekday(date) {
    return (new Date(date + 'T00:00:00Z').getUTCDay() + 6) % 7; // Monday 0
  }

  /** "in 2 days", "tomorrow", "today, in 3 h", "5 days ago": from the person's now, in calendar days. */
  function relative(iso, nowIso) {
    const days = daysBetween(localDate(nowIso), localDate(iso));
    const seconds = (Date.parse(iso) - Date.parse(nowIso)) / 1000;
    if (days === 0) {
      if (seconds <= 0) return 'today';
      return seconds < 3600 ? `in ${Math.max(1, Math.round(seconds / 60))} min` : `today, in ${Math.round(seconds / 3600)} h`;
    }
    if (days === 1) return 'tomorrow';
    if (days === -1) return 'yesterday';
    return days > 0 ? `in ${days} days` : `${-days} days ago`;
  }

  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d > 0) return `${d} day${d === 1 ? '' : 's'}${h > 0 ? ` ${h} h` : ''}`;
    if (h > 0) return `${h} h${m > 0 ? ` ${m} min` : ''}`;
    return `${m} min`;
  }

  function minutes(seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return s === 0 ? `${m} min` : `${m} min ${s} s`;
  }

  function mm(value) {
    return `${Number(value).toFixed(2)} mm`;
  }

  /** "pen SIM-0001", or "logged by hand (roller-1)": a session logged by hand has no pen. */
  function recordedBy(s) {
    if (s.recordedBy === 'hand') return s.device ? `logged by hand (${s.device})` : 'logged by hand';
    return `pen ${s.pen}`;
  }

  function epoch(iso) {
    return Date.parse(iso) / 1000;
  }

  /** The browser's own time of day, for when the gateway went silent (its clock cannot be asked then). */
  function deviceTime(ms) {
    const d = new Date(ms);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  }

  /** uPlot's time axis, with days written "4 Feb" rather than "2/4". */
  const TIME_AXIS = [
    [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
    [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
    [3600 * 24, '{D} {MMM}', '\n{YYYY}', null, null, null, null, null, 1],
    [3600, '{HH}:{mm}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
    [60, '{HH}:{mm}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
  ];

  /**
   * The time a chart spans: from a few days before its first point (or four weeks back, if that is
   * earlier) to just after now, so that a month of sessions is not squeezed into the corner of half a year.
   */
  function timeRange(times, nowIso) {
    const now = epoch(nowIso);
    const first = times.length ? Math.min(...times) : now;
    return [Math.min(first - 3 * 86400, now - 28 * 86400), now + 2 * 86400];
  }

  // --- talking to the gateway, and noticing when it stops answering -------------------------------

  /** The gateway did not answer (stopped, unreachable, too slow, or still starting). */
  class Silent extends Error {}

  const health = { lastAnswer: null, silentSince: null, probe: null, lastHeard: null };

  async function request(path, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ANSWER_WITHIN_MS);
    let response;
    try {
      response = await fetch(path, Object.assign({ credentials: 'same-origin', cache: 'no-store', signal: controller.signal }, options));
    } catch (e) {
      silent();
      throw new Silent('the gateway did not answer');
    } finally {
      clearTimeout(timer);
    }
    if (response.status >= 502) {
      silent();
      throw new Silent(`the gateway is not ready (HTTP ${response.status})`);
    }
    answered();
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('not logged in');
    }
    return response;
  }

  async function get(path) {
    const response = await request(path);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || `${path}: HTTP ${response.status}`);
    return body;
  }

  function post(path, body) {
    return request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** An answer came: if the page had been marked stale, it clears itself and fetches everything again. */
  function answered() {
    health.lastAnswer = Date.now();
    if (health.silentSince === null) return;
    health.silentSince = null;
    clearInterval(health.probe);
    health.probe = null;
    document.body.classList.remove('stale');
    const banner = document.getElementById('stale');
    banner.hidden = true;
    banner.textContent = '';
    announce('The gateway answers again; the page is up to date.');
    if (!state.events || state.events.readyState === EventSource.CLOSED) listen();
    refreshSoon();
  }

  /**
   * No answer: a banner at the top says since when, and every safety answer on the page turns to
   * "unknown" (they are no longer answers). The page asks again every 2 s until the gateway is back.
   */
  function silent() {
    if (health.silentSince !== null) return;
    health.silentSince = health.lastAnswer || Date.now();
    document.body.classList.add('stale');
    const banner = document.getElementById('stale');
    banner.textContent =
      `The gateway has not answered since ${deviceTime(health.silentSince)} (this device's clock). ` +
      'Until it answers again, nothing on this page is a current answer: what is safe is unknown.';
    banner.hidden = false;
    health.probe = setInterval(probe, 2000);
  }

  function probe() {
    request('/api/overview').catch(() => {});
  }

  // --- data --------------------------------------------------------------------------------------

  function owner() {
    return state.overview.owners.find((o) => o.id === state.owner);
  }

  /** The Monday WEEKS - 1 weeks before the week of the person's today. */
  function firstCalendarDay() {
    const today = localDate(owner().now);
    return addDays(today, -weekday(today) - (WEEKS - 1) * 7);
  }

  /** uPlot, for the views that draw with it: fetched the first time one of them is shown. */
  let charting = null;
  function chartLibrary() {
    if (!charting) {
      charting = new Promise((resolve, reject) => {
        document.head.append(el('link', { rel: 'stylesheet', href: '/lib/uPlot.min.css' }));
        const script = el('script', { src: '/lib/uPlot.iife.min.js' });
        script.addEventListener('load', resolve);
        script.addEventListener('error', () => {
          charting = null;
          script.remove();
          reject(new Error('the chart library did not load'));
        });
        document.head.append(script);
      });
    }
    return charting;
  }

  async function load(view) {
    const o = encodeURIComponent(state.owner || '');
    const since = state.owner ? firstCalendarDay() : '';
    switch (view) {
      case 'today':
        return { today: await get(`/api/owners/${o}/today`) };
      case 'calendar':
        return { sessions: await get(`/api/owners/${o}/sessions?since=${since}`) };
      case 'depth': {
        const [sessions, limits] = await Promise.all([get(`/api/owners/${o}/sessions?since=${since}`), get(`/api/owners/${o}/limits`), chartLibrary()]);
        return { sessions, limits };
      }
      case 'spacing': {
        const [spacing] = await Promise.all([get(`/api/owners/${o}/spacing?since=${since}`), chartLibrary()]);
        return { spacing };
      }
      case 'findings':
        return { findings: await get(`/api/owners/${o}/findings`) };
      case 'pens':
        return { pens: await get('/api/pens') };
      case 'setup': {
        const [conditions, nearby, pens, household] = await Promise.all([get(`/api/owners/${o}/conditions`), get('/api/pens/nearby'), get('/api/pens'), get('/api/household')]);
        return { conditions, nearby, pens, household };
      }
      default:
        return {}; // the Log form needs the areas, devices and people: the overview has them
    }
  }

  // --- routing and refreshing --------------------------------------------------------------------

  function readHash() {
    const [who, view] = window.location.hash.replace(/^#\/?/, '').split('/');
    const owners = state.overview ? state.overview.owners.map((o) => o.id) : [];
    state.owner = owners.includes(who) ? who : state.owner && owners.includes(state.owner) ? state.owner : owners[0] || null;
    state.view = VIEWS.includes(view) ? view : VIEWS.includes(who) ? who : state.view;
  }

  function go(who, view) {
    const hash = `#/${who}/${view}`;
    if (window.location.hash !== hash) window.location.hash = hash;
    else refresh();
  }

  /** Fetches what the current view shows and draws it; calls that come while one runs are merged. */
  async function refresh() {
    if (state.inFlight) {
      state.again = true;
      return;
    }
    state.inFlight = true;
    const main = document.getElementById('main');
    main.dataset.ready = 'false';
    try {
      state.overview = await get('/api/overview');
      readHash();
      header();
      if (!state.owner && PER_PERSON.has(state.view)) {
        main.replaceChildren(el('p', { class: 'empty', text: 'No one is recorded yet.' }));
      } else {
        const view = state.view;
        const who = state.owner;
        const data = await load(view);
        if (view === state.view && who === state.owner) show(view, data, false);
      }
      problem(null);
    } catch (e) {
      // No answer is the stale banner's to say; anything else is said here.
      if (!(e instanceof Silent)) problem(`The gateway could not answer: ${e.message}`);
    } finally {
      state.inFlight = false;
      if (state.again) {
        state.again = false;
        refresh();
      } else {
        main.dataset.ready = 'true';
      }
    }
  }

  /** Many changes in a row (a pen handing over what it kept) cause one refresh. */
  function refreshSoon() {
    clearTimeout(state.pending);
    state.pending = setTimeout(refresh, 120);
  }

  function problem(text) {
    const p = document.getElementById('problem');
    p.hidden = !text;
    p.textContent = text || '';
  }

  function announce(text) {
    document.getElementById('announce').textContent = text;
  }

  function header() {
    const people = document.getElementById('people');
    const ids = state.overview.owners.map((o) => o.id);
    // The buttons are made once per household, and kept: a redraw must not take the focus away.
    if (people.dataset.owners !== ids.join(' ')) {
      people.replaceChildren(...ids.map((id) => el('button', { type: 'button', id: `person-${id}`, 'data-owner': id, text: id, onclick: () => go(id, state.view) })));
      people.dataset.owners = ids.join(' ');
    }
    for (const b of people.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.owner === state.owner));
    people.classList.toggle('hidden', !PER_PERSON.has(state.view));
    for (const a of document.querySelectorAll('#views a')) {
      a.setAttribute('href', `#/${state.owner || ''}/${a.dataset.view}`);
      if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const o = owner();
    document.getElementById('clock').textContent = o ? `as of ${dayTime(o.now, o.zone)}` : '';
  }

  /**
   * Draws the view, unless it would look exactly as it does. A redraw keeps the focus (on the element of
   * the same id) and the scroll position; a change of view or person is announced instead.
   */
  function show(view, data, force) {
    const main = document.getElementById('main');
    const key = JSON.stringify([view, state.owner, data]);
    const sameView = main.dataset.view === view && main.dataset.owner === (state.owner || '');
    if (!force && view !== 'log' && sameView && key === state.drawnKey) return;
    state.drawnKey = key;
    state.drawnData = data;
    const focused = sameView ? focusedId(main) : null;
    const scrolled = window.scrollY;
    const open = sameView ? [...main.querySelectorAll('details[open][id]')].map((d) => d.id) : [];
    const typed = sameView && view === 'setup' ? typedValues(main) : [];
    draw(view, data);
    if (sameView) {
      for (const id of open) {
        const details = document.getElementById(id);
        if (details) details.open = true;
      }
      for (const [id, value] of typed) {
        const field = document.getElementById(id);
        // A choice no longer offered (a person removed meanwhile) is not forced on the list.
        if (field && (field.tagName !== 'SELECT' || [...field.options].some((o) => o.value === value))) field.value = value;
      }
      window.scrollTo(0, scrolled);
      if (focused !== undefined) keepFocus(focused, main);
    } else {
      const title = `${VIEW_NAMES[view]}${PER_PERSON.has(view) && state.owner ? ` for ${state.owner}` : ''}`;
      document.title = `${title} · needleguard`;
      announce(`${title} shown`);
    }
  }

  /**
   * What was typed or chosen in the Set up view's fields and not yet sent: a redraw (a live event, the list
   * of pens nearby) keeps it, as the Log form keeps its own.
   */
  function typedValues(main) {
    const typed = [];
    for (const field of main.querySelectorAll('input[id], select[id]')) {
      const changed = field.tagName === 'SELECT'
        ? [...field.options].some((o) => o.selected !== o.defaultSelected)
        : field.value !== field.defaultValue;
      if (changed) typed.push([field.id, field.value]);
    }
    return typed;
  }

  /** The id of the element in main that has the focus; null if it has none; undefined if main does not hold it. */
  function focusedId(main) {
    const active = document.activeElement;
    if (!active || !main.contains(active) || active === main) return undefined;
    return active.id || null;
  }

  function keepFocus(id, main) {
    const again = id ? document.getElementById(id) : null;
    if (again) {
      if (document.activeElement !== again) again.focus({ preventScroll: true });
    } else if (!main.contains(document.activeElement)) {
      main.focus({ preventScroll: true }); // not to <body>: the next Tab goes on from here
    }
  }

  function draw(view, data) {
    destroyCharts();
    const main = document.getElementById('main');
    const content = {
      today: () => drawToday(data.today),
      calendar: () => drawCalendar(data.sessions),
      depth: () => drawDepth(data.sessions, data.limits),
      spacing: () => drawSpacing(data.spacing),
      pens: () => drawPens(data.pens),
      findings: () => drawFindings(data.findings),
      log: () => drawLog(),
      setup: () => drawSetup(data),
    }[view]();
    // The form is drawn once and kept while it is shown: what is typed, and the focus, survive a refresh.
    if (content.before) fill(main, content.before);
    if (content.after) content.after();
    main.dataset.view = view;
    main.dataset.owner = state.owner || '';
    state.renders++;
    main.dataset.renders = String(state.renders);
    // When the first view was on screen, in ms since the page was requested (the docs quote it).
    if (!main.dataset.firstDrawn) main.dataset.firstDrawn = String(Math.round(performance.now()));
  }

  function destroyCharts() {
    for (const chart of Object.values(state.charts.depth)) chart.destroy();
    for (const key of Object.keys(state.charts.depth)) delete state.charts.depth[key];
    if (state.charts.spacing) state.charts.spacing.destroy();
    state.charts.spacing = null;
    hideTooltip();
  }

  function title(text, sub) {
    return el('h2', null, text, sub ? el('span', { class: 'sub', text: sub }) : null);
  }

  // --- Today -------------------------------------------------------------------------------------

  /** A next safe time without a date: never at home for the eyelids; a condition with no end recorded has no date at all. */
  function noDate(nextSafe) {
    return nextSafe.rule === 'area.not-for-needling' ? 'not at home' : 'no date';
  }

  function drawToday(today) {
    const o = owner();
    const zone = o.zone;
    const now = today.at;
    // "unspecified" is what a pen records before an area is chosen: not an area anyone books.
    const areas = today.areas.filter((a) => a.area !== 'unspecified');
    const safe = areas.filter((a) => a.safeNow);
    const later = areas.filter((a) => !a.safeNow && a.nextSafe.at).sort((a, b) => Date.parse(a.nextSafe.at) - Date.parse(b.nextSafe.at));
    const undated = areas.filter((a) => !a.safeNow && !a.nextSafe.at);
    const never = undated.filter((a) => noDate(a.nextSafe) === 'not at home');
    const noEnd = undated.filter((a) => noDate(a.nextSafe) !== 'not at home');

    const firstDay = later.length ? localDate(later[0].nextSafe.at) : null;
    const next = later.filter((a) => localDate(a.nextSafe.at) === firstDay);
    const summary = el(
      'section',
      { class: 'card answer wide', id: 'summary', 'aria-labelledby': 'summary-title' },
      el('h3', { id: 'summary-title', text: `In short, for ${o.id}` }),
      el('p', { class: 'lead known', id: 'summary-safe' }, el('b', { text: 'Safe now: ' }), safe.length ? `${list(safe.map((a) => areaName(a.area)))}.` : 'no area.'),
      next.length === 0
        ? null
        : el('p', { class: 'known', id: 'summary-next' }, el('b', { text: 'Next: ' }), `${list(next.map((a) => areaName(a.area)))} from ${when(next[0].nextSafe.at, zone)} `, el('span', { class: 'relative', text: `(${relative(next[0].nextSafe.at, now)})` }), '.'),
      noEnd.length === 0 ? null : el('p', { class: 'known' }, el('b', { text: 'No date: ' }), `${list(noEnd.map((a) => areaName(a.area)))} (a condition with no end recorded).`),
      never.length === 0 ? null : el('p', { class: 'known' }, el('b', { text: 'Never at home: ' }), `${list(never.map((a) => areaName(a.area)))}.`),
      el('p', { class: 'unknown' }, el('b', { text: 'Unknown: ' }), 'the gateway is not answering, so this page cannot say what is safe now.')
    );

    const item = (a) => {
      let badge;
      let why;
      if (a.safeNow) {
        badge = el('span', { class: 'when badge safe live-answer' }, answer('safe now'));
        why = a.lastSession ? `Last session: ${mm(a.lastSession.depthMm)} on ${day(a.lastSession.start, zone)} (${relative(a.lastSession.start, now)}).` : 'No session yet.';
      } else if (a.nextSafe.at) {
        badge = el('span', { class: 'when badge wait live-answer' }, answer(`from ${when(a.nextSafe.at, zone)}`));
        why = capitalised(a.nextSafe.reason);
      } else {
        badge = el('span', { class: 'when badge never live-answer' }, answer(noDate(a.nextSafe)));
        why = capitalised(a.nextSafe.reason);
      }
      return el(
        'li',
        { 'data-area': a.area, 'data-safe-now': String(a.safeNow), 'data-next-safe': a.nextSafe ? a.nextSafe.at : null },
        el('div', { class: 'area-head' }, el('span', { class: 'name', text: areaName(a.area) }), badge, a.nextSafe && a.nextSafe.at ? el('span', { class: 'relative known', text: relative(a.nextSafe.at, now) }) : null),
        el('p', { class: 'why', text: why }),
        a.nextSafe ? el('p', { class: 'details' }, 'Rule: ', el('span', { class: 'rule', text: a.nextSafe.rule })) : null
      );
    };
    // While the gateway is silent, the grouping is only what was last known.
    const group = (heading, items) =>
      items.length === 0 ? null : [el('h4', { class: 'group-title' }, el('span', { class: 'known', text: heading }), el('span', { class: 'unknown', text: `Last known: ${heading.toLowerCase()}` })), el('ul', { class: 'areas' }, items.map(item))];
    const areaCard = el(
      'section',
      { class: 'card wide', id: 'areas', 'aria-labelledby': 'areas-title' },
      el('h3', { id: 'areas-title', text: 'Every area' }),
      group('Safe now', safe),
      group('Later, soonest first', later),
      group('No date: a condition with no end recorded', noEnd),
      group('Not for needling at home', never),
      el('p', { class: 'hint', text: 'The next session is assumed as deep as the last one on that area, as the status on the gateway assumes.' })
    );
    const conditions = el(
      'section',
      { class: 'card', id: 'conditions' },
      el('h3', { text: 'Active conditions' }),
      today.conditions.length === 0
        ? el('p', { class: 'empty', text: 'None.' })
        : el(
            'ul',
            { class: 'plain' },
            today.conditions.map((c) =>
              el('li', { 'data-condition': c.condition }, el('b', { text: c.condition }), ` (${c.kind === 'block' ? 'no needling while it lasts' : 'take care'}) since ${day(c.from, zone)}`, c.countsUntil ? `, counts until ${when(c.countsUntil, zone)} (${relative(c.countsUntil, now)})` : ', until it is ended')
            )
          )
    );
    // One line per piece of advice: until when it applies (the latest session it follows sets that), and after what.
    const steps = new Map();
    for (const a of today.aftercare) {
      for (const st of a.steps) {
        const e = steps.get(st.id) || { advice: st.advice, until: st.until, secondsLeft: st.secondsLeft, areas: [] };
        if (Date.parse(st.until) > Date.parse(e.until)) {
          e.until = st.until;
          e.secondsLeft = st.secondsLeft;
        }
        if (!e.areas.includes(areaName(a.area))) e.areas.push(areaName(a.area));
        steps.set(st.id, e);
      }
    }
    const aftercare = el(
      'section',
      { class: 'card', id: 'aftercare' },
      el('h3', { text: 'Aftercare still running' }),
      steps.size === 0
        ? el('p', { class: 'empty', text: 'Nothing: no session in the last two weeks.' })
        : el('ul', { class: 'plain' }, [...steps.entries()].map(([id, e]) => el('li', { 'data-step': id }, e.advice, el('div', { class: 'left', text: `until ${dayTime(e.until, zone)} (${duration(e.secondsLeft)} left), after ${list(e.areas)}` })))),
      today.aftercare.length === 0 ? null : el('p', { class: 'hint', text: `After ${plural(today.aftercare.length, 'session')} of the last two weeks; the latest, on ${areaName(today.aftercare[0].area)}, ${today.aftercare[0].end ? `ended ${dayTime(today.aftercare[0].end, zone)}` : `started ${dayTime(today.aftercare[0].start, zone)}`}.` })
    );
    const findings = el(
      'section',
      { class: 'card', id: 'open-findings' },
      el('h3', { text: 'Open findings' }),
      el('p', null, today.openFindings === 0 ? 'None in the last 7 days.' : `${today.openFindings} warning or critical finding${today.openFindings === 1 ? '' : 's'} in the last 7 days: `, today.openFindings === 0 ? null : el('a', { href: `#/${state.owner}/findings`, id: 'see-findings', text: 'see them' }))
    );
    return { before: [title(`Today for ${today.owner}`, `as of ${dayTime(today.at, zone)}`), el('div', { class: 'grid' }, summary, areaCard, conditions, aftercare, findings)] };
  }

  /**
   * The gateway's words are written for the command line too ("give its duration (needleguard log edit
   * hand-1 --duration 10m)"); the page leaves the commands out: they are typed on the gateway's computer.
   */
  function pageWords(message) {
    return message
      .replace(/correct that one \(needleguard log edit [^)]*\) rather than log it twice/, "it is in the history already; a correction is made on the gateway's computer")
      .replace(/\s*\(needleguard [^)]*\)/g, '')
      // The household's refusals quote the command: on the page, the form that was sent is the way.
      .replace(/\s*\('needleguard [^)]*'\)/g, '');
  }

  function capitalised(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.') : '';
  }

  // --- Calendar ----------------------------------------------------------------------------------

  function worst(findings) {
    let rank = 0;
    let name = 'ok';
    for (const f of findings) {
      if (SEVERITY_RANK[f.severity] > rank) {
        rank = SEVERITY_RANK[f.severity];
        name = f.severity;
      }
    }
    return name;
  }

  /** The shape that goes with each colour, in the legends, the calendar and the charts. */
  const MARKS = { ok: '●', info: '■', warning: '▲', critical: '◆', none: '□' };
  const WORST_WORDS = { none: 'no session', ok: 'no finding', info: 'worst: info', warning: 'worst: warning', critical: 'worst: critical' };

  function mark(kind, text) {
    return el('li', null, el('span', { class: `mark k-${kind}`, 'aria-hidden': 'true', text: MARKS[kind] || '—' }), ` ${text}`);
  }

  /** Weeks the calendar shows: half a year, or the last quarter on a phone (so that a day is big enough to tap). */
  function calendarWeeks() {
    return window.innerWidth < 600 ? 13 : WEEKS;
  }

  function drawCalendar(sessions) {
    const o = owner();
    const weeks = calendarWeeks();
    const first = addDays(firstCalendarDay(), (WEEKS - weeks) * 7);
    const today = localDate(o.now);
    const byDay = new Map();
    for (const s of sessions) {
      const d = localDate(s.start);
      if (!byDay.has(d)) byDay.set(d, []);
      byDay.get(d).push(s);
    }
    const cell = 15;
    const gap = 3;
    const left = 30;
    const top = 18;
    const width = left + weeks * (cell + gap);
    const height = top + 7 * (cell + gap);
    const details = el('p', { class: 'day-details', id: 'day-details' });
    const picture = svg('svg', { class: 'calendar', viewBox: `0 0 ${width} ${height}`, width: width * 1.6, height: height * 1.6 });
    const chart = svg('g', {
      role: 'grid',
      'aria-label': `Sessions per day, the last ${weeks} weeks: arrow keys move between days`,
      'aria-describedby': 'day-details',
    });
    const labels = svg('g', { 'aria-hidden': 'true' });
    ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'].forEach((name, i) => {
      if (name) labels.append(svg('text', { x: 0, y: top + i * (cell + gap) + cell - 4, text: name }));
    });
    let lastMonth = '';
    for (let w = 0; w < weeks; w++) {
      const date = addDays(first, w * 7);
      if (date.slice(0, 7) !== lastMonth) {
        labels.append(svg('text', { x: left + w * (cell + gap), y: 11, text: format('UTC', { month: 'short' }).format(new Date(date + 'T12:00:00Z')) }));
        lastMonth = date.slice(0, 7);
      }
    }
    picture.append(labels, chart);
    // The day that has the keyboard's focus: today, or the day chosen before a redraw.
    const last = addDays(first, weeks * 7 - 1);
    if (!state.calendarDay || state.calendarDay < first || state.calendarDay > last || state.calendarOwner !== o.id) state.calendarDay = today;
    state.calendarOwner = o.id;
    let daysWithSessions = 0;
    let flaggedDays = 0;
    // One row per weekday (as drawn), one cell per week: the grid a screen reader walks.
    for (let d = 0; d < 7; d++) {
      const row = svg('g', { role: 'row' });
      for (let w = 0; w < weeks; w++) {
        const date = addDays(first, w * 7 + d);
        const daySessions = byDay.get(date) || [];
        const future = date > today;
        const level = daySessions.length === 0 ? 'none' : worst(daySessions.flatMap((s) => s.findings));
        if (daySessions.length > 0) daysWithSessions++;
        if (level === 'warning' || level === 'critical') flaggedDays++;
        const x = left + w * (cell + gap);
        const y = top + d * (cell + gap);
        const label = `${day(date + 'T12:00:00Z', 'UTC')}${date === today ? ' (today)' : ''}: ${future ? 'to come' : daySessions.length === 0 ? 'no session' : `${plural(daySessions.length, 'session')}, ${WORST_WORDS[level]}`}`;
        const g = svg(
          'g',
          { class: 'cell', role: 'gridcell', id: `day-${date}`, tabindex: date === state.calendarDay ? '0' : '-1', 'aria-label': label, 'data-date': date },
          svg('rect', {
            class: `day c-${level}${date === today ? ' today' : ''}${future ? ' future' : ''}`,
            x,
            y,
            width: cell,
            height: cell,
            rx: 3,
            'data-date': date,
            'data-count': daySessions.length,
            'data-worst': level,
          }),
          level === 'none' || level === 'ok' ? null : svg('text', { class: 'glyph', x: x + cell / 2, y: y + cell / 2 + 3.5, 'text-anchor': 'middle', 'aria-hidden': 'true', text: { info: 'i', warning: '!', critical: '×' }[level] })
        );
        g.addEventListener('mousemove', (e) => showTooltip(e.clientX, e.clientY, dayTooltip(date, daySessions, o.zone)));
        g.addEventListener('mouseleave', hideTooltip);
        g.addEventListener('click', () => chooseDay(chart, date, byDay, o.zone, details, true));
        g.addEventListener('focus', () => chooseDay(chart, date, byDay, o.zone, details, false));
        row.append(g);
      }
      chart.append(row);
    }
    chart.addEventListener('keydown', (e) => {
      const step = { ArrowLeft: -7, ArrowRight: 7, ArrowUp: -1, ArrowDown: 1 }[e.key];
      let target = null;
      if (step) target = addDays(state.calendarDay, step);
      else if (e.key === 'Home') target = first;
      else if (e.key === 'End') target = today < last ? today : last;
      if (!target) return;
      e.preventDefault();
      if (target < first || target > last) return;
      chooseDay(chart, target, byDay, o.zone, details, true);
    });
    const legend = el(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      mark('none', 'no session'),
      mark('ok', 'sessions, no finding'),
      mark('info', 'worst: info'),
      mark('warning', 'worst: warning (!)'),
      mark('critical', 'worst: critical (×)')
    );
    const shown = sessions.filter((s) => localDate(s.start) >= first).length;
    const after = () => chooseDay(chart, state.calendarDay, byDay, o.zone, details, false);
    return {
      before: [
        title(`Calendar for ${o.id}`, `the last ${weeks} weeks, each day coloured by its worst finding`),
        el(
          'section',
          { class: 'card', id: 'calendar', 'data-sessions': shown },
          picture,
          legend,
          details,
          el('p', { class: 'hint', text: `${plural(shown, 'session')} on ${plural(daysWithSessions, 'day')}; ${plural(flaggedDays, 'day')} with a warning or worse. Tap a day, or move between days with the arrow keys, for its sessions.` })
        ),
      ],
      after,
    };
  }

  /** Makes {@code date} the calendar's day: the one Tab reaches, described below the calendar. */
  function chooseDay(chart, date, byDay, zone, details, moveFocus) {
    state.calendarDay = date;
    for (const g of chart.querySelectorAll('g.cell[tabindex="0"]')) if (g.dataset.date !== date) g.setAttribute('tabindex', '-1');
    const g = chart.querySelector(`g.cell[data-date="${date}"]`);
    if (!g) return;
    g.setAttribute('tabindex', '0');
    if (moveFocus && document.activeElement !== g) g.focus();
    const sessions = byDay.get(date) || [];
    fill(details, 
      el('b', { text: `${day(date + 'T12:00:00Z', 'UTC')}: ` }),
      sessions.length === 0
        ? 'no session.'
        : sessions.map((s, i) => [i > 0 ? '; ' : '', `${time(s.start, zone)} ${areaName(s.area)} ${mm(s.depthMm)}, ${recordedBy(s)}`, s.findings.length ? ` (${s.findings.map((f) => `${f.severity} ${f.rule}`).join(', ')})` : ', no finding', assignChoice(s)])
    );
  }

  function dayTooltip(date, sessions, zone) {
    const head = el('b', { text: day(date + 'T12:00:00Z', 'UTC') });
    if (sessions.length === 0) return [head, el('div', { text: 'no session' })];
    return [head, el('ul', null, sessions.map((s) => el('li', null, `${time(s.start, zone)} ${areaName(s.area)} ${mm(s.depthMm)}, ${s.pen ?? 'by hand'}`, s.findings.length ? ` — ${s.findings.map((f) => `${f.severity} ${f.rule}`).join(', ')}` : '')))];
  }

  // --- charts (uPlot) ----------------------------------------------------------------------------

  /** As wide as the card holds: a phone's screen, or up to 1100 px. */
  function chartWidth(box) {
    return Math.max(200, Math.min(1100, Math.floor(box.getBoundingClientRect().width) || 300));
  }

  function axes(yLabel, yValues) {
    const stroke = cssVar('--muted');
    const grid = { stroke: cssVar('--grid') };
    return [
      { stroke, grid, ticks: grid, values: TIME_AXIS, font: '12px system-ui, sans-serif' },
      { stroke, grid, ticks: grid, values: yValues, size: 44, label: yLabel, font: '12px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif' },
    ];
  }

  /** Horizontal lines at fixed values (limits), drawn across the plot with their labels. */
  function limitLines(lines) {
    return {
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const { left, top, width, height } = u.bbox;
            ctx.save();
            ctx.beginPath();
            ctx.rect(left, top, width, height);
            ctx.clip();
            for (const line of lines) {
              const y = Math.round(u.valToPos(line.value, 'y', true)) + 0.5;
              ctx.strokeStyle = line.color;
              ctx.lineWidth = 1.5 * devicePixelRatio;
              ctx.setLineDash(line.dash ? line.dash.map((v) => v * devicePixelRatio) : []);
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + width, y);
              ctx.stroke();
              ctx.setLineDash([]);
              ctx.fillStyle = line.color;
              ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
              ctx.textAlign = 'left';
              ctx.fillText(line.label, left + 4 * devicePixelRatio, y - (line.below ? -13 : 4) * devicePixelRatio);
            }
            ctx.restore();
          },
        ],
      },
    };
  }

  /** Draws each point with the shape and colour of its kind (ok, info, warning, critical), as the legend shows. */
  function shapedPoints(kinds, series) {
    return {
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const r = 5 * devicePixelRatio;
            ctx.save();
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.strokeStyle = cssVar('--paper');
            for (let i = 0; i < u.data[0].length; i++) {
              const v = u.data[series][i];
              if (v === null || v === undefined) continue;
              const x = u.valToPos(u.data[0][i], 'x', true);
              const y = u.valToPos(v, 'y', true);
              const kind = kinds[i];
              ctx.fillStyle = cssVar(`--${kind}`);
              ctx.beginPath();
              if (kind === 'info') ctx.rect(x - r, y - r, 2 * r, 2 * r);
              else if (kind === 'warning') {
                ctx.moveTo(x, y - r * 1.25);
                ctx.lineTo(x + r * 1.2, y + r);
                ctx.lineTo(x - r * 1.2, y + r);
                ctx.closePath();
              } else if (kind === 'critical') {
                ctx.moveTo(x, y - r * 1.35);
                ctx.lineTo(x + r * 1.35, y);
                ctx.lineTo(x, y + r * 1.35);
                ctx.lineTo(x - r * 1.35, y);
                ctx.closePath();
              } else ctx.arc(x, y, r, 0, 2 * Math.PI);
              ctx.fill();
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
  }

  /** Shows the session under the cursor. */
  function sessionTooltip(sessionAt) {
    return {
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined || u.cursor.left < 0) {
              hideTooltip();
              return;
            }
            const content = sessionAt(i);
            if (!content) {
              hideTooltip();
              return;
            }
            const rect = u.over.getBoundingClientRect();
            const x = rect.left + u.valToPos(u.data[0][i], 'x');
            const y = rect.top + u.valToPos(u.data[1][i], 'y');
            showTooltip(x, y, content);
          },
        ],
      },
    };
  }

  function sessionDetails(s, zone) {
    return [
      el('b', { text: `${areaName(s.area)}, ${dayTime(s.start, zone)}` }),
      el('div', { text: `${recordedBy(s)} (${s.sessionId}), ${mm(s.depthMm)}, ${s.durationS == null ? 'duration not given' : minutes(s.durationS)}${s.strokeHz == null ? '' : `, ${s.strokeHz} Hz`}` }),
      s.cartridge ? el('div', { text: `cartridge ${s.cartridge}` }) : null,
      s.findings.length === 0 ? el('div', { text: 'no findings' }) : el('ul', null, s.findings.map((f) => el('li', { text: `${f.severity.toUpperCase()} ${f.rule}: ${pageWords(f.message)}` }))),
    ];
  }

  /** A session's findings in words: "none", or "warning: overuse.frequency; info: ...". */
  function findingWords(findings) {
    return findings.length === 0 ? 'no findings' : findings.map((f) => `${f.severity}: ${f.rule}`).join('; ');
  }

  // --- Depth -------------------------------------------------------------------------------------

  function drawDepth(sessions, limits) {
    const o = owner();
    const zone = o.zone;
    const byArea = new Map();
    for (const s of sessions) {
      if (!byArea.has(s.area)) byArea.set(s.area, []);
      byArea.get(s.area).push(s);
    }
    const home = limits.home;
    // One time span for every area, so that the charts line up.
    const [xMin, xMax] = timeRange(sessions.map((s) => epoch(s.start)), o.now);
    const cards = [];
    const charts = [];
    const order = limits.areas.map((a) => a.area);
    for (const area of [...byArea.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
      const list = byArea.get(area).slice().sort((a, b) => epoch(a.start) - epoch(b.start));
      const limit = limits.areas.find((a) => a.area === area);
      const flagged = list.filter((s) => s.findings.length > 0).length;
      const depths = list.map((s) => s.depthMm);
      const box = el('div', {
        class: 'chart',
        id: `depth-${area}`,
        'data-area': area,
        'data-sessions': list.length,
        role: 'img',
        'aria-label': `Depth on ${areaName(area)}: ${plural(list.length, 'session')} from ${mm(Math.min(...depths))} to ${mm(Math.max(...depths))}, ${flagged} with findings. The table below lists them.`,
      });
      const table = el(
        'details',
        { class: 'table-view', id: `depth-table-${area}` },
        el('summary', { id: `depth-table-summary-${area}`, text: `${areaName(area)} as a table` }),
        el(
          'table',
          { class: 'cards' },
          el('thead', null, el('tr', null, ['Session', 'Depth', 'Recorded by', 'Findings'].map((h, i) => el('th', { class: i === 1 ? 'num' : null, scope: 'col', text: h })))),
          el(
            'tbody',
            null,
            list
              .slice()
              .reverse()
              .map((s) => el('tr', { 'data-session': s.sessionId }, el('td', { class: 'first', text: dayTime(s.start, zone) }), el('td', { class: 'num', 'data-label': 'Depth', text: mm(s.depthMm) }), el('td', { 'data-label': 'Recorded by', text: recordedBy(s) }), el('td', { 'data-label': 'Findings' }, s.findings.length === 0 ? 'none' : s.findings.map((f) => el('span', { class: `badge sev-${f.severity}`, text: `${f.severity} ${f.rule}` })))))
          )
        )
      );
      cards.push(el('section', { class: 'card', 'aria-labelledby': `depth-title-${area}` }, el('h3', { id: `depth-title-${area}` }, areaName(area), el('span', { class: 'sub', text: limit.limitMm === null ? 'not for needling at home' : `limit ${mm(limit.limitMm)}` })), box, table));
      charts.push({ area, list, limit, box });
    }
    const legend = el(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      mark('ok', 'session, no finding'),
      mark('info', 'worst finding: info'),
      mark('warning', 'worst: warning'),
      mark('critical', 'worst: critical'),
      el('li', null, el('span', { class: 'mark k-limit', 'aria-hidden': 'true', text: '- -' }), " the area's limit"),
      el('li', null, el('span', { class: 'mark k-warning', 'aria-hidden': 'true', text: '—' }), ` home limit ${mm(home.warningAboveMm)} (warning above)`),
      el('li', null, el('span', { class: 'mark k-critical', 'aria-hidden': 'true', text: '—' }), ` home maximum ${mm(home.criticalAboveMm)} (critical above)`)
    );
    const before = [
      title(`Depth over time for ${o.id}`, 'per area; point at a session, or open its table'),
      legend,
      cards.length === 0 ? el('p', { class: 'empty', text: 'No sessions in this time.' }) : el('div', { class: 'grid charts' }, cards),
    ];
    const after = () => {
      for (const c of charts) {
        const x = c.list.map((s) => epoch(s.start));
        const depth = c.list.map((s) => s.depthMm);
        const flagged = c.list.map((s) => (s.findings.length > 0 ? s.depthMm : null));
        const kinds = c.list.map((s) => worst(s.findings));
        const top = Math.max(home.criticalAboveMm, ...depth) + 0.25;
        const lines = [
          { value: home.criticalAboveMm, color: cssVar('--critical'), label: `home maximum ${home.criticalAboveMm.toFixed(2)}` },
          { value: home.warningAboveMm, color: cssVar('--warning'), label: `home limit ${home.warningAboveMm.toFixed(2)}` },
        ];
        if (c.limit.limitMm !== null) {
          lines.push({ value: c.limit.limitMm, color: cssVar('--limit'), dash: [6, 4], label: `${areaName(c.area)} limit ${c.limit.limitMm.toFixed(2)}`, below: c.limit.limitMm === home.warningAboveMm });
        }
        const chart = new uPlot(
          {
            width: chartWidth(c.box),
            height: 210,
            tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), zone),
            legend: { show: false },
            cursor: { drag: { x: false, y: false }, points: { size: 12 } },
            scales: { x: { time: true, range: [xMin, xMax] }, y: { range: [0, top] } },
            axes: axes('mm', (u, vals) => vals.map((v) => v.toFixed(2))),
            // The points are drawn by shapedPoints: a shape and a colour for each session's worst finding.
            series: [{}, { label: 'depth', stroke: cssVar('--ok'), paths: () => null, points: { show: false } }, { label: 'with findings', stroke: cssVar('--critical'), paths: () => null, points: { show: false } }],
            plugins: [limitLines(lines), shapedPoints(kinds, 1), sessionTooltip((i) => sessionDetails(c.list[i], zone))],
          },
          [x, depth, flagged],
          c.box
        );
        c.box.addEventListener('mouseleave', hideTooltip);
        state.charts.depth[c.area] = chart;
      }
    };
    return { before, after };
  }

  // --- Spacing -----------------------------------------------------------------------------------

  function drawSpacing(spacing) {
    const o = owner();
    const zone = o.zone;
    const withEarlier = spacing.filter((s) => s.days !== null);
    const soonCount = withEarlier.filter((s) => s.tooSoon).length;
    const box = el('div', {
      class: 'chart',
      id: 'spacing-chart',
      'data-sessions': withEarlier.length,
      role: 'img',
      'aria-label': `Days before each session against its minimum: ${plural(withEarlier.length, 'session')} after an earlier one, ${soonCount} too soon. The table below lists them.`,
    });
    const rows = spacing
      .slice()
      .reverse()
      .map((s) =>
        el(
          'tr',
          { class: s.tooSoon ? 'too-soon' : null, 'data-session': s.sessionId },
          el('td', { class: 'first', text: dayTime(s.start, zone) }),
          el('td', { 'data-label': 'Area', text: areaName(s.area) }),
          el('td', { class: 'num', 'data-label': 'Depth', text: mm(s.depthMm) }),
          el('td', { 'data-label': 'Earlier session', text: s.earlier ? `${areaName(s.earlier.area)}, ${day(s.earlier.start, zone)}` : 'none: the first on this area' }),
          el('td', { class: 'num', 'data-label': 'Days', text: s.days === null ? '—' : `${s.days}` }),
          el('td', { class: 'num', 'data-label': 'Minimum', text: `${s.minimumDays}` }),
          el('td', null, s.tooSoon ? el('span', { class: 'badge too-soon', text: 'too soon' }) : '')
        )
      );
    const before = [
      title(`Spacing for ${o.id}`, 'the days before each session, against the minimum for its depth'),
      el(
        'section',
        { class: 'card' },
        withEarlier.length === 0 ? el('p', { class: 'empty', text: 'No session follows an earlier one on the same area in this time.' }) : box,
        el('ul', { class: 'legend', 'aria-label': 'Legend' }, mark('ok', 'days since the earlier session on the area'), mark('warning', 'too soon'), el('li', null, el('span', { class: 'mark k-minimum', 'aria-hidden': 'true', text: '▬' }), ' minimum for its depth (the deeper of the two)'))
      ),
      el(
        'section',
        { class: 'card' },
        el(
          'table',
          { id: 'spacing-table', class: 'cards' },
          el('caption', { text: 'Every session, newest first' }),
          el('thead', null, el('tr', null, ['Session', 'Area', 'Depth', 'Earlier session', 'Days', 'Minimum', 'Too soon?'].map((h, i) => el('th', { class: i === 2 || i === 4 || i === 5 ? 'num' : null, scope: 'col', text: h })))),
          el('tbody', null, rows)
        )
      ),
    ];
    const after = () => {
      if (withEarlier.length === 0) return;
      const x = withEarlier.map((s) => epoch(s.start));
      const days = withEarlier.map((s) => s.days);
      const soon = withEarlier.map((s) => (s.tooSoon ? s.days : null));
      const kinds = withEarlier.map((s) => (s.tooSoon ? 'warning' : 'ok'));
      const minimum = withEarlier.map((s) => s.minimumDays);
      const top = Math.max(...days, ...minimum) + 3;
      const minimumMarks = {
        hooks: {
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = cssVar('--minimum');
              ctx.lineWidth = 3 * devicePixelRatio;
              for (let i = 0; i < x.length; i++) {
                const cx = u.valToPos(x[i], 'x', true);
                const cy = u.valToPos(minimum[i], 'y', true);
                ctx.beginPath();
                ctx.moveTo(cx - 8 * devicePixelRatio, cy);
                ctx.lineTo(cx + 8 * devicePixelRatio, cy);
                ctx.stroke();
              }
              ctx.restore();
            },
          ],
        },
      };
      state.charts.spacing = new uPlot(
        {
          width: chartWidth(box),
          height: 260,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), zone),
          legend: { show: false },
          cursor: { drag: { x: false, y: false }, points: { size: 12 } },
          scales: { x: { time: true, range: timeRange(x, o.now) }, y: { range: [0, top] } },
          axes: axes('days', undefined),
          series: [{}, { label: 'days', stroke: cssVar('--ok'), paths: () => null, points: { show: false } }, { label: 'too soon', stroke: cssVar('--warning'), paths: () => null, points: { show: false } }],
          plugins: [
            minimumMarks,
            shapedPoints(kinds, 1),
            sessionTooltip((i) => {
              const s = withEarlier[i];
              return [
                el('b', { text: `${areaName(s.area)}, ${dayTime(s.start, zone)} (${s.sessionId})` }),
                el('div', { text: `${plural(s.days, 'day')} after the ${areaName(s.earlier.area)} session of ${day(s.earlier.start, zone)}` }),
                el('div', { text: `minimum ${s.minimumDays} days at ${mm(s.depthMm)} or the earlier depth${s.tooSoon ? ': too soon' : ''}` }),
              ];
            }),
          ],
        },
        [x, days, soon],
        box
      );
      box.addEventListener('mouseleave', hideTooltip);
    };
    return { before, after };
  }

  // --- Pens --------------------------------------------------------------------------------------

  function drawPens(data) {
    const zoneOf = (ownerId) => {
      const o = state.overview.owners.find((x) => x.id === ownerId);
      return o ? o.zone : 'UTC';
    };
    const cards = data.pens.map((p) => {
      const zone = zoneOf(p.owner);
      const chosen = p.area || '';
      if (state.pendingAreas[p.serial] === chosen) delete state.pendingAreas[p.serial];
      const shown = state.pendingAreas[p.serial] || chosen;
      const select = el(
        'select',
        { id: `area-${p.serial}`, 'data-pen': p.serial, 'data-chosen': chosen, 'aria-describedby': `area-note-${p.serial}` },
        chosen ? null : el('option', { value: '', text: '(none chosen)' }),
        data.areas.map((a) => el('option', { value: a, text: areaName(a) }))
      );
      select.value = shown;
      const note = el('p', { class: 'hint', id: `area-note-${p.serial}` });
      const set = el('button', { type: 'button', class: 'set', id: `set-${p.serial}`, 'data-pen': p.serial, text: 'Set' });
      // Walking the list (arrow keys, a wheel) only chooses; the pen is told on Set (or Enter) alone.
      const pending = () => {
        const changed = select.value !== chosen && select.value !== '';
        if (changed) state.pendingAreas[p.serial] = select.value;
        else delete state.pendingAreas[p.serial];
        set.disabled = !changed;
        note.textContent = changed ? `Not sent yet: Set tells ${p.serial} to record on ${areaName(select.value)}.` : 'Choose an area, then Set: nothing is sent before.';
      };
      pending();
      select.addEventListener('change', pending);
      select.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !set.disabled) {
          e.preventDefault();
          set.click();
        }
      });
      set.addEventListener('click', () => chooseArea(p.serial, select.value, note, set));
      const connection = p.connected ? (p.link === 'syncing' ? 'connected, fetching' : 'connected') : 'not connected';
      return el(
        'section',
        { class: 'card pen', 'data-pen': p.serial, 'data-connected': String(p.connected), 'aria-labelledby': `pen-${p.serial}` },
        el('h3', { id: `pen-${p.serial}` }, p.serial, el('span', { class: 'sub', text: `${p.owner}'s${p.model ? `, ${p.model}` : ''}${p.firmware ? ` (firmware ${p.firmware})` : ''}` })),
        el(
          'dl',
          { class: 'facts' },
          el('dt', { text: 'Connection' }),
          el('dd', null, el('span', { class: `badge ${p.connected ? 'on' : 'off'} live-answer` }, answer(connection)), p.running ? ' running now' : ''),
          el('dt', { text: 'Battery' }),
          el('dd', { class: 'battery', text: p.battery === null ? 'not known yet' : `${p.battery} %` }),
          el('dt', { text: 'Last seen' }),
          el('dd', { text: p.connected ? 'now' : p.lastSeen ? dayTime(p.lastSeen, zone) : 'not since the gateway started' }),
          el('dt', { text: 'Waiting' }),
          el('dd', { class: 'waiting', text: p.waiting === null ? (p.connected ? 'asking the pen' : 'not known while it is away; fetched when it is back') : `${p.waiting} session${p.waiting === 1 ? '' : 's'} to fetch` }),
          el('dt', { text: 'Last session' }),
          el('dd', { text: p.lastSession ? `${areaName(p.lastSession.area)} ${mm(p.lastSession.depthMm)}, ${dayTime(p.lastSession.start, zone)}` : 'none yet' }),
          el('dt', null, el('label', { for: select.id, text: 'Next sessions on' })),
          el('dd', null, el('div', { class: 'choose' }, select, set, note)),
          personChoice(p)
        )
      );
    });
    const m = data.mqtt;
    const gateway = el(
      'section',
      { class: 'card', id: 'gateway' },
      el('h3', { text: 'Gateway' }),
      el(
        'dl',
        { class: 'facts' },
        el('dt', { text: 'MQTT' }),
        el('dd', null, m.enabled ? el('span', { class: `badge ${m.connected ? 'on' : 'off'} live-answer` }, answer(m.connected ? 'connected' : 'not connected')) : 'off', m.enabled ? ` ${m.broker}` : ''),
        el('dt', { text: 'Outbox' }),
        el('dd', { class: 'outbox', text: m.enabled ? `${m.outbox} message${m.outbox === 1 ? '' : 's'} waiting for the broker` : '—' }),
        el('dt', { text: 'Backups' }),
        el('dd', { class: 'backup' }, backupText(data.backup))
      )
    );
    return {
      before: [
        title('Pens', `${data.pens.length} recorded by this gateway`),
        el('div', { class: 'pens' }, cards, gateway),
        el('p', { class: 'hint', text: 'Setting an area here stores it, and writes it to the pen: now if it is connected, else when it is back.' }),
      ],
    };
  }

  /**
   * Who the pen's next session is for (a pen lent for one session), as `pens lend`: like the area, the
   * choice is sent on Lend (or Enter) alone; choosing the owner gives the pen back.
   */
  function personChoice(p) {
    const current = p.nextSessionFor || p.owner;
    if (state.pendingPeople[p.serial] === current) delete state.pendingPeople[p.serial];
    const select = el(
      'select',
      { id: `person-${p.serial}`, 'data-pen': p.serial, 'data-chosen': current, 'aria-describedby': `person-note-${p.serial}` },
      state.overview.owners.map((o) => el('option', { value: o.id, text: o.id === p.owner ? `${o.id} (owner)` : o.id }))
    );
    select.value = state.pendingPeople[p.serial] || current;
    const note = el('p', { class: 'hint', id: `person-note-${p.serial}` });
    const lend = el('button', { type: 'button', class: 'set', id: `lend-${p.serial}`, 'data-pen': p.serial, text: 'Lend' });
    const pending = () => {
      const changed = select.value !== current;
      if (changed) state.pendingPeople[p.serial] = select.value;
      else delete state.pendingPeople[p.serial];
      lend.disabled = !changed;
      lend.textContent = select.value === p.owner ? 'Give back' : 'Lend';
      note.textContent = changed
        ? `Not sent yet: ${select.value === p.owner ? `Give back makes the next session ${p.owner}'s` : `Lend records ${p.serial}'s next session as ${select.value}'s, then ${p.owner}'s again`}.`
        : current === p.owner ? `The next session is ${p.owner}'s.` : `Lent: the next session is ${current}'s, then ${p.owner}'s again.`;
    };
    pending();
    select.addEventListener('change', pending);
    select.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !lend.disabled) {
        e.preventDefault();
        lend.click();
      }
    });
    lend.addEventListener('click', async () => {
      const person = select.value;
      lend.disabled = true;
      note.textContent = `Sending…`;
      try {
        const response = await post(`/api/pens/${encodeURIComponent(p.serial)}/person`, { person });
        const body = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
        delete state.pendingPeople[p.serial];
        note.textContent = `Set: ${p.serial}'s next session is ${body.nextSessionFor}'s.`;
        announce(note.textContent);
      } catch (e) {
        note.textContent = `Not changed: ${e.message}`;
        lend.disabled = false;
      }
      refreshSoon();
    });
    return [el('dt', null, el('label', { for: select.id, text: 'Next session for' })), el('dd', null, el('div', { class: 'choose' }, select, lend, note))];
  }

  /** A session given to another person (`history assign`): sent on Give alone, then judged again for both. */
  function assignChoice(s) {
    const others = state.overview.owners.filter((o) => o.id !== s.owner);
    if (others.length === 0) return null;
    const id = `assign-${s.sessionId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const select = el('select', { id, 'data-session': s.sessionId }, el('option', { value: '', text: 'assign to…' }), others.map((o) => el('option', { value: o.id, text: o.id })));
    const give = el('button', { type: 'button', class: 'set', 'data-session': s.sessionId, text: 'Give', disabled: true });
    const note = el('span', { class: 'hint' });
    select.addEventListener('change', () => {
      give.disabled = select.value === '';
      note.textContent = select.value === '' ? '' : ` Not sent yet: Give makes it ${select.value}'s.`;
    });
    give.addEventListener('click', async () => {
      const owner = select.value;
      give.disabled = true;
      try {
        const response = await post(`/api/sessions/${encodeURIComponent(s.sessionId)}/owner`, { owner });
        const body = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
        note.textContent = ` Given to ${owner}; ${body.rejudged.length} later session(s) judged again.`;
        announce(`Session ${s.sessionId} is ${owner}'s now.`);
      } catch (e) {
        note.textContent = ` Not changed: ${e.message}`;
        give.disabled = false;
      }
      refreshSoon();
    });
    return el('span', { class: 'assign' }, ' ', el('label', { for: id, class: 'visually-hidden', text: `Give session ${s.sessionId} to` }), select, give, note);
  }

  async function chooseArea(serial, area, note, set) {
    set.disabled = true;
    note.textContent = `Sending ${areaName(area)} to ${serial}…`;
    try {
      const response = await post(`/api/pens/${encodeURIComponent(serial)}/area`, { area });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
      problem(null);
      delete state.pendingAreas[serial];
      note.textContent = `Set: ${serial}'s next sessions are on ${areaName(area)}.`;
      announce(`${serial}'s next sessions are on ${areaName(area)}.`);
      // The button is done; the list, kept by the redraw, is where to go on from.
      document.getElementById(`area-${serial}`).focus();
    } catch (e) {
      note.textContent = `Not changed: ${e.message}`;
      set.disabled = false;
    }
    refreshSoon();
  }

  /** How the automatic backups stand: a failing one says why, with its fix (as `needleguard doctor` does). */
  function backupText(b) {
    if (!b || b.schedule === 'off') return 'automatic backups off (backup.schedule)';
    const zone = owner() ? owner().zone : undefined;
    const last = b.lastSuccess ? `last ${dayTime(b.lastSuccess, zone)} (${b.lastFile})` : 'none made yet';
    if (b.failure) return el('span', null, el('span', { class: 'badge off', text: 'failing' }), ` ${b.failure}; ${last}`);
    return `${b.schedule}, ${last}`;
  }

  // --- Findings ----------------------------------------------------------------------------------

  function drawFindings(findings) {
    const zone = owner().zone;
    const items = findings.map((f) =>
      el(
        'article',
        { class: 'finding', 'data-session': f.sessionId, 'data-rule': f.rule },
        el('div', { class: 'head' }, el('span', { class: `badge sev-${f.severity}`, text: f.severity }), el('span', { class: 'sub', text: `${areaName(f.area)}, ${dayTime(f.sessionStart, zone)}, ${recordedBy(f)}` })),
        el('p', { class: 'message', text: pageWords(f.message) }),
        el('p', { class: 'details' }, 'Rule: ', el('span', { class: 'rule', text: f.rule }), `, session ${f.sessionId}`),
        el('p', { class: 'source' }, f.evidence.map((e) => el('span', { class: 'evidence', text: `${e.label}: ${e.meaning}` })), `Source: ${f.source}`)
      )
    );
    return {
      before: [
        title(`Open findings for ${owner().id}`, 'warnings and critical findings of the last 7 days, newest first'),
        el('p', { class: 'hint' }, el('a', { class: 'report', href: `/api/owners/${encodeURIComponent(owner().id)}/report.pdf`, download: '', text: 'Report for the clinician (PDF)' }), ': every session, finding and condition, printable in black and white.'),
        el('section', { class: 'card', id: 'findings' }, items.length === 0 ? el('p', { class: 'empty', text: 'None.' }) : items),
      ],
    };
  }

  // --- Set up: people, pens, devices, conditions ---------------------------------------------------

  /**
   * The household set up from the page through the same domain APIs as the command line's `owner`,
   * `pens owner`, `device`, `condition`, `pair` and `forget`; the running gateway applies each change at
   * once. What the configuration file lists is shown as set there, without controls: the file wins.
   */
  function drawSetup(data) {
    const o = owner();
    // The last answer is kept in the state: the redraw that follows a change must not lose it.
    const result = el('p', { id: 'setup-result', class: 'hint', role: 'status', text: state.setupResult || '' });
    const done = (text) => {
      state.setupResult = text;
      result.textContent = text;
      refreshSoon();
    };
    const h = data.household;
    const sections = h.available
      ? [setupPeople(h, done), setupPens(data, h, done, result), setupDevices(h, done)]
      : [el('section', { class: 'card' }, el('h3', { text: 'People and devices' }),
        el('p', { text: 'Setting up people, pens\u2019 owners and devices from the page is not available here; use needleguard owner and needleguard device on the gateway.' })),
      setupPens(data, h, done, result)];
    return { before: [title(`Set up for ${o.id}`, 'people, pens, devices, conditions'), result, ...sections, ...setupConditions(data, o, done)] };
  }

  /** A form of the Set up view: its fields, each with the place a refusal about it is shown. */
  function setupForm(id, attrs) {
    const f = { fields: {}, general: el('p', { class: 'field-error', id: `${id}-error`, tabindex: '-1', hidden: true }) };
    f.node = el('form', Object.assign({ id, class: 'setup-form', novalidate: true, autocomplete: 'off' }, attrs || {}));
    f.field = (name, label, input, hint) => {
      const error = el('p', { class: 'field-error', id: `${input.id}-error`, hidden: true });
      const hintNode = hint ? el('p', { class: 'hint', id: `${input.id}-hint`, text: hint }) : null;
      input.setAttribute('aria-describedby', [hintNode ? hintNode.id : null, error.id].filter(Boolean).join(' '));
      f.fields[name] = { input, error };
      return el('div', { class: 'field' }, el('label', { for: input.id, text: label }), input, hintNode, error);
    };
    return f;
  }

  /**
   * Sends a change of the Set up view; a refusal is shown at the field it names (else under the form),
   * and the focus goes there. Returns whether it was made.
   */
  async function setupChange(f, method, path, body, said, done) {
    for (const field of Object.values(f.fields)) {
      field.error.hidden = true;
      field.error.textContent = '';
      field.input.removeAttribute('aria-invalid');
    }
    f.general.hidden = true;
    let response;
    try {
      response = await request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      f.general.textContent = e instanceof Silent ? 'The gateway did not answer: nothing was changed.' : `Not done: ${e.message}`;
      f.general.hidden = false;
      return false;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      done(said(answer));
      return true;
    }
    const message = capitalised(pageWords(answer.error || `HTTP ${response.status}`));
    const field = answer.field && f.fields[answer.field];
    if (field) {
      field.error.textContent = message;
      field.error.hidden = false;
      field.input.setAttribute('aria-invalid', 'true');
      field.input.focus();
    } else {
      f.general.textContent = `Not done: ${message}`;
      f.general.hidden = false;
      f.general.focus();
    }
    return false;
  }

  function skinTypeSelect(id, h, chosen, none) {
    return el('select', { id }, el('option', { value: '', text: none }),
      ...h.skinTypes.map((t) => el('option', { value: t, text: `type ${t}`, selected: t === chosen })));
  }

  function ownerSelect(id, h, chosen) {
    const names = Object.fromEntries(h.people.map((p) => [p.id, p.name]));
    return el('select', { id }, ...h.owners.map((id2) =>
      el('option', { value: id2, text: names[id2] && names[id2] !== id2 ? `${names[id2]} (${id2})` : id2, selected: id2 === chosen })));
  }

  function fromFile(h) {
    return el('span', { class: 'from-file', text: `set in ${h.file}` });
  }

  /** The people: added here (changed, removed after saying what happens to their history), the file's, former ones. */
  function setupPeople(h, done) {
    const items = h.people.filter((p) => p.source !== 'former').map((p) => {
      const facts = `${p.name === p.id ? p.id : `${p.name} (${p.id})`} · ${p.zone} · ${p.skinType ? `skin type ${p.skinType}` : 'skin type not given'}`;
      if (p.source === 'file') return el('li', { id: `person-row-${p.id}` }, facts, ' · ', fromFile(h));
      const f = setupForm(`edit-person-form-${p.id}`);
      const name = el('input', { id: `edit-person-${p.id}-name`, type: 'text', value: p.name, maxlength: '64' });
      const zone = el('input', { id: `edit-person-${p.id}-zone`, type: 'text', value: p.zone, autocapitalize: 'none', spellcheck: 'false' });
      const skin = skinTypeSelect(`edit-person-${p.id}-skin`, h, p.skinType, 'not given');
      fill(f.node, f.field('name', 'Name', name), f.field('zone', 'Time zone', zone), f.field('skinType', 'Skin type', skin),
        el('button', { type: 'submit', id: `edit-person-${p.id}-save`, text: `Save ${p.id}` }), f.general);
      f.node.addEventListener('submit', (e) => {
        e.preventDefault();
        const body = { name: name.value, zone: zone.value };
        if (skin.value) body.skinType = skin.value;
        setupChange(f, 'POST', `/api/people/${encodeURIComponent(p.id)}`, body, (b) => `Saved ${b.id}: ${b.name}, ${b.zone}.`, done);
      });
      // Removing says first what happens to their history, then asks.
      const r = setupForm(`remove-person-form-${p.id}`);
      const history = `${plural(p.sessions, 'session')} and ${plural(p.conditions, 'condition')}`;
      const owned = [...p.pens.map((s) => `pen ${s}`), ...p.devices.map((d) => `device ${d}`)];
      // Asked stays asked through a redraw (a live event): state.removing names whom.
      const asking = state.removing === p.id;
      const confirm = el('div', { id: `remove-person-${p.id}-confirm`, class: 'confirm', hidden: !asking },
        el('p', { id: `remove-person-${p.id}-what`, tabindex: '-1', text: `Removing ${p.id} takes them out of the household. Their ${history} stay in the history, listed as a former person; erasing them is done on the gateway's computer (needleguard owner erase ${p.id}).${owned.length ? ` First give ${list(owned)} to someone else: the gateway refuses while they are ${p.id}'s.` : ''}` }),
        el('button', { type: 'submit', id: `remove-person-${p.id}-yes`, class: 'danger', text: `Remove ${p.id}` }), ' ',
        el('button', { type: 'button', id: `remove-person-${p.id}-no`, text: 'Keep', onclick: () => {
          state.removing = null;
          confirm.hidden = true;
          ask.hidden = false;
          ask.focus();
        } }));
      const ask = el('button', { type: 'button', id: `remove-person-${p.id}`, text: `Remove ${p.id}…`, hidden: asking, onclick: () => {
        state.removing = p.id;
        ask.hidden = true;
        confirm.hidden = false;
        document.getElementById(`remove-person-${p.id}-what`).focus();
      } });
      fill(r.node, ask, confirm, r.general);
      r.node.addEventListener('submit', (e) => {
        e.preventDefault();
        setupChange(r, 'DELETE', `/api/people/${encodeURIComponent(p.id)}`, {}, (b) => {
          state.removing = null;
          return `Removed ${b.id} from the household; their history stays.`;
        }, done);
      });
      return el('li', { id: `person-row-${p.id}` }, facts,
        el('details', { id: `person-edit-${p.id}` }, el('summary', { text: `Change ${p.id}` }), f.node, r.node));
    });
    const former = h.people.filter((p) => p.source === 'former');
    const f = setupForm('add-person-form');
    const id = el('input', { id: 'add-person-id', type: 'text', autocapitalize: 'none', spellcheck: 'false', maxlength: '32', placeholder: 'e.g. sam' });
    const name = el('input', { id: 'add-person-name', type: 'text', maxlength: '64', placeholder: 'e.g. Sam' });
    const zone = el('input', { id: 'add-person-zone', type: 'text', autocapitalize: 'none', spellcheck: 'false', value: Intl.DateTimeFormat().resolvedOptions().timeZone || '' });
    const skin = skinTypeSelect('add-person-skin', h, null, 'not given');
    fill(f.node,
      el('h4', { text: 'Add a person' }),
      f.field('id', 'Id', id, 'Lower-case letters, digits and \u2018-\u2019: it names them in the history and MQTT, and stays.'),
      f.field('name', 'Name (optional)', name, 'Shown on the page; the id when left empty. It can be changed later.'),
      f.field('zone', 'Time zone', zone, 'Where they live, e.g. Europe/Berlin: "days" in the rules are their calendar days.'),
      f.field('skinType', 'Skin type (Fitzpatrick, optional)', skin, 'Types IV to VI get lower depth limits on some areas.'),
      el('button', { type: 'submit', id: 'add-person', text: 'Add person' }), f.general);
    f.node.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { id: id.value.trim() };
      for (const [key, input] of [['name', name], ['zone', zone], ['skinType', skin]]) if (input.value.trim()) body[key] = input.value.trim();
      if (await setupChange(f, 'POST', '/api/people', body, (b) => `Added ${b.id} (${b.name}, ${b.zone}).`, done)) {
        id.value = '';
        name.value = '';
      }
    });
    return el('section', { class: 'card', id: 'setup-people', 'aria-labelledby': 'setup-people-title' },
      el('h3', { id: 'setup-people-title', text: 'People' }),
      el('ul', { class: 'plain' }, ...items),
      former.length ? el('p', { class: 'hint', id: 'setup-former' }, `Former: ${former.map((p) => p.id).join(', ')} (removed; their history is kept).`) : null,
      f.node,
      h.people.some((p) => p.source === 'file') ? el('p', { class: 'hint', text: `People set in ${h.file} are changed there; the file wins over the page.` }) : null);
  }

  /** Pens nearby to pair, and each pen this gateway records: whose it is (chosen, then saved), or forgotten. */
  function setupPens(data, h, done, result) {
    const nearby = el('section', { class: 'card', 'aria-labelledby': 'setup-nearby-title' },
      el('h3', { id: 'setup-nearby-title', text: 'Pens nearby, not paired' }),
      data.nearby.available ? el('button', { type: 'button', id: 'nearby-again', text: 'Look again', onclick: () => refresh() }) : null,
      !data.nearby.available ? el('p', { text: 'Pairing from the page is not available here; use needleguard pair on the gateway.' })
        : data.nearby.pens.length === 0 ? el('p', { text: 'None seen in the last 30 s. Switch the pen on (not running a session) and keep it within a few metres.' })
        : el('ul', { class: 'plain' }, ...data.nearby.pens.map((p) => el('li', null, `${p.serial} (${p.address}, ${p.rssi} dBm) `,
          el('button', { type: 'button', id: `pair-${p.serial}`, text: `Pair ${p.serial}`, onclick: async (e) => {
            e.target.disabled = true;
            result.textContent = `Pairing ${p.serial}…`;
            // Pairing connects to the pen: it can take longer than an ordinary answer.
            const response = await fetch('/api/pens', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ serial: p.serial }) });
            const body = await response.json().catch(() => ({}));
            if (response.ok) done(`Paired pen ${body.serial} (${body.model}, firmware ${body.firmware}). Choose whose it is below.`);
            else {
              state.setupResult = `Not done: ${body.error || `HTTP ${response.status}`}`;
              result.textContent = state.setupResult;
              e.target.disabled = false;
            }
          } })))));
    const byPen = Object.fromEntries((h.pens || []).map((p) => [p.serial, p]));
    const rows = data.pens.pens.map((p) => {
      const known = byPen[p.serial];
      const forget = setupForm(`forget-form-${p.serial}`);
      fill(forget.node, el('button', { type: 'submit', id: `forget-${p.serial}`, text: `Forget ${p.serial}` }), forget.general);
      forget.node.addEventListener('submit', (e) => {
        e.preventDefault();
        setupChange(forget, 'DELETE', `/api/pens/${encodeURIComponent(p.serial)}`, {}, () => `Forgot pen ${p.serial}; its sessions stay in the history.`, done);
      });
      if (!h.available || !known || known.inFile) {
        return el('li', { id: `pen-row-${p.serial}` }, `${p.serial}, ${p.owner}'s`, known && known.inFile ? [' · ', fromFile(h)] : null, known && known.inFile ? null : forget.node);
      }
      // The owner changes only when Save is pressed: choosing in the list alone changes nothing.
      const f = setupForm(`pen-owner-form-${p.serial}`, { class: 'setup-form inline' });
      const who = ownerSelect(`pen-owner-${p.serial}`, h, known.owner);
      fill(f.node, f.field('owner', `Whose pen ${p.serial} is`, who, 'Its next sessions are theirs; sessions already recorded stay whose they were.'),
        el('button', { type: 'submit', id: `pen-owner-${p.serial}-save`, text: 'Save owner' }), f.general);
      f.node.addEventListener('submit', (e) => {
        e.preventDefault();
        setupChange(f, 'POST', `/api/pens/${encodeURIComponent(p.serial)}/owner`, { owner: who.value }, (b) => `Pen ${b.serial} is ${b.owner}'s from its next session.`, done);
      });
      return el('li', { id: `pen-row-${p.serial}` }, `${p.serial}, ${known.owner}'s`, f.node, forget.node);
    });
    const paired = el('section', { class: 'card', 'aria-labelledby': 'setup-pens-title' },
      el('h3', { id: 'setup-pens-title', text: 'Pens this gateway records' }),
      rows.length ? el('ul', { class: 'plain' }, ...rows) : el('p', { text: 'None yet: pair one from the list above.' }),
      el('p', { class: 'hint', text: 'A pen listed under pens: in the configuration file is the file\u2019s: the file wins, and its owner is changed there; forgetting it here is refused.' }));
    return [nearby, paired];
  }

  /** Devices without Bluetooth (rollers, pens): added, changed and removed; the file's shown as set there. */
  function setupDevices(h, done) {
    const kindSelect = (id, chosen) => el('select', { id }, ...h.deviceKinds.map((k) => el('option', { value: k, text: k, selected: k === chosen })));
    const rows = h.devices.map((d) => {
      const facts = `${d.id}: ${d.kind}${d.needleLengthMm === null ? '' : `, needles ${mm(d.needleLengthMm)}`}, ${d.owner}'s`;
      if (d.inFile) return el('li', { id: `device-row-${d.id}` }, facts, ' · ', fromFile(h));
      const f = setupForm(`edit-device-form-${d.id}`);
      const kind = kindSelect(`edit-device-${d.id}-kind`, d.kind);
      const who = ownerSelect(`edit-device-${d.id}-owner`, h, d.owner);
      const needles = el('input', { id: `edit-device-${d.id}-needles`, type: 'text', inputmode: 'decimal', value: d.needleLengthMm === null ? '' : String(d.needleLengthMm) });
      fill(f.node, f.field('kind', 'Kind', kind), f.field('owner', 'Whose it is', who), f.field('needleLength', 'Needle length (mm, a roller\u2019s)', needles),
        el('button', { type: 'submit', id: `edit-device-${d.id}-save`, text: `Save ${d.id}` }), f.general);
      f.node.addEventListener('submit', (e) => {
        e.preventDefault();
        const body = { kind: kind.value, owner: who.value };
        if (needles.value.trim() && kind.value === 'roller') body.needleLength = needles.value.trim();
        setupChange(f, 'POST', `/api/devices/${encodeURIComponent(d.id)}`, body, (b) => `Saved ${b.id}.`, done);
      });
      const r = setupForm(`remove-device-form-${d.id}`);
      fill(r.node, el('button', { type: 'submit', id: `remove-device-${d.id}`, text: `Remove ${d.id}` }), r.general);
      r.node.addEventListener('submit', (e) => {
        e.preventDefault();
        setupChange(r, 'DELETE', `/api/devices/${encodeURIComponent(d.id)}`, {}, (b) => `Removed ${b.id}; sessions logged with it keep its name.`, done);
      });
      return el('li', { id: `device-row-${d.id}` }, facts,
        el('details', { id: `device-edit-${d.id}` }, el('summary', { text: `Change ${d.id}` }), f.node, r.node));
    });
    const f = setupForm('add-device-form');
    const id = el('input', { id: 'add-device-id', type: 'text', autocapitalize: 'none', spellcheck: 'false', maxlength: '32', placeholder: 'e.g. roller-1' });
    const kind = kindSelect('add-device-kind', 'roller');
    const who = ownerSelect('add-device-owner', h, state.owner);
    const needles = el('input', { id: 'add-device-needles', type: 'text', inputmode: 'decimal', placeholder: 'e.g. 0.5' });
    fill(f.node,
      el('h4', { text: 'Add a device' }),
      f.field('id', 'Id', id, 'The name it is logged with: lower-case letters, digits and \u2018-\u2019.'),
      f.field('kind', 'Kind', kind),
      f.field('owner', 'Whose it is', who),
      f.field('needleLength', 'Needle length (mm)', needles, 'A roller\u2019s needles are its depth every time; a pen has none (its depth is given each time).'),
      el('button', { type: 'submit', id: 'add-device', text: 'Add device' }), f.general);
    f.node.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { id: id.value.trim(), kind: kind.value, owner: who.value };
      if (needles.value.trim()) body.needleLength = needles.value.trim();
      if (await setupChange(f, 'POST', '/api/devices', body, (b) => `Added ${b.id} (${b.kind}, ${b.owner}'s).`, done)) {
        id.value = '';
        needles.value = '';
      }
    });
    return el('section', { class: 'card', id: 'setup-devices', 'aria-labelledby': 'setup-devices-title' },
      el('h3', { id: 'setup-devices-title', text: 'Devices without Bluetooth' }),
      rows.length ? el('ul', { class: 'plain' }, ...rows) : el('p', { text: 'None yet. A roller or a pen without Bluetooth is added here, then chosen when logging a session.' }),
      f.node);
  }

  /** The person's conditions: added with from/until, ended, listed, as `needleguard condition` does. */
  function setupConditions(data, o, done) {
    const kinds = state.overview.conditionKinds || [];
    const f = setupForm('setup-conditions-form', { class: 'card setup-form' });
    const condition = el('select', { id: 'setup-condition' }, ...kinds.map((k) => el('option', { value: k, text: k })));
    const from = el('input', { id: 'setup-from', type: 'text', inputmode: 'numeric', placeholder: localDate(o.now) });
    const until = el('input', { id: 'setup-until', type: 'text', inputmode: 'numeric', placeholder: 'while it lasts' });
    fill(f.node,
      el('h3', { text: `Add a condition for ${o.id}` }),
      f.field('condition', 'Condition', condition, 'Sessions already recorded in its time are judged again.'),
      f.field('from', 'From (first day)', from, `Days as 2026-01-24, in ${o.id}'s time zone (${o.zone}). From is today when left empty.`),
      f.field('until', 'Until (last day, optional)', until),
      el('button', { type: 'submit', id: 'setup-add', text: 'Add condition' }), f.general);
    f.node.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { condition: condition.value };
      if (from.value.trim()) body.from = from.value.trim();
      if (until.value.trim()) body.until = until.value.trim();
      setupChange(f, 'POST', `/api/owners/${encodeURIComponent(o.id)}/conditions`, body,
        (b) => `Added ${b.condition.condition} for ${o.id}; ${b.rejudged.length} session(s) judged again.`, done);
    });
    const end = setupForm('end-conditions');
    const conditions = el('section', { class: 'card', 'aria-labelledby': 'setup-conditions-title' },
      el('h3', { id: 'setup-conditions-title', text: `Conditions of ${o.id}` }),
      data.conditions.length === 0 ? el('p', { text: 'None recorded.' }) : el('ul', { class: 'plain' },
        ...data.conditions.map((c) => el('li', { id: `condition-${c.id}` },
          `#${c.id} ${c.condition} (${c.kind}) from ${day(c.from, o.zone)}${c.until ? `, until ${day(c.until, o.zone)}` : ', until ended'}${c.active ? ' — active' : ''} `,
          c.until ? null : el('button', { type: 'button', id: `end-condition-${c.id}`, text: 'End today', onclick: () =>
            setupChange(end, 'POST', `/api/conditions/${c.id}/end`, {}, () => `Ended #${c.id}.`, done) })))),
      end.general);
    return [f.node, conditions];
  }

  // --- Log a session by hand --------------------------------------------------------------------

  /** How far back the form offers days; an older session is logged on the gateway's computer. */
  const LOG_DAYS = 30;

  /**
   * The form that logs a session by hand (a derma roller, a pen without Bluetooth) for the person shown,
   * through POST /api/owners/{id}/log: the gateway judges it as `needleguard log` does. Made once; a
   * refresh updates its lists and keeps what was typed.
   */
  function logForm() {
    if (state.logForm) return state.logForm;
    const f = { fields: {} };
    f.heading = el('h2');
    f.area = el('select', { id: 'log-area', name: 'area', required: true, 'aria-required': 'true' });
    f.device = el('select', { id: 'log-device', name: 'device' });
    f.depth = el('input', { id: 'log-depth', name: 'depth', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: 'e.g. 0.5' });
    f.duration = el('input', { id: 'log-duration', name: 'duration', type: 'text', autocomplete: 'off', placeholder: 'e.g. 10m, 90s, 1h05m' });
    f.day = el('select', { id: 'log-day', name: 'day' });
    f.time = el('input', { id: 'log-time', name: 'time', type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'e.g. 19:30', maxlength: '5', 'aria-label': 'Time it started (hours:minutes)' });
    f.cartridge = el('input', { id: 'log-cartridge', name: 'cartridge', type: 'text', autocomplete: 'off', maxlength: '16', placeholder: 'e.g. C-12' });
    f.submit = el('button', { type: 'submit', id: 'log-submit', text: 'Log session' });
    f.result = el('section', { class: 'card', id: 'log-result', hidden: true, 'aria-labelledby': 'log-result-title' });
    f.typedDepth = '';
    const field = (name, label, inputs, hint, required) => {
      const hintNode = hint === null ? null : el('p', { class: 'hint', id: `log-${name}-hint`, text: hint || '' });
      const error = el('p', { class: 'field-error', id: `log-${name}-error`, hidden: true });
      f.fields[name] = { inputs, hint: hintNode, error };
      for (const input of inputs) input.setAttribute('aria-describedby', [hintNode ? hintNode.id : null, error.id].filter(Boolean).join(' '));
      return el('div', { class: 'field' }, el('label', { for: inputs[0].id }, label, required ? el('span', { class: 'req', text: ' (required)' }) : null), inputs.length === 1 ? inputs[0] : el('div', { class: 'pair' }, inputs), hintNode, error);
    };
    f.form = el(
      'form',
      { id: 'log-form', class: 'log-form', novalidate: true, autocomplete: 'off', 'aria-label': 'Log a session' },
      field('area', 'Area', [f.area], null, true),
      field('device', 'Device', [f.device], 'Optional: a roller, or a pen without Bluetooth, that the household has set up.'),
      field('depth', 'Depth (mm)', [f.depth], '', true),
      field('duration', 'Duration', [f.duration], 'Optional: left out, it is not known (and the findings say so).'),
      field('at', 'Started', [f.day, f.time], ''),
      field('cartridge', 'Cartridge', [f.cartridge], 'Optional: the cartridge or roller head.'),
      el('div', { class: 'actions' }, f.submit)
    );
    f.depth.addEventListener('input', () => {
      f.typedDepth = f.depth.value;
    });
    f.device.addEventListener('change', () => deviceChosen(f));
    f.day.addEventListener('change', () => dayChosen(f));
    f.form.addEventListener('submit', (e) => {
      e.preventDefault();
      logSession(f);
    });
    f.root = el(
      'div',
      { id: 'log' },
      f.heading,
      el(
        'section',
        { class: 'card' },
        f.form,
        el('p', { class: 'hint', text: "The session is judged at once, like a pen's, stored, published over MQTT and shown in every view as logged by hand. A session logged by mistake is corrected or deleted on the gateway's own computer; this page only adds." })
      ),
      f.result
    );
    state.logForm = f;
    return f;
  }

  function drawLog() {
    const f = logForm();
    const o = owner();
    fill(f.heading, `Log a session by hand for ${o.id}`, el('span', { class: 'sub', text: 'a derma roller, or a pen without Bluetooth' }));
    options(f.area, [{ value: '', text: 'choose…' }, ...state.overview.areas.filter((a) => a !== 'unspecified').map((a) => ({ value: a, text: areaName(a) }))]);
    const devices = state.overview.devices || [];
    options(f.device, [
      { value: '', text: devices.length ? 'none (give the depth)' : 'none set up' },
      ...devices.map((d) => ({ value: d.id, text: `${d.id}: ${d.kind}${d.needleLengthMm === null ? '' : ` ${mm(d.needleLengthMm)}`}, ${d.owner}'s` })),
    ]);
    f.device.disabled = devices.length === 0;
    // The days to choose from, written as everywhere on the page; the time is typed as 19:30.
    const today = localDate(o.now);
    const days = [{ value: '', text: `just now (ended ${time(o.now, o.zone)})` }];
    for (let i = 0; i < LOG_DAYS; i++) {
      const date = addDays(today, -i);
      days.push({ value: date, text: `${day(date + 'T12:00:00Z', 'UTC')}${i === 0 ? ' (today)' : i === 1 ? ' (yesterday)' : ''}` });
    }
    options(f.day, days);
    f.fields.at.hint.textContent = `In ${o.id}'s time zone (${o.zone}), a day and the time, e.g. 19:30. "Just now": the session ended at ${time(o.now, o.zone)}.`;
    dayChosen(f);
    deviceState(f);
    // The last answer is about the person it was for.
    if (f.resultOwner !== o.id) f.result.hidden = true;
    const main = document.getElementById('main');
    return { before: main.contains(f.root) ? null : [f.root] };
  }

  /** Replaces a select's options only when they changed, keeping the choice. */
  function options(select, list) {
    const key = JSON.stringify(list);
    if (select.dataset.options === key) return;
    const chosen = select.value;
    select.replaceChildren(...list.map((o) => el('option', { value: o.value, text: o.text })));
    select.value = list.some((o) => o.value === chosen) ? chosen : '';
    select.dataset.options = key;
  }

  function dayChosen(f) {
    f.time.disabled = f.day.value === '';
    if (f.time.disabled) f.time.value = '';
  }

  function chosenDevice(f) {
    return (state.overview.devices || []).find((d) => d.id === f.device.value) || null;
  }

  /** A roller's needles are its depth; a pen without Bluetooth, or none, needs the depth typed. */
  function deviceState(f) {
    const d = chosenDevice(f);
    const roller = d && d.needleLengthMm !== null;
    f.depth.disabled = !!roller;
    f.depth.value = roller ? Number(d.needleLengthMm).toFixed(2) : f.typedDepth;
    f.depth.setAttribute('aria-required', String(!roller));
    f.fields.depth.hint.textContent = !d
      ? 'The depth the needles were set to.'
      : `${roller ? `A roller: its needles, ${mm(d.needleLengthMm)}, are the depth. ` : 'A pen: give the depth it was set to. '}` + (d.owner === state.owner ? '' : `It is ${d.owner}'s; this session is ${state.owner}'s.`);
  }

  /** As `needleguard log --device` does, the device brings its owner: the form turns to them. */
  function deviceChosen(f) {
    const d = chosenDevice(f);
    if (d && d.owner !== state.owner && state.overview.owners.some((o) => o.id === d.owner)) go(d.owner, 'log');
    else deviceState(f);
  }

  /** Which field a refusal is about, from the words the gateway uses (they name the field or what it holds). */
  const FIELD_OF = [
    [/^area\b|is not an area|the area/, 'area'],
    [/^device\b|is not a device|needles are/, 'device'],
    [/^depth\b|the depth|a depth/, 'depth'],
    [/^duration\b|a duration/, 'duration'],
    [/^at\b|would (start|end)|already logged/, 'at'],
    [/^cartridge\b|cartridge id/, 'cartridge'],
  ];

  function fieldOf(message) {
    const hit = FIELD_OF.find(([pattern]) => pattern.test(message));
    return hit ? hit[1] : null;
  }

  function clearErrors(f) {
    for (const field of Object.values(f.fields)) {
      field.error.hidden = true;
      field.error.textContent = '';
      for (const input of field.inputs) input.removeAttribute('aria-invalid');
    }
  }

  function fieldError(f, name, message) {
    const field = f.fields[name];
    field.error.textContent = message;
    field.error.hidden = false;
    for (const input of field.inputs) input.setAttribute('aria-invalid', 'true');
    // A day is chosen from a list; when one is, what is wrong is the time typed beside it.
    if (name === 'at' && f.day.value !== '') return f.time;
    return field.inputs.find((i) => !i.disabled) || field.inputs[0];
  }

  /** What the page can say before asking the gateway: required fields, and a time it can read. */
  function checkForm(f) {
    const errors = [];
    if (f.area.value === '') errors.push(['area', 'Choose the area you needled.']);
    if (!f.depth.disabled && f.depth.value.trim() === '') errors.push(['depth', 'Give the depth in mm, e.g. 0.5, or choose a roller as the device.']);
    if (f.day.value !== '' && !/^([01]?\d|2[0-3])[:.]?[0-5]\d$/.test(f.time.value.trim())) errors.push(['at', 'Give the time it started as hours and minutes, e.g. 19:30.']);
    return errors;
  }

  function startedAt(f) {
    if (f.day.value === '') return null;
    const t = f.time.value.trim().replace('.', ':');
    const [h, m] = t.includes(':') ? t.split(':') : [t.slice(0, -2), t.slice(-2)];
    return `${f.day.value}T${h.padStart(2, '0')}:${m}`;
  }

  async function logSession(f) {
    const o = owner();
    clearErrors(f);
    const errors = checkForm(f);
    if (errors.length > 0) {
      const first = errors.map(([name, message]) => fieldError(f, name, message))[0];
      showRefusal(f, errors.length === 1 ? errors[0][1] : `${errors.length} fields need a change: ${errors.map((e) => e[1]).join(' ')}`, false);
      first.focus();
      return;
    }
    const body = {};
    for (const name of ['area', 'device', 'duration', 'cartridge']) {
      if (f[name].value.trim() !== '') body[name] = f[name].value.trim();
    }
    if (!f.depth.disabled && f.depth.value.trim() !== '') body.depth = f.depth.value.trim();
    const at = startedAt(f);
    if (at) body.at = at;
    f.submit.disabled = true;
    try {
      const response = await post(`/api/owners/${encodeURIComponent(o.id)}/log`, body);
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        const message = answer.error || `HTTP ${response.status}`;
        const name = fieldOf(message);
        const input = name ? fieldError(f, name, pageWords(message)) : null;
        showRefusal(f, pageWords(message), !input);
        if (input) input.focus();
        return;
      }
      showLogged(f, answer, o);
      for (const input of [f.area, f.duration, f.day, f.time, f.cartridge]) input.value = '';
      f.typedDepth = '';
      dayChosen(f);
      deviceState(f);
    } catch (e) {
      showRefusal(f, e instanceof Silent ? 'The gateway did not answer: nothing was logged. Log it again once the gateway is back.' : `Not logged: ${e.message}`, true);
    } finally {
      f.submit.disabled = false;
    }
    refreshSoon();
  }


  function resultHeading(text, badge) {
    return el('h3', { id: 'log-result-title', tabindex: '-1' }, text, badge ? ' ' : null, badge);
  }

  function reveal(f) {
    f.result.scrollIntoView({ block: 'start', behavior: 'auto' });
    document.getElementById('log-result-title').focus({ preventScroll: true });
  }

  function showRefusal(f, message, moveFocus) {
    f.resultOwner = state.owner;
    f.result.hidden = false;
    f.result.className = 'card refused';
    fill(f.result, resultHeading('Not logged'), el('p', { class: 'message', id: 'log-refusal', text: message }), el('p', { class: 'hint', text: 'Nothing was stored. Change what is marked and log it again.' }));
    if (moveFocus) reveal(f);
  }

  /** What `needleguard log` prints: the session, its findings, when its area is next safe, what it changed. */
  function showLogged(f, answer, o) {
    const s = answer.session;
    const zone = o.zone;
    const level = worst(s.findings);
    const summary = [
      `${s.owner}, ${areaName(s.area)} at ${mm(s.depthMm)}`,
      dayTime(s.start, zone),
      s.durationS == null ? 'duration not given' : minutes(s.durationS),
      s.cartridge ? `cartridge ${s.cartridge}` : null,
      s.device ? s.device : null,
    ].filter(Boolean);
    const badge =
      level === 'ok' ? el('span', { class: 'badge sev-ok', text: 'no findings' }) : el('span', { class: `badge sev-${level}`, text: `${level === 'info' ? 'a note' : `flagged: ${level}`}` });
    let next;
    if (answer.safeNow) next = ['safe now'];
    else if (answer.nextSafe.at) next = [`from ${when(answer.nextSafe.at, zone)} `, el('span', { class: 'relative', text: `(${relative(answer.nextSafe.at, o.now)})` }), `. ${capitalised(answer.nextSafe.reason)}`];
    else next = [`${noDate(answer.nextSafe)}. ${capitalised(answer.nextSafe.reason)}`];
    f.resultOwner = o.id;
    f.result.hidden = false;
    f.result.className = `card ${level === 'ok' ? 'logged' : `flagged-${level}`}`;
    fill(f.result, 
      resultHeading(`Logged ${s.sessionId}`, badge),
      el('p', { class: 'sub', id: 'log-summary', text: summary.join(', ') }),
      s.findings.length === 0
        ? null
        : el(
            'div',
            { id: 'log-findings' },
            s.findings.map((x) => el('article', { class: 'finding', 'data-rule': x.rule, 'data-severity': x.severity }, el('div', { class: 'head' }, el('span', { class: `badge sev-${x.severity}`, text: x.severity }), el('span', { class: 'rule', text: x.rule })), el('p', { class: 'message', text: pageWords(x.message) })))
          ),
      el('p', { id: 'log-next', 'data-safe-now': String(answer.safeNow), 'data-next-safe': answer.nextSafe ? answer.nextSafe.at : null }, el('b', { text: `Next session on ${areaName(s.area)}: ` }), next),
      answer.nextSafe ? el('p', { class: 'details' }, 'Rule: ', el('span', { class: 'rule', text: answer.nextSafe.rule })) : null,
      answer.rejudged.length === 0
        ? null
        : el(
            'div',
            { id: 'log-rejudged' },
            el('p', { text: `Judged again, as it came before ${answer.rejudged.length === 1 ? 'this session' : 'these sessions'}:` }),
            el('ul', { class: 'plain' }, answer.rejudged.map((r) => el('li', { 'data-session': r.sessionId }, `${r.sessionId}, ${areaName(r.area)} ${mm(r.depthMm)}, ${dayTime(r.start, zone)}: ${findingWords(r.findings)}`)))
          )
    );
    reveal(f);
  }

  // --- tooltip -----------------------------------------------------------------------------------

  function showTooltip(x, y, content) {
    const tip = document.getElementById('tooltip');
    fill(tip, content);
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const left = Math.min(window.innerWidth - w - 8, x + 14);
    const top = y + h + 20 > window.innerHeight ? y - h - 14 : y + 14;
    tip.style.left = `${Math.max(8, left)}px`;
    tip.style.top = `${Math.max(8, top)}px`;
  }

  function hideTooltip() {
    const tip = document.getElementById('tooltip');
    if (tip) tip.hidden = true;
  }

  // --- live updates ------------------------------------------------------------------------------

  function liveState(on) {
    document.getElementById('live').classList.toggle('on', on);
    document.getElementById('live-text').textContent = on ? 'live' : 'reconnecting';
  }

  /** Fetches again only when what changed is something the view shows. */
  function changed(event) {
    let kinds = null;
    try {
      kinds = JSON.parse(event.data).kinds;
    } catch (e) {
      kinds = null; // not understood: fetch, to be safe
    }
    const shows = SHOWS[state.view] || [];
    const refreshed = !Array.isArray(kinds) || kinds.some((k) => shows.includes(k));
    const heard = window.needleguard.heard;
    heard.push({ kinds, view: state.view, refreshed });
    if (heard.length > 100) heard.shift();
    if (refreshed) refreshSoon();
  }

  function listen() {
    if (state.events) state.events.close();
    const events = new EventSource('/api/events');
    state.events = events;
    events.addEventListener('open', () => {
      health.lastHeard = Date.now();
      liveState(true);
      answered();
      refreshSoon();
    });
    events.addEventListener('alive', () => {
      health.lastHeard = Date.now();
    });
    // The stream broke: the gateway stopped, or the network. Ask at once whether it still answers.
    events.addEventListener('error', () => {
      liveState(false);
      probe();
    });
    events.addEventListener('change', (e) => {
      health.lastHeard = Date.now();
      changed(e);
    });
  }

  /**
   * A gateway that hangs keeps its connections open, so the stream neither breaks nor speaks: when an
   * open stream has been quiet for a few heartbeats, ask (no answer within ANSWER_WITHIN_MS marks the
   * page stale) and open the stream again (a new one answers again once the gateway does).
   */
  function watchHeartbeat() {
    const events = state.events;
    if (!events || events.readyState !== EventSource.OPEN || health.lastHeard === null) return;
    if (Date.now() - health.lastHeard < UNHEARD_AFTER_MS) return;
    health.lastHeard = Date.now();
    liveState(false);
    probe();
    listen();
  }

  // The address's fragment is the view (#/alex/today): the skip link moves the focus instead.
  document.querySelector('.skip').addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main').focus();
  });
  window.addEventListener('hashchange', refresh);
  let resized = null;
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return; // a phone's toolbar sliding away changes the height only
    width = window.innerWidth;
    clearTimeout(resized);
    resized = setTimeout(() => {
      if (state.drawnData) show(state.view, state.drawnData, true);
    }, 200);
  });
  // Time passes: "safe now" and the time left change even when nothing is recorded.
  setInterval(refresh, 60000);
  setInterval(watchHeartbeat, 2000);
  refresh();
  listen();
})();
