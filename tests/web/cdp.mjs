// A small Chrome DevTools Protocol client for the web UI's browser test:
// starts Debian's headless chromium, opens one page, and lets the test
// navigate, evaluate script in the page, read cookies and take
// screenshots.  No npm packages: Node's own WebSocket (node >= 20 with
// --experimental-websocket).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launch(binary = 'chromium') {
	const profile = mkdtempSync(join(tmpdir(), 'lsg-chromium-'));
	const proc = spawn(binary, [
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
		'--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync',
		'--disable-dev-shm-usage', '--hide-scrollbars',
		`--user-data-dir=${profile}`, '--remote-debugging-port=0',
		'--window-size=1280,900', 'about:blank',
	], { stdio: ['ignore', 'ignore', 'pipe'] });
	const wsUrl = await new Promise((resolve, reject) => {
		let err = '';
		const t = setTimeout(() => reject(new Error(
			`chromium did not start: ${err}`)), 30000);
		proc.stderr.on('data', (d) => {
			err += d;
			const m = /DevTools listening on (ws:\S+)/.exec(err);
			if (m) {
				clearTimeout(t);
				resolve(m[1]);
			}
		});
		proc.on('exit', (c) => reject(new Error(
			`chromium exited ${c}: ${err}`)));
	});
	const b = new Browser(proc, profile);
	await b.connect(wsUrl);
	return b;
}

class Browser {
	constructor(proc, profile) {
		this.proc = proc;
		this.profile = profile;
		this.id = 0;
		this.pending = new Map();
		this.listeners = [];
	}

	connect(url) {
		this.ws = new WebSocket(url);
		this.ws.onmessage = (e) => this.onMessage(JSON.parse(e.data));
		return new Promise((resolve, reject) => {
			this.ws.onopen = resolve;
			this.ws.onerror = () => reject(new Error('CDP connect'));
		});
	}

	onMessage(m) {
		if (m.id && this.pending.has(m.id)) {
			const { resolve, reject } = this.pending.get(m.id);
			this.pending.delete(m.id);
			if (m.error)
				reject(new Error(JSON.stringify(m.error)));
			else
				resolve(m.result);
			return;
		}
		for (const l of this.listeners.slice())
			l(m);
	}

	send(method, params = {}, sessionId = this.session) {
		const id = ++this.id;
		const msg = { id, method, params };
		if (sessionId)
			msg.sessionId = sessionId;
		this.ws.send(JSON.stringify(msg));
		return new Promise((resolve, reject) =>
			this.pending.set(id, { resolve, reject }));
	}

	waitEvent(method, timeoutMs = 30000) {
		return new Promise((resolve, reject) => {
			const t = setTimeout(() => {
				this.listeners = this.listeners.filter((x) => x !== l);
				reject(new Error(`timeout waiting for ${method}`));
			}, timeoutMs);
			const l = (m) => {
				if (m.method !== method || m.sessionId !== this.session)
					return;
				clearTimeout(t);
				this.listeners = this.listeners.filter((x) => x !== l);
				resolve(m.params);
			};
			this.listeners.push(l);
		});
	}

	// Open the one page every later call works on.
	async open() {
		const { targetId } = await this.send('Target.createTarget',
			{ url: 'about:blank' }, null);
		const { sessionId } = await this.send('Target.attachToTarget',
			{ targetId, flatten: true }, null);
		this.session = sessionId;
		this.console = [];
		this.listeners.push((m) => {
			if (m.sessionId === sessionId &&
			    m.method === 'Runtime.consoleAPICalled')
				this.console.push(m.params);
		});
		await this.send('Page.enable');
		await this.send('Runtime.enable');
		await this.send('Network.enable');
	}

	// Load @url and wait for its load event.
	async goto(url) {
		const loaded = this.waitEvent('Page.loadEventFired');
		await this.send('Page.navigate', { url });
		await loaded;
	}

	// Run @fn(...args) in the page; its (JSON) result.
	async eval(fn, ...args) {
		const expr = `(${fn})(...${JSON.stringify(args)})`;
		const r = await this.send('Runtime.evaluate',
			{ expression: expr, returnByValue: true, awaitPromise: true });
		if (r.exceptionDetails)
			throw new Error(`in page: ${r.exceptionDetails.text} ` +
				JSON.stringify(r.exceptionDetails.exception));
		return r.result.value;
	}

	// Run @fn in the page, which makes it navigate; wait for the load.
	async evalAndWait(fn, ...args) {
		const loaded = this.waitEvent('Page.loadEventFired');
		await this.eval(fn, ...args);
		await loaded;
	}

	async cookies() {
		return (await this.send('Network.getCookies')).cookies;
	}

	// The page as a PNG at @path, its top @maxHeight pixels at most.
	async screenshot(path, maxHeight = 6000) {
		const { cssContentSize } = await this.send('Page.getLayoutMetrics');
		const height = Math.min(Math.ceil(cssContentSize.height), maxHeight);
		const { data } = await this.send('Page.captureScreenshot', {
			format: 'png', captureBeyondViewport: true,
			clip: { x: 0, y: 0, width: 1280, height, scale: 1 },
		});
		writeFileSync(path, Buffer.from(data, 'base64'));
	}

	async close() {
		try {
			await this.send('Browser.close', {}, null);
		} catch (e) {
			// the browser may go before it answers
		}
		this.ws.close();
		await new Promise((r) => {
			if (this.proc.exitCode !== null)
				r();
			else
				this.proc.on('exit', r);
		});
		rmSync(this.profile, { recursive: true, force: true });
	}
}
