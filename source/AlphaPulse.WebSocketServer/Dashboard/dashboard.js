// AlphaPulse dashboard: one WebSocket to this server (docs/websocket-protocol.md), JSON encoding.
// Subscribes to every exchange and symbol with wildcards, keeps a 10-level book per market from
// snapshot + deltas (asking for a resnapshot on a sequence gap), charts each exchange's shared-memory
// latency (p50/p99 per second from the stats stream), lists recent errors and events, and renders once
// per animation frame.
"use strict";

const DEPTH = 10;
const TRADES_SHOWN = 8;
const EVENTS_SHOWN = 50;
const CHART_SECONDS = 300;
const COLOURS = ["#7fb3ff", "#f0b45a", "#b48ead", "#8fd1c0", "#e08080", "#c0d88f"];
const state = { exchanges: new Map(), dirty: false, reconnectMs: 500, events: [] };

function exchange(name) {
  let e = state.exchanges.get(name);
  if (!e) {
    e = { name, markets: new Map(), stats: null, element: null, latency: [], colour: COLOURS[state.exchanges.size % COLOURS.length] };
    state.exchanges.set(name, e);
  }
  return e;
}

function market(exchangeName, symbol) {
  const e = exchange(exchangeName);
  let m = e.markets.get(symbol);
  if (!m) {
    m = { symbol, bids: new Map(), asks: new Map(), seq: -1, trades: [], ticker: null, updates: 0, resyncs: 0, element: null };
    e.markets.set(symbol, m);
  }
  return m;
}

// Recent errors and events, newest first: server errors, book gaps, losses, resyncs, replica changes.
function event(level, text) {
  state.events.unshift({ level, text, time: new Date() });
  state.events.length = Math.min(state.events.length, EVENTS_SHOWN);
  state.dirty = true;
}

// Exact decimal arithmetic on the protocol's price strings (no float rounding in spreads).
function fractionDigits(s) { const dot = s.indexOf("."); return dot < 0 ? 0 : s.length - dot - 1; }
function scaled(s, digits) {
  const negative = s.startsWith("-");
  const [whole, fraction = ""] = (negative ? s.slice(1) : s).split(".");
  const value = BigInt(whole + (fraction + "0".repeat(digits)).slice(0, digits));
  return negative ? -value : value;
}
function decimal(value, digits) {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, "0");
  let result = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  if (digits) result = result.replace(/0+$/, "").replace(/\.$/, "");
  return (negative ? "-" : "") + result;
}
function subtract(a, b) { const d = Math.max(fractionDigits(a), fractionDigits(b)); return decimal(scaled(a, d) - scaled(b, d), d); }
function midpoint(a, b) { const d = Math.max(fractionDigits(a), fractionDigits(b)) + 1; return decimal((scaled(a, d) + scaled(b, d)) / 2n, d); }

function clock(date) { return date.toISOString().substring(11, 23); }

function applyLevels(side, levels) {
  for (const [price, size] of levels) {
    if (Number(size) === 0) side.delete(price); else side.set(price, size);
  }
}

function onBook(socket, msg) {
  const m = market(msg.exchange, msg.symbol);
  if (msg.type === "book_snapshot") {
    m.bids.clear();
    m.asks.clear();
  } else if (m.seq >= 0 && msg.seq !== m.seq + 1) {
    // A gap: the book may be wrong; ask for the current one (deltas before it are ignored).
    event("warning", `${msg.exchange} ${msg.symbol}: book gap (seq ${m.seq} → ${msg.seq}), asked for a fresh snapshot`);
    m.seq = -2;
    m.resyncs++;
    socket.send(JSON.stringify({ op: "resnapshot", channel: "book", exchange: msg.exchange, symbol: msg.symbol, depth: DEPTH }));
    return;
  } else if (m.seq === -2) {
    return;
  }
  m.seq = msg.seq;
  applyLevels(m.bids, msg.bids);
  applyLevels(m.asks, msg.asks);
  m.updates++;
  state.dirty = true;
}

// Compares a stats message with the previous one of its exchange and records what changed.
function onStats(msg) {
  const e = exchange(msg.exchange);
  const before = e.stats;
  if (before) {
    if (msg.lost > before.lost) event("error", `${msg.exchange}: lost ${msg.lost - before.lost} ring records (reader lapped)`);
    if (msg.resyncs > before.resyncs) event("warning", `${msg.exchange}: books rebuilt from snapshots (${msg.resyncs - before.resyncs})`);
    const previous = new Map((before.replicas || []).map(r => [r.name, r]));
    for (const replica of msg.replicas || []) {
      const was = previous.get(replica.name);
      if (was && was.stale !== replica.stale) {
        event(replica.stale ? "error" : "info", `${msg.exchange} replica ${replica.name}: ${replica.stale ? "stale, its symbols failed over" : "publishing again"}`);
      }
    }
  }
  e.stats = msg;
  if (typeof msg.shm_latency_us_p50 === "number" && typeof msg.shm_latency_us_p99 === "number") {
    const now = Date.now();
    e.latency.push({ t: now, p50: msg.shm_latency_us_p50, p99: msg.shm_latency_us_p99 });
    while (e.latency.length && e.latency[0].t < now - CHART_SECONDS * 1000) e.latency.shift();
  }
  document.getElementById("clients").textContent = msg.clients;
  state.dirty = true;
}

