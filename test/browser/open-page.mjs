// Opens HTML pages in headless Chromium through puppeteer-core (an ES module, hence this script
// beside the jest test) and prints, per page, what the test checks: the SVG's nodes and edges with
// their drawn geometry, console errors, page errors and every request. A screenshot of each page
// is saved.
// Usage: node open-page.mjs CHROMIUM PAGE.html SHOT.png [PAGE.html SHOT.png ...]
import puppeteer from 'puppeteer-core';

const [executablePath, ...pairs] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const results = [];
try {
  for (let i = 0; i < pairs.length; i += 2) {
    const [file, shot] = [pairs[i], pairs[i + 1]];
    const page = await browser.newPage();
    const errors = [];
    const requests = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    const facts = await page.evaluate(() => {
      const svg = document.querySelector('svg.topology');
      if (!svg) return { nodes: [], edges: [], text: '' };
      return {
        nodes: [...svg.querySelectorAll('g.node')].map((g) => {
          const r = g.querySelector('rect').getBBox();
          return { kind: g.getAttribute('data-kind'), id: g.getAttribute('data-id'), box: { x: r.x, y: r.y, width: r.width, height: r.height } };
        }),
        edges: [...svg.querySelectorAll('g.edge')].map((g) => ({
          kind: g.getAttribute('data-kind'),
          from: g.getAttribute('data-from'),
          to: g.getAttribute('data-to'),
          length: g.querySelector('path').getTotalLength(),
        })),
        text: document.querySelector('section.text pre')?.textContent ?? '',
      };
    });
    await page.screenshot({ path: shot, fullPage: true });
    await page.close();
    results.push({ file, facts, errors, requests });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
