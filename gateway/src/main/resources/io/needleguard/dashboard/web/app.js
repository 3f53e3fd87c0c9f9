// needleguard dashboard: reads the gateway's JSON API (src/docs/dashboard.md), draws it, and fetches it
// again when the gateway says something changed (server-sent events on /api/events). Read-only but for
// choosing a pen's area and logging a session by hand. No inline script or style (the Content-Security-Policy forbids them), nothing
// fetched from anywhere but this gateway. Times are shown in each person's own time zone.
'use strict';

(function () {
  const VIEWS = ['today', 'calendar', 'depth', 'spacing', 'pens', 'findings', 'log'];
  const PER_PERSON = new Set(['today', 'calendar', 'depth', 'spacing', 'findings', 'log']);
  /** How far back the calendar, depth and spacing views look. */
  const WEEKS = 26;
  const SEVERITY_RANK = { info: 1, warning: 2, critical: 3 };

  const state = {
    overview: null,
    owner: null,
    view: 'today',
    charts: { depth: {}, spacing: null },
    renders: 0,
    pending: null,
    inFlight: false,
    again: false,
  };

  // For tests and the curious: what the charts plot (uPlot instances), and how often the page drew.
  window.needleguard = { charts: state.charts, state: state };

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

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
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

  function weekday(date) {
    return (new Date(date + 'T00:00:00Z').getUTCDay() + 6) % 7; // Monday 0
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

  // --- data --------------------------------------------------------------------------------------

  async function get(path) {
    const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('not logged in');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || `${path}: HTTP ${response.status}`);
    return body;
  }

  function owner() {
    return state.overview.owners.find((o) => o.id === state.owner);
  }

  function since() {
    return firstCalendarDay();
  }

  /** The Monday WEEKS - 1 weeks before the week of the person's today. */
  function firstCalendarDay() {
    const today = localDate(owner().now);
    return addDays(today, -weekday(today) - (WEEKS - 1) * 7);
  }

  async function load(view) {
    const o = encodeURIComponent(state.owner || '');
    switch (view) {
      case 'today':
        return { today: await get(`/api/owners/${o}/today`) };
      case 'calendar':
        return { sessions: await get(`/api/owners/${o}/sessions?since=${since()}`) };
      case 'depth': {
        const [sessions, limits] = await Promise.all([
          get(`/api/owners/${o}/sessions?since=${since()}`),
          get(`/api/owners/${o}/limits`),
        ]);
        return { sessions, limits };
      }
      case 'spacing':
        return { spacing: await get(`/api/owners/${o}/spacing?since=${since()}`) };
      case 'findings':
        return { findings: await get(`/api/owners/${o}/findings`) };
      case 'pens':
        return { pens: await get('/api/pens') };
      case 'log':
        return {}; // the form needs the areas, devices and people: the overview has them
      default:
        return {};
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
        const data = await load(view);
        if (view === state.view) draw(view, data);
      }
      problem(null);
    } catch (e) {
      problem(`The gateway did not answer: ${e.message}`);
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

  function header() {
    const people = document.getElementById('people');
    people.replaceChildren(
      ...state.overview.owners.map((o) =>
        el('button', {
          type: 'button',
          'data-owner': o.id,
          'aria-pressed': String(o.id === state.owner),
          text: o.id,
          onclick: () => go(o.id, state.view),
        })
      )
    );
    people.classList.toggle('hidden', !PER_PERSON.has(state.view));
    for (const a of document.querySelectorAll('#views a')) {
      a.setAttribute('href', `#/${state.owner || ''}/${a.dataset.view}`);
      if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const o = owner();
    document.getElementById('clock').textContent = o ? `as of ${dayTime(o.now, o.zone)}` : '';
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
    }[view]();
    // The form is drawn once and kept while it is shown: what is typed, and the focus, survive a refresh.
    if (content.before) main.replaceChildren(...content.before);
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
    return el('h2', null, text, sub ? el('span', { class: 'sub', text: `  ${sub}` }) : null);
  }

  // --- Today -------------------------------------------------------------------------------------

  /** A next safe time without a date: never at home for the eyelids; a condition with no end recorded has no date at all. */
  function noDate(nextSafe) {
    return nextSafe.rule === 'area.not-for-needling' ? 'not at home' : 'no date';
  }

  function drawToday(today) {
    const zone = owner().zone;
    // Held back first, soonest first; then the areas not needled at home; then the safe ones.
    const order = (a) => (a.safeNow ? 3e15 : a.nextSafe.at ? Date.parse(a.nextSafe.at) : 2e15);
    const areas = [...today.areas].sort((a, b) => order(a) - order(b));
    const rows = areas.map((a) => {
      let badge;
      if (a.safeNow) badge = el('span', { class: 'badge safe', text: 'safe now' });
      else if (a.nextSafe.at) badge = el('span', { class: 'badge wait', text: `from ${when(a.nextSafe.at, zone)}` });
      else badge = el('span', { class: 'badge never', text: noDate(a.nextSafe) });
      return el(
        'tr',
        { 'data-area': a.area, 'data-safe-now': String(a.safeNow), 'data-next-safe': a.nextSafe ? a.nextSafe.at : null },
        el('td', null, el('b', { text: a.area })),
        el('td', { class: 'when' }, badge),
        el('td', null, a.nextSafe ? el('span', { class: 'rule', text: a.nextSafe.rule }) : ''),
        el('td', { class: 'reason', text: a.nextSafe ? a.nextSafe.reason : a.lastSession ? `last: ${mm(a.lastSession.depthMm)} on ${day(a.lastSession.start, zone)}` : '' })
      );
    });
    const areaCard = el(
      'section',
      { class: 'card wide', id: 'areas' },
      el('h3', { text: 'Next safe session, per area' }),
      el('table', null, el('thead', null, el('tr', null, el('th', { text: 'Area' }), el('th', { text: 'When' }), el('th', { text: 'Rule' }), el('th', { text: 'Why' }))), el('tbody', null, rows)),
      el('p', { class: 'hint' }, 'The next session is assumed as deep as the last one on that area, as ', el('code', { text: 'needleguard status' }), ' assumes.')
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
              el(
                'li',
                { 'data-condition': c.condition },
                el('b', { text: c.condition }),
                ` (${c.kind} list) since ${day(c.from, zone)}`,
                c.countsUntil ? `, counts until ${when(c.countsUntil, zone)}` : ', open-ended'
              )
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
        if (!e.areas.includes(a.area)) e.areas.push(a.area);
        steps.set(st.id, e);
      }
    }
    const aftercare = el(
      'section',
      { class: 'card', id: 'aftercare' },
      el('h3', { text: 'Aftercare still running' }),
      steps.size === 0
        ? el('p', { class: 'empty', text: 'Nothing: no session in the last two weeks.' })
        : el(
            'ul',
            { class: 'plain' },
            [...steps.entries()].map(([id, e]) =>
              el(
                'li',
                { 'data-step': id },
                e.advice,
                el('div', { class: 'left', text: `until ${dayTime(e.until, zone)} (${duration(e.secondsLeft)} left), after ${e.areas.join(', ')}` })
              )
            )
          ),
      today.aftercare.length === 0 ? null : el('p', { class: 'hint', text: `After ${today.aftercare.length} session${today.aftercare.length === 1 ? '' : 's'} of the last two weeks; the latest, on ${today.aftercare[0].area}, ${today.aftercare[0].end ? `ended ${dayTime(today.aftercare[0].end, zone)}` : `started ${dayTime(today.aftercare[0].start, zone)}`}.` })
    );
    const findings = el(
      'section',
      { class: 'card', id: 'open-findings' },
      el('h3', { text: 'Open findings' }),
      el('p', null, today.openFindings === 0 ? 'None in the last 7 days.' : `${today.openFindings} warning or critical finding${today.openFindings === 1 ? '' : 's'} in the last 7 days: `, today.openFindings === 0 ? null : el('a', { href: `#/${state.owner}/findings`, text: 'see them' }))
    );
    return { before: [title(`Today for ${today.owner}`, `as of ${dayTime(today.at, zone)}`), el('div', { class: 'grid' }, areaCard, conditions, aftercare, findings)] };
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

  function drawCalendar(sessions) {
    const o = owner();
    const first = firstCalendarDay();
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
    const width = left + WEEKS * (cell + gap);
    const height = top + 7 * (cell + gap);
    const chart = svg('svg', { class: 'calendar', viewBox: `0 0 ${width} ${height}`, width: width * 1.6, height: height * 1.6, role: 'img', 'aria-label': 'Sessions per day' });
    ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'].forEach((name, i) => {
      if (name) chart.append(svg('text', { x: 0, y: top + i * (cell + gap) + cell - 4, text: name }));
    });
    let lastMonth = '';
    let daysWithSessions = 0;
    let flaggedDays = 0;
    for (let w = 0; w < WEEKS; w++) {
      for (let d = 0; d < 7; d++) {
        const date = addDays(first, w * 7 + d);
        const month = date.slice(0, 7);
        if (d === 0 && month !== lastMonth) {
          chart.append(svg('text', { x: left + w * (cell + gap), y: 11, text: format('UTC', { month: 'short' }).format(new Date(date + 'T12:00:00Z')) }));
          lastMonth = month;
        }
        const daySessions = byDay.get(date) || [];
        const future = date > today;
        const level = daySessions.length === 0 ? 'none' : worst(daySessions.flatMap((s) => s.findings));
        if (daySessions.length > 0) daysWithSessions++;
        if (level === 'warning' || level === 'critical') flaggedDays++;
        const rect = svg('rect', {
          class: `day c-${level}${date === today ? ' today' : ''}${future ? ' future' : ''}`,
          x: left + w * (cell + gap),
          y: top + d * (cell + gap),
          width: cell,
          height: cell,
          rx: 3,
          'data-date': date,
          'data-count': daySessions.length,
          'data-worst': level,
        });
        rect.addEventListener('mousemove', (e) => showTooltip(e.clientX, e.clientY, dayTooltip(date, daySessions, o.zone)));
        rect.addEventListener('mouseleave', hideTooltip);
        chart.append(rect);
      }
    }
    const legend = el(
      'p',
      { class: 'legend' },
      el('span', { class: 'c-none', text: 'no session' }),
      el('span', { class: 'c-ok', text: 'sessions, no finding' }),
      el('span', { class: 'c-info', text: 'worst: info' }),
      el('span', { class: 'c-warning', text: 'worst: warning' }),
      el('span', { class: 'c-critical', text: 'worst: critical' })
    );
    const shown = sessions.filter((s) => localDate(s.start) >= first).length;
    return {
      before: [
        title(`Calendar for ${o.id}`, `the last ${WEEKS} weeks, each day coloured by its worst finding`),
        el('section', { class: 'card', id: 'calendar', 'data-sessions': shown }, chart, legend, el('p', { class: 'empty', text: `${shown} session${shown === 1 ? '' : 's'} on ${daysWithSessions} day${daysWithSessions === 1 ? '' : 's'}; ${flaggedDays} day${flaggedDays === 1 ? '' : 's'} with a warning or worse.` })),
      ],
    };
  }

  function dayTooltip(date, sessions, zone) {
    const head = el('b', { text: day(date + 'T12:00:00Z', 'UTC') });
    if (sessions.length === 0) return [head, el('div', { text: 'no session' })];
    return [head, el('ul', null, sessions.map((s) => el('li', null, `${time(s.start, zone)} ${s.area} ${mm(s.depthMm)}, ${s.pen ?? 'by hand'}`, s.findings.length ? ` — ${s.findings.map((f) => `${f.severity} ${f.rule}`).join(', ')}` : '')))];
  }

  // --- Depth -------------------------------------------------------------------------------------

  function chartWidth(container) {
    return Math.max(300, Math.min(640, container.clientWidth || 560));
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
      el('b', { text: `${s.area}, ${dayTime(s.start, zone)}` }),
      el('div', { text: `${recordedBy(s)} (${s.sessionId}), ${mm(s.depthMm)}, ${s.durationS == null ? 'duration not given' : minutes(s.durationS)}${s.strokeHz == null ? '' : `, ${s.strokeHz} Hz`}` }),
      el('div', { text: `cartridge ${s.cartridge}` }),
      s.findings.length === 0 ? el('div', { text: 'no findings' }) : el('ul', null, s.findings.map((f) => el('li', { text: `${f.severity.toUpperCase()} ${f.rule}: ${f.message}` }))),
    ];
  }

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
      const box = el('div', { class: 'chart', id: `depth-${area}`, 'data-area': area, 'data-sessions': list.length });
      const card = el(
        'section',
        { class: 'card' },
        el('h3', null, area, el('span', { class: 'sub', text: limit.limitMm === null ? '  not for needling at home' : `  limit ${mm(limit.limitMm)}` })),
        box
      );
      cards.push(card);
      charts.push({ area, list, limit, box });
    }
    const legend = el(
      'p',
      { class: 'legend' },
      el('span', { class: 'k-depth', text: 'session' }),
      el('span', { class: 'k-flagged', text: 'session with findings' }),
      el('span', { class: 'k-area', text: "the area's limit" }),
      el('span', { class: 'k-warning', text: `home limit ${mm(home.warningAboveMm)}` }),
      el('span', { class: 'k-critical', text: `home maximum ${mm(home.criticalAboveMm)}` })
    );
    const before = [
      title(`Depth over time for ${o.id}`, 'per area, over the last months; hover a point for the session'),
      legend,
      cards.length === 0 ? el('p', { class: 'empty', text: 'No sessions in this time.' }) : el('div', { class: 'grid charts' }, cards),
    ];
    const after = () => {
      for (const c of charts) {
        const x = c.list.map((s) => epoch(s.start));
        const depth = c.list.map((s) => s.depthMm);
        const flagged = c.list.map((s) => (s.findings.length > 0 ? s.depthMm : null));
        const top = Math.max(home.criticalAboveMm, ...depth) + 0.25;
        const lines = [
          { value: home.criticalAboveMm, color: '#c0392b', label: `home maximum ${home.criticalAboveMm.toFixed(2)}` },
          { value: home.warningAboveMm, color: '#d08a12', label: `home limit ${home.warningAboveMm.toFixed(2)}` },
        ];
        if (c.limit.limitMm !== null) {
          lines.push({ value: c.limit.limitMm, color: '#52606d', dash: [6, 4], label: `${c.area} limit ${c.limit.limitMm.toFixed(2)}`, below: c.limit.limitMm === home.warningAboveMm });
        }
        const chart = new uPlot(
          {
            width: chartWidth(c.box),
            height: 210,
            tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), zone),
            legend: { show: false },
            cursor: { drag: { x: false, y: false }, points: { size: 10 } },
            scales: { x: { time: true, range: [xMin, xMax] }, y: { range: [0, top] } },
            axes: [{ stroke: '#616e7c', grid: { stroke: '#eef1f4' }, values: TIME_AXIS }, { stroke: '#616e7c', grid: { stroke: '#eef1f4' }, values: (u, vals) => vals.map((v) => v.toFixed(2)), size: 44, label: 'mm' }],
            series: [
              {},
              { label: 'depth', stroke: '#2b6cb0', paths: () => null, points: { show: true, size: 8, fill: '#2b6cb0', stroke: '#2b6cb0' } },
              { label: 'with findings', stroke: '#c0392b', paths: () => null, points: { show: true, size: 12, fill: '#c0392b', stroke: '#7f1d12' } },
            ],
            plugins: [limitLines(lines), sessionTooltip((i) => sessionDetails(c.list[i], zone))],
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
    const box = el('div', { class: 'chart', id: 'spacing-chart', 'data-sessions': withEarlier.length });
    const rows = spacing
      .slice()
      .reverse()
      .map((s) =>
        el(
          'tr',
          { class: s.tooSoon ? 'too-soon' : null, 'data-session': s.sessionId },
          el('td', { text: dayTime(s.start, zone) }),
          el('td', { text: s.area }),
          el('td', { class: 'num', text: mm(s.depthMm) }),
          el('td', { text: s.earlier ? `${s.earlier.area}, ${day(s.earlier.start, zone)}` : 'none: the first on this area' }),
          el('td', { class: 'num', text: s.days === null ? '—' : `${s.days}` }),
          el('td', { class: 'num', text: `${s.minimumDays}` }),
          el('td', null, s.tooSoon ? el('span', { class: 'badge sev-warning', text: 'too soon' }) : '')
        )
      );
    const before = [
      title(`Spacing for ${o.id}`, 'the days before each session, against the minimum for its depth'),
      el(
        'section',
        { class: 'card' },
        withEarlier.length === 0 ? el('p', { class: 'empty', text: 'No session follows an earlier one on the same area in this time.' }) : box,
        el('p', { class: 'legend' }, el('span', { class: 'k-interval', text: 'days since the earlier session on the area' }), el('span', { class: 'k-flagged', text: 'too soon' }), el('span', { class: 'k-minimum', text: 'minimum for its depth (the deeper of the two)' }))
      ),
      el(
        'section',
        { class: 'card' },
        el('table', { id: 'spacing-table' }, el('thead', null, el('tr', null, ['Session', 'Area', 'Depth', 'Earlier session', 'Days', 'Minimum', ''].map((h, i) => el('th', { class: i === 2 || i === 4 || i === 5 ? 'num' : null, text: h })))), el('tbody', null, rows))
      ),
    ];
    const after = () => {
      if (withEarlier.length === 0) return;
      const x = withEarlier.map((s) => epoch(s.start));
      const days = withEarlier.map((s) => s.days);
      const soon = withEarlier.map((s) => (s.tooSoon ? s.days : null));
      const minimum = withEarlier.map((s) => s.minimumDays);
      const top = Math.max(...days, ...minimum) + 3;
      const minimumMarks = {
        hooks: {
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = '#9aa5b1';
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
          width: Math.max(320, Math.min(1100, box.parentElement.clientWidth - 32)),
          height: 260,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), zone),
          legend: { show: false },
          cursor: { drag: { x: false, y: false }, points: { size: 10 } },
          scales: { x: { time: true, range: timeRange(x, o.now) }, y: { range: [0, top] } },
          axes: [{ stroke: '#616e7c', grid: { stroke: '#eef1f4' }, values: TIME_AXIS }, { stroke: '#616e7c', grid: { stroke: '#eef1f4' }, label: 'days', size: 44 }],
          series: [
            {},
            { label: 'days', stroke: '#2b6cb0', paths: () => null, points: { show: true, size: 8, fill: '#2b6cb0', stroke: '#2b6cb0' } },
            { label: 'too soon', stroke: '#c0392b', paths: () => null, points: { show: true, size: 12, fill: '#c0392b', stroke: '#7f1d12' } },
          ],
          plugins: [
            minimumMarks,
            sessionTooltip((i) => {
              const s = withEarlier[i];
              return [
                el('b', { text: `${s.area}, ${dayTime(s.start, zone)} (${s.sessionId})` }),
                el('div', { text: `${s.days} day${s.days === 1 ? '' : 's'} after the ${s.earlier.area} session of ${day(s.earlier.start, zone)}` }),
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
      const select = el(
        'select',
        { 'data-pen': p.serial, 'aria-label': `Area of ${p.serial}'s next sessions` },
        el('option', { value: '', text: p.area ? '' : '(none chosen)', disabled: true, selected: !p.area }),
        data.areas.map((a) => el('option', { value: a, text: a, selected: a === p.area }))
      );
      select.addEventListener('change', () => chooseArea(p.serial, select.value));
      return el(
        'section',
        { class: 'card pen', 'data-pen': p.serial, 'data-connected': String(p.connected) },
        el('h3', null, p.serial, el('span', { class: 'sub', text: `  ${p.owner}'s${p.model ? `, ${p.model}` : ''}${p.firmware ? ` (firmware ${p.firmware})` : ''}` })),
        el(
          'dl',
          { class: 'facts' },
          el('dt', { text: 'Connection' }),
          el('dd', null, el('span', { class: `badge ${p.connected ? 'on' : 'off'}`, text: p.connected ? (p.link === 'syncing' ? 'connected, fetching' : 'connected') : 'not connected' }), p.running ? ' running now' : ''),
          el('dt', { text: 'Battery' }),
          el('dd', { class: 'battery', text: p.battery === null ? 'not known yet' : `${p.battery} %` }),
          el('dt', { text: 'Last seen' }),
          el('dd', { text: p.connected ? 'now' : p.lastSeen ? dayTime(p.lastSeen, zone) : 'not since the gateway started' }),
          el('dt', { text: 'Waiting' }),
          el('dd', { class: 'waiting', text: p.waiting === null ? (p.connected ? 'asking the pen' : 'not known while it is away; fetched when it is back') : `${p.waiting} session${p.waiting === 1 ? '' : 's'} to fetch` }),
          el('dt', { text: 'Last session' }),
          el('dd', { text: p.lastSession ? `${p.lastSession.area} ${mm(p.lastSession.depthMm)}, ${dayTime(p.lastSession.start, zone)}` : 'none yet' }),
          el('dt', { text: 'Next sessions on' }),
          el('dd', null, select)
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
        el('dd', null, m.enabled ? el('span', { class: `badge ${m.connected ? 'on' : 'off'}`, text: m.connected ? 'connected' : 'not connected' }) : 'off', m.enabled ? ` ${m.broker}` : ''),
        el('dt', { text: 'Outbox' }),
        el('dd', { class: 'outbox', text: m.enabled ? `${m.outbox} message${m.outbox === 1 ? '' : 's'} waiting for the broker` : '—' })
      )
    );
    return {
      before: [
        title('Pens', `${data.pens.length} recorded by this gateway`),
        el('div', { class: 'pens' }, cards, gateway),
        el('p', { class: 'hint', text: 'Choosing an area here does what needleguard area set does: it is stored, and written to the pen (now if it is connected, else when it is back).' }),
      ],
    };
  }

  async function chooseArea(serial, area) {
    try {
      const response = await fetch(`/api/pens/${encodeURIComponent(serial)}/area`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ area }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
      problem(null);
    } catch (e) {
      problem(`The area was not changed: ${e.message}`);
    }
    refreshSoon();
  }

  // --- Findings ----------------------------------------------------------------------------------

  function drawFindings(findings) {
    const zone = owner().zone;
    const items = findings.map((f) =>
      el(
        'article',
        { class: 'finding', 'data-session': f.sessionId, 'data-rule': f.rule },
        el('div', { class: 'head' }, el('span', { class: `badge sev-${f.severity}`, text: f.severity }), el('span', { class: 'rule', text: f.rule }), el('span', { class: 'sub', text: `${f.area}, ${dayTime(f.sessionStart, zone)}, ${recordedBy(f)}` })),
        el('p', { class: 'message', text: f.message }),
        el('p', { class: 'source' }, f.evidence.map((e) => el('span', { class: 'evidence', title: e.meaning, text: `${e.label}: ${e.meaning}` })), `Source: ${f.source}`)
      )
    );
    return {
      before: [
        title(`Open findings for ${owner().id}`, 'warnings and critical findings of the last 7 days, newest first'),
        el('section', { class: 'card', id: 'findings' }, items.length === 0 ? el('p', { class: 'empty', text: 'None.' }) : items),
      ],
    };
  }

  // --- Log a session by hand --------------------------------------------------------------------

  /**
   * The form that logs a session by hand (a derma roller, a pen without Bluetooth) for the person shown,
   * through POST /api/owners/{id}/log: the gateway judges it as `needleguard log` does. Made once; a
   * refresh updates its lists and keeps what was typed.
   */
  function logForm() {
    if (state.logForm) return state.logForm;
    const f = {};
    f.heading = el('h2');
    f.area = el('select', { id: 'log-area', name: 'area' });
    f.device = el('select', { id: 'log-device', name: 'device' });
    f.depth = el('input', { id: 'log-depth', name: 'depth', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: 'e.g. 0.5' });
    f.duration = el('input', { id: 'log-duration', name: 'duration', type: 'text', autocomplete: 'off', placeholder: 'e.g. 10m, 90s, 1h05m' });
    f.at = el('input', { id: 'log-at', name: 'at', type: 'datetime-local', step: '60' });
    f.cartridge = el('input', { id: 'log-cartridge', name: 'cartridge', type: 'text', autocomplete: 'off', maxlength: '16', placeholder: 'e.g. C-12' });
    f.deviceHint = el('p', { class: 'hint', id: 'log-device-hint' });
    f.atHint = el('p', { class: 'hint', id: 'log-at-hint' });
    f.submit = el('button', { type: 'submit', id: 'log-submit', text: 'Log session' });
    f.result = el('section', { class: 'card', id: 'log-result', 'aria-live': 'polite', hidden: true });
    f.typedDepth = '';
    const row = (label, input, hint, ...extra) =>
      el('div', { class: 'field' }, el('label', { for: input.id, text: label }), input, hint ? el('span', { class: 'hint', text: hint }) : null, ...extra);
    f.form = el(
      'form',
      { id: 'log-form', class: 'log-form', novalidate: true, autocomplete: 'off' },
      row('Area', f.area),
      row('Device', f.device, 'optional: one under devices: in the configuration', f.deviceHint),
      row('Depth (mm)', f.depth),
      row('Duration', f.duration, 'optional: left out, it is not known (and the findings say so)'),
      row('Started at', f.at, null, f.atHint),
      row('Cartridge', f.cartridge, 'optional: the cartridge or roller head'),
      el('div', { class: 'actions' }, f.submit)
    );
    f.depth.addEventListener('input', () => {
      f.typedDepth = f.depth.value;
    });
    f.device.addEventListener('change', () => deviceChosen(f));
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
        el('p', { class: 'hint' }, 'The session is judged at once, like a pen\'s, and stored, published over MQTT and shown everywhere as logged by hand; ', el('code', { text: 'needleguard log' }), ' does the same. Corrections: ', el('code', { text: 'needleguard log edit' }), '.')
      ),
      f.result
    );
    state.logForm = f;
    return f;
  }

  function drawLog() {
    const f = logForm();
    const o = owner();
    f.heading.replaceChildren(`Log a session by hand for ${o.id}`, el('span', { class: 'sub', text: '  a derma roller, or a pen without Bluetooth' }));
    options(f.area, [{ value: '', text: 'choose…' }, ...state.overview.areas.map((a) => ({ value: a, text: a }))]);
    const devices = state.overview.devices || [];
    options(f.device, [
      { value: '', text: devices.length ? 'none (give the depth)' : 'none configured' },
      ...devices.map((d) => ({ value: d.id, text: `${d.id}: ${d.kind}${d.needleLengthMm === null ? '' : ` ${mm(d.needleLengthMm)}`}, ${d.owner}'s` })),
    ]);
    f.device.disabled = devices.length === 0;
    f.atHint.textContent = `In ${o.id}'s time zone (${o.zone}). Left empty: the session ended just now, ${dayTime(o.now, o.zone)}.`;
    f.at.max = o.now.slice(0, 16);
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

  function chosenDevice(f) {
    return (state.overview.devices || []).find((d) => d.id === f.device.value) || null;
  }

  /** A roller's needles are its depth; a pen without Bluetooth, or none, needs the depth typed. */
  function deviceState(f) {
    const d = chosenDevice(f);
    const roller = d && d.needleLengthMm !== null;
    f.depth.disabled = !!roller;
    f.depth.value = roller ? Number(d.needleLengthMm).toFixed(2) : f.typedDepth;
    f.deviceHint.textContent = !d
      ? ''
      : `${roller ? `A roller: its needles, ${mm(d.needleLengthMm)}, are the depth. ` : 'A pen: give the depth it was set to. '}` +
        (d.owner === state.owner ? '' : `It is ${d.owner}'s; this session is ${state.owner}'s.`);
  }

  /** As `needleguard log --device` does, the device brings its owner: the form turns to them. */
  function deviceChosen(f) {
    const d = chosenDevice(f);
    if (d && d.owner !== state.owner && state.overview.owners.some((o) => o.id === d.owner)) go(d.owner, 'log');
    else deviceState(f);
  }

  async function logSession(f) {
    const o = owner();
    const body = {};
    for (const name of ['area', 'device', 'duration', 'at', 'cartridge']) {
      if (f[name].value.trim() !== '') body[name] = f[name].value.trim();
    }
    if (!f.depth.disabled && f.depth.value.trim() !== '') body.depth = f.depth.value.trim();
    f.submit.disabled = true;
    try {
      const response = await fetch(`/api/owners/${encodeURIComponent(o.id)}/log`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status === 401) {
        window.location.assign('/login');
        return;
      }
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        showRefusal(f, answer.error || `HTTP ${response.status}`);
        return;
      }
      showLogged(f, answer, o);
      for (const input of [f.area, f.duration, f.at, f.cartridge]) input.value = '';
      f.typedDepth = '';
      deviceState(f);
    } catch (e) {
      showRefusal(f, `the gateway did not answer: ${e.message}`);
    } finally {
      f.submit.disabled = false;
    }
    refreshSoon();
  }

  function showRefusal(f, message) {
    f.resultOwner = state.owner;
    f.result.hidden = false;
    f.result.className = 'card refused';
    f.result.replaceChildren(el('h3', { text: 'Not logged' }), el('p', { class: 'message', id: 'log-refusal', text: message }), el('p', { class: 'hint', text: 'Nothing was stored. Change what the message names and log it again.' }));
  }

  /** What `needleguard log` prints: the session, its findings, when its area is next safe, what it changed. */
  function showLogged(f, answer, o) {
    const s = answer.session;
    const zone = o.zone;
    const summary =
      `${s.owner}, ${s.area} at ${mm(s.depthMm)}, ${dayTime(s.start, zone)}, ${s.durationS == null ? 'duration not given' : minutes(s.durationS)}` +
      `${s.cartridge ? `, cartridge ${s.cartridge}` : ''}${s.device ? `, ${s.device}` : ''}`;
    const next = answer.safeNow
      ? 'safe now'
      : `${answer.nextSafe.at ? `from ${dayTime(answer.nextSafe.at, zone)}` : noDate(answer.nextSafe)} (${answer.nextSafe.rule}: ${answer.nextSafe.reason})`;
    f.resultOwner = o.id;
    f.result.hidden = false;
    f.result.className = 'card logged';
    f.result.replaceChildren(
      el('h3', null, `Logged ${s.sessionId}`, el('span', { class: 'sub', text: `  ${summary}` })),
      s.findings.length === 0
        ? el('p', { class: 'empty', text: 'No findings.' })
        : el(
            'div',
            { id: 'log-findings' },
            s.findings.map((x) =>
              el('article', { class: 'finding', 'data-rule': x.rule, 'data-severity': x.severity }, el('div', { class: 'head' }, el('span', { class: `badge sev-${x.severity}`, text: x.severity }), el('span', { class: 'rule', text: x.rule })), el('p', { class: 'message', text: x.message }))
            )
          ),
      el('p', { id: 'log-next', 'data-safe-now': String(answer.safeNow), 'data-next-safe': answer.nextSafe ? answer.nextSafe.at : null }, el('b', { text: `Next session on ${s.area}: ` }), next),
      answer.rejudged.length === 0
        ? null
        : el(
            'div',
            { id: 'log-rejudged' },
            el('p', { text: `Judged again, as it came before ${answer.rejudged.length === 1 ? 'this session' : 'these sessions'}:` }),
            el('ul', { class: 'plain' }, answer.rejudged.map((r) => el('li', { 'data-session': r.sessionId }, `${r.sessionId}, ${r.area} ${mm(r.depthMm)}, ${dayTime(r.start, zone)}: ${r.findings.length === 0 ? 'no findings' : r.findings.map((x) => `${x.severity} ${x.rule}`).join(', ')}`)))
          )
    );
  }

  // --- tooltip -----------------------------------------------------------------------------------

  function showTooltip(x, y, content) {
    const tip = document.getElementById('tooltip');
    tip.replaceChildren(...content);
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

  function listen() {
    const live = document.getElementById('live');
    const events = new EventSource('/api/events');
    events.addEventListener('open', () => {
      live.classList.add('on');
      live.title = 'Live updates: on';
      refreshSoon();
    });
    events.addEventListener('error', () => {
      live.classList.remove('on');
      live.title = 'Live updates: reconnecting';
    });
    events.addEventListener('change', refreshSoon);
  }

  window.addEventListener('hashchange', refresh);
  let resized = null;
  window.addEventListener('resize', () => {
    clearTimeout(resized);
    resized = setTimeout(refresh, 250);
  });
  // Time passes: "safe now" and the time left change even when nothing is recorded.
  setInterval(refresh, 60000);
  refresh();
  listen();
})();
