// Usage: node dashboard-test.mjs <dashboard url> <screenshot path> <exchange,exchange,...>
// Opens the dashboard in Debian's chromium (headless, via playwright-core), waits until every
// exchange shows a book (best bid and ask), then until each book updates, and saves a screenshot.
// Exit code 0 on success; a message naming what was missing otherwise.
import { chromium } from "playwright-core";
import { existsSync } from "node:fs";

const [url, screenshot, exchangeList] = process.argv.slice(2);
const exchanges = exchangeList.split(",");
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  console.error(`chromium must be installed for the dashboard test: ${executablePath} is missing (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(3);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('#status[data-state="open"]', { timeout: 10000 });
  const start = Date.now();
  for (const exchange of exchanges) {
    const bid = `section[data-exchange="${exchange}"] .best-bid`;
    await page.waitForFunction(selector => [...document.querySelectorAll(selector)].some(e => e.textContent.includes("×")), bid, { timeout: 10000 })
      .catch(() => { throw new Error(`the dashboard shows a book for ${exchange} within 10 s: no best bid appeared`); });
  }
  const shownWithin = Date.now() - start;
  const updates = await page.$$eval(".market", markets => Object.fromEntries(markets.map(m => [m.dataset.market, Number(m.dataset.updates)])));
  for (const [market, before] of Object.entries(updates)) {
    await page.waitForFunction(([name, count]) => Number(document.querySelector(`[data-market="${name}"]`).dataset.updates) > count, [market, before], { timeout: 10000 })
      .catch(() => { throw new Error(`the dashboard's book for ${market} updates: stuck at ${before} updates`); });
  }
  // What an operator looks at first: latency p50/p99 charted, each replica's state, books with column
  // headers, spread and sync flag, trades with times, and the recent errors and events.
  await page.waitForFunction(() => Number(document.getElementById("latency-chart").dataset.points) >= 2, null, { timeout: 10000 })
    .catch(() => { throw new Error("the latency chart shows p50/p99 points from the stats stream within 10 s: none plotted"); });
  for (const exchange of exchanges) {
    const section = `section[data-exchange="${exchange}"]`;
    await page.waitForFunction(s => document.querySelectorAll(`${s} table.replicas tr`).length > 1, section, { timeout: 10000 })
      .catch(() => { throw new Error(`the dashboard lists the collector replicas of ${exchange}: no replica row`); });
    const view = await page.$eval(section, s => ({
      feed: s.querySelector(".feed").textContent,
      headers: [...s.querySelectorAll(".depth th")].map(th => th.textContent),
      spread: s.querySelector(".spread").textContent,
      synced: s.querySelectorAll('.sync[data-synced="true"]').length,
      tradeTimes: [...s.querySelectorAll(".trades tr td:first-child")].map(td => td.textContent),
      replica: [...s.querySelectorAll("table.replicas tr")][1].textContent,
    }));
    const problems = [];
    if (!/p50 [0-9.]+ µs, p99 [0-9.]+ µs/.test(view.feed)) problems.push(`no p50/p99 in "${view.feed}"`);
    if (!["bid size", "bid price", "ask price", "ask size"].every(h => view.headers.includes(h))) problems.push(`book column headers ${JSON.stringify(view.headers)}`);
    if (!/^spread \d/.test(view.spread.replace(/^spread -/, "spread "))) problems.push(`no spread: "${view.spread}"`);
    if (view.synced === 0) problems.push("no market flagged synced");
    if (!view.tradeTimes.length || !view.tradeTimes.every(t => /^\d\d:\d\d:\d\d\.\d{3}\*?$/.test(t))) problems.push(`trade times ${JSON.stringify(view.tradeTimes)}`);
    if (!/live|stale/.test(view.replica)) problems.push(`replica row "${view.replica}"`);
    if (problems.length) throw new Error(`${exchange} panel: ${problems.join("; ")}`);
  }
  await page.evaluate(() => onMessage(null, { type: "error", code: "unknown_symbol", message: "no symbol XYZ on kraken" }));
  await page.waitForFunction(() => [...document.querySelectorAll("#events li.error")].some(li => li.textContent.includes("unknown_symbol")), null, { timeout: 5000 })
    .catch(() => { throw new Error("a server error appears in the recent errors list"); });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ exchanges, shownWithinMs: shownWithin, markets: Object.keys(updates).length, screenshot }));
} finally {
  await browser.close();
}
