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
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ exchanges, shownWithinMs: shownWithin, markets: Object.keys(updates).length, screenshot }));
} finally {
  await browser.close();
}
