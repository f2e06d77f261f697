// AlphaPulse dashboard: one WebSocket to this server (docs/websocket-protocol.md), JSON encoding.
// Subscribes to every exchange and symbol with wildcards, keeps a 10-level book per market from
// snapshot + deltas (asking for a resnapshot on a sequence gap), and renders once per animation frame.
"use strict";

const DEPTH = 10;
const TRADES_SHOWN = 8;
const state = { exchanges: new Map(), dirty: false, reconnectMs: 500 };

function exchange(name) {
  let e = state.exchanges.get(name);
  if (!e) {
    e = { name, markets: new Map(), stats: null, element: null };
    state.exchanges.set(name, e);
  }
  return e;
}

function market(exchangeName, symbol) {
  const e = exchange(exchangeName);
  let m = e.markets.get(symbol);
  if (!m) {
    m = { symbol, bids: new Map(), asks: new Map(), seq: -1, trades: [], ticker: null, updates: 0, element: null };
    e.markets.set(symbol, m);
  }
  return m;
}

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
    m.seq = -2;
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

function onMessage(socket, msg) {
  switch (msg.type) {
    case "book_snapshot":
    case "book_delta":
      onBook(socket, msg);
      break;
    case "trade": {
      const m = market(msg.exchange, msg.symbol);
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
      exchange(msg.exchange).stats = msg;
      document.getElementById("clients").textContent = msg.clients;
      state.dirty = true;
      break;
    case "heartbeat":
      document.getElementById("clients").textContent = msg.clients;
      document.getElementById("server-time").textContent = new Date(msg.time).toISOString().substring(11, 19);
      break;
    case "error":
      console.warn("server error", msg.code, msg.message);
      break;
  }
}

function sorted(side, descending) {
  const levels = [...side.entries()];
  levels.sort((a, b) => descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0]));
  return levels.slice(0, DEPTH);
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function table(rows, cls) {
  const t = document.createElement("table");
  for (const [price, size] of rows) {
    const tr = document.createElement("tr");
    tr.append(cell(price, cls), cell(size));
    t.append(tr);
  }
  return t;
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
  const top = document.createElement("div");
  top.className = "top";
  const bestBid = document.createElement("span");
  bestBid.className = "best-bid";
  bestBid.textContent = bids.length ? `${bids[0][0]} × ${bids[0][1]}` : "";
  const bestAsk = document.createElement("span");
  bestAsk.className = "best-ask";
  bestAsk.textContent = asks.length ? `${asks[0][0]} × ${asks[0][1]}` : "";
  const last = document.createElement("span");
  last.textContent = m.ticker && m.ticker.last !== "0" ? `last ${m.ticker.last}` : "";
  top.append("bid ", bestBid, " ask ", bestAsk, last);
  const depth = document.createElement("div");
  depth.className = "depth book";
  depth.append(table(bids, "bid"), table(asks, "ask"));
  const trades = document.createElement("div");
  trades.className = "trades";
  trades.append(table(m.trades.map(t => [t.price, `${t.size} ${t.side}`]), ""));
  el.append(h, top, depth, trades);
  return el;
}

function render() {
  requestAnimationFrame(render);
  if (!state.dirty) return;
  state.dirty = false;
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
      ? `${s.messages_per_s} msg/s · shm latency mean ${s.shm_latency_us_mean} µs, max ${s.shm_latency_us_max} µs · data age ${s.data_age_ms} ms · lost ${s.lost} · ${s.source}`
      : "waiting for stats…";
    e.element.replaceChildren(title, feed, ...[...e.markets.values()].map(m => renderMarket(e.name, m)));
  }
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
  socket.onmessage = event => onMessage(socket, JSON.parse(event.data));
  socket.onclose = event => {
    // 1012 "service restart" (and anything else): reconnect with backoff; another replica may answer.
    status.textContent = `disconnected (${event.code} ${event.reason || ""}) — reconnecting`;
    status.dataset.state = "closed";
    setTimeout(connect, state.reconnectMs);
    state.reconnectMs = Math.min(state.reconnectMs * 2, 10000);
  };
}

requestAnimationFrame(render);
connect();