function onMessage(socket, msg) {
  switch (msg.type) {
    case "book_snapshot":
    case "book_delta":
      onBook(socket, msg);
      break;
    case "trade": {
      const m = market(msg.exchange, msg.symbol);
      msg.received = new Date();
      m.trades.unshift(msg);
      m.trades.length = Math.min(m.trades.length, TRADES_SHOWN);
      state.dirty = true;
      break;
    }
    case "ticker":
      market(msg.exchange, msg.symbol).ticker = msg;
      state.dirty = true;
      break;
    case "stats":
      onStats(msg);
      break;
    case "heartbeat":
      document.getElementById("clients").textContent = msg.clients;
      document.getElementById("server-time").textContent = new Date(msg.time).toISOString().substring(11, 19);
      break;
    case "error":
      event("error", `server: ${msg.code}: ${msg.message}`);
      break;
  }
}

function sorted(side, descending) {
  const levels = [...side.entries()];
  levels.sort((a, b) => descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0]));
  return levels.slice(0, DEPTH);
}

function cell(text, cls, tag = "td") {
  const td = document.createElement(tag);
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function table(headers, rows, classes) {
  const t = document.createElement("table");
  const head = document.createElement("tr");
  head.append(...headers.map(h => cell(h, "", "th")));
  t.append(head);
  for (const row of rows) {
    const tr = document.createElement("tr");
    tr.append(...row.map((text, i) => cell(text, classes[i])));
    t.append(tr);
  }
  return t;
}

function tradeTime(trade) {
  // exchange_time is nanoseconds since the epoch; 0 when the exchange gives none (then: when it arrived here).
  return trade.exchange_time > 0 ? clock(new Date(Math.floor(trade.exchange_time / 1e6))) : `${clock(trade.received)}*`;
}

function renderMarket(exchangeName, m) {
  if (!m.element) {
    m.element = document.createElement("div");
    m.element.className = "market";
    m.element.dataset.market = exchangeName + ":" + m.symbol;
  }
  const bids = sorted(m.bids, true);
  const asks = sorted(m.asks, false);
  const el = m.element;
  el.dataset.updates = m.updates;
  el.replaceChildren();
  const h = document.createElement("h3");
  h.textContent = m.symbol;
  const sync = document.createElement("span");
  sync.className = "sync";
  sync.dataset.synced = String(m.seq >= 0);
  sync.textContent = m.seq >= 0 ? "synced" : m.seq === -2 ? "resyncing" : "waiting for snapshot";
  if (m.resyncs) sync.textContent += ` · ${m.resyncs} resyncs`;
  h.append(sync);
  const top = document.createElement("div");
  top.className = "top";
  const bestBid = document.createElement("span");
  bestBid.className = "best-bid";
  bestBid.textContent = bids.length ? `${bids[0][0]} × ${bids[0][1]}` : "";
  const bestAsk = document.createElement("span");
  bestAsk.className = "best-ask";
  bestAsk.textContent = asks.length ? `${asks[0][0]} × ${asks[0][1]}` : "";
  const spread = document.createElement("span");
  spread.className = "spread";
  spread.textContent = bids.length && asks.length ? `spread ${subtract(asks[0][0], bids[0][0])} · mid ${midpoint(asks[0][0], bids[0][0])}` : "";
  const last = document.createElement("span");
  last.textContent = m.ticker && m.ticker.last !== "0" ? `last ${m.ticker.last}` : "";
  top.append("bid ", bestBid, " ask ", bestAsk, spread, last);
  const depth = document.createElement("div");
  depth.className = "depth book";
  depth.append(
    table(["bid size", "bid price"], bids.map(([price, size]) => [size, price]), ["", "bid"]),
    table(["ask price", "ask size"], asks.map(([price, size]) => [price, size]), ["ask", ""]));
  const trades = document.createElement("div");
  trades.className = "trades";
  trades.append(table(["time (UTC)", "price", "size", "side"], m.trades.map(t => [tradeTime(t), t.price, t.size, t.side]), ["", "", "", ""]));
  el.append(h, top, depth, trades);
  return el;
}

function renderReplicas(s) {
  const replicas = s && s.replicas ? s.replicas : [];
  const t = table(["replica", "state", "lag (records)", "last publish", "failovers"],
    replicas.map(r => [r.name, r.stale ? "stale" : "live", String(r.lag), `${r.staleness_ms} ms ago`, String(r.failovers)]), ["", "", "", "", ""]);
  t.className = "replicas";
  [...t.querySelectorAll("tr")].slice(1).forEach((row, i) => { row.children[1].className = replicas[i].stale ? "state-stale" : "state-live"; });
  return t;
}

function renderExchanges() {
  const root = document.getElementById("exchanges");
  for (const e of [...state.exchanges.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.element) {
      e.element = document.createElement("section");
      e.element.className = "exchange";
      e.element.dataset.exchange = e.name;
      root.append(e.element);
    }
    const s = e.stats;
    const title = document.createElement("h2");
    title.textContent = e.name;
    const feed = document.createElement("div");
    feed.className = "feed";
    feed.textContent = s
      ? `${s.messages_per_s} msg/s · shm latency p50 ${s.shm_latency_us_p50 ?? "–"} µs, p99 ${s.shm_latency_us_p99 ?? "–"} µs, max ${s.shm_latency_us_max} µs · data age ${s.data_age_ms} ms · lost ${s.lost} · resyncs ${s.resyncs}`
      : "waiting for stats…";
    e.element.replaceChildren(title, feed, renderReplicas(s), ...[...e.markets.values()].map(m => renderMarket(e.name, m)));
  }
}

function renderEvents() {
  const list = document.getElementById("events");
  list.dataset.count = state.events.length;
  list.replaceChildren(...state.events.map(e => {
    const li = document.createElement("li");
    li.className = e.level;
    li.textContent = `${clock(e.time)} ${e.text}`;
    return li;
  }));
}

// p50 (solid) and p99 (dashed) per exchange on a log scale, the last CHART_SECONDS seconds.
function renderChart() {
  const canvas = document.getElementById("latency-chart");
  const context = canvas.getContext("2d");
  const width = canvas.width, height = canvas.height, left = 48, bottom = 18;
  context.clearRect(0, 0, width, height);
  const series = [...state.exchanges.values()].filter(e => e.latency.length);
  const points = series.reduce((n, e) => n + e.latency.length, 0);
  canvas.dataset.points = points;
  if (!points) return;
  const values = series.flatMap(e => e.latency.flatMap(p => [p.p50, p.p99])).filter(v => v > 0);
  const low = Math.floor(Math.log10(Math.max(Math.min(...values), 0.01)));
  const high = Math.max(Math.ceil(Math.log10(Math.max(...values))), low + 1);
  const now = Date.now();
  const x = t => left + (width - left - 8) * (1 - (now - t) / (CHART_SECONDS * 1000));
  const top = 10;
  const y = v => top + (height - bottom - top) * (1 - (Math.log10(Math.max(v, 10 ** low)) - low) / (high - low));
  context.strokeStyle = "#263040";
  context.fillStyle = "#6c7a8c";
  context.font = "11px system-ui";
  for (let decade = low; decade <= high; decade++) {
    context.beginPath();
    context.moveTo(left, y(10 ** decade));
    context.lineTo(width, y(10 ** decade));
    context.stroke();
    context.fillText(`${10 ** decade >= 1000 ? `${10 ** (decade - 3)} ms` : `${10 ** decade} µs`}`, 2, y(10 ** decade) + 4);
  }
  context.fillText(`−${CHART_SECONDS / 60} min`, left, height - 4);
  context.fillText("now", width - 30, height - 4);
  for (const e of series) {
    for (const [key, dash] of [["p50", []], ["p99", [5, 4]]]) {
      context.strokeStyle = e.colour;
      context.setLineDash(dash);
      context.beginPath();
      e.latency.forEach((p, i) => (i ? context.lineTo(x(p.t), y(p[key])) : context.moveTo(x(p.t), y(p[key]))));
      context.stroke();
    }
  }
  context.setLineDash([]);
  document.getElementById("latency-legend").replaceChildren(...series.map(e => {
    const span = document.createElement("span");
    span.style.color = e.colour;
    const last = e.latency[e.latency.length - 1];
    span.textContent = `${e.name}: p50 ${last.p50} µs, p99 ${last.p99} µs`;
    return span;
  }));
}

function render() {
  requestAnimationFrame(render);
  if (!state.dirty) return;
  state.dirty = false;
  renderChart();
  renderEvents();
  renderExchanges();
}

function connect() {
  const token = new URLSearchParams(location.search).get("token");
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws${token ? "?token=" + encodeURIComponent(token) : ""}`;
  const socket = new WebSocket(url, ["alphapulse.v1.json"]);
  const status = document.getElementById("status");
  socket.onopen = () => {
    status.textContent = "connected";
    status.dataset.state = "open";
    state.reconnectMs = 500;
    for (const m of state.exchanges.values()) for (const k of m.markets.values()) k.seq = -1;
    const subscribe = (channel, extra) => socket.send(JSON.stringify({ op: "subscribe", channel, exchange: "*", symbol: "*", ...extra }));
    subscribe("book", { depth: DEPTH });
    subscribe("ticker");
    subscribe("trades");
    subscribe("stats");
  };
  socket.onmessage = message => onMessage(socket, JSON.parse(message.data));
  socket.onclose = closed => {
    // 1012 "service restart" (and anything else): reconnect with backoff; another replica may answer.
    status.textContent = `disconnected (${closed.code} ${closed.reason || ""}) — reconnecting`;
    status.dataset.state = "closed";
    event("error", `connection closed: ${closed.code} ${closed.reason || ""}`);
    setTimeout(connect, state.reconnectMs);
    state.reconnectMs = Math.min(state.reconnectMs * 2, 10000);
  };
}

requestAnimationFrame(render);
connect();
