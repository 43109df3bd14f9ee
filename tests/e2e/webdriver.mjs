// A small W3C WebDriver client over fetch: the handful of endpoints the end-to-end tests use
// against tauri-driver (which forwards to WebKitWebDriver driving the real app window).

import { writeFile } from 'node:fs/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class WebDriverError extends Error {}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application) {
    const value = await call(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd('DELETE', '');
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches a displayed element (the UI answers asynchronously). */
  async waitFor(css, timeout = 15000) {
    const until = Date.now() + timeout;
    let last;
    while (Date.now() < until) {
      try {
        const el = await this.find(css);
        if (await this.cmd('GET', `/element/${el}/displayed`)) return el;
      } catch (e) {
        last = e;
      }
      await sleep(150);
    }
    throw new WebDriverError(`not displayed within ${timeout} ms: ${css} (${last?.message ?? ''})`);
  }

  /** Waits until `predicate` (run in the page) returns a truthy value, and returns it. */
  async waitUntil(description, script, args = [], timeout = 15000) {
    const until = Date.now() + timeout;
    while (Date.now() < until) {
      const v = await this.execute(script, args);
      if (v) return v;
      await sleep(150);
    }
    throw new WebDriverError(`timed out waiting for ${description}`);
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  async click(css) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  /** Chooses an option of a <select> by its value, as a person would. */
  async select(css, value) {
    await this.waitFor(css);
    await this.execute(
      `const s = document.querySelector(arguments[0]);
       s.value = arguments[1];
       s.dispatchEvent(new Event('change', { bubbles: true }));
       s.dispatchEvent(new Event('input', { bubbles: true }));`,
      [css, value],
    );
  }

  async text(css) {
    const el = await this.waitFor(css);
    return this.cmd('GET', `/element/${el}/text`);
  }

  async texts(css) {
    const els = await this.findAll(css);
    return Promise.all(els.map((el) => this.cmd('GET', `/element/${el}/text`)));
  }

  async screenshot(file) {
    const png = await this.cmd('GET', '/screenshot');
    await writeFile(file, Buffer.from(png, 'base64'));
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A driver that stops answering fails the test in a minute, not at undici's 5 minutes.
    signal: AbortSignal.timeout(60000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json?.value?.error) {
    const v = json?.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`);
  }
  return json.value;
}

export async function waitForServer(base, timeout = 20000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new WebDriverError(`WebDriver server at ${base} did not start`);
}
