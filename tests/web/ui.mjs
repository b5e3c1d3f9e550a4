// The web UI in headless Chromium (tests/sh/web.sh runs this against a
// real `logsage serve` holding the real corpus).  Environment:
//   URL        the server            OP, AGENT   an operator's, an agent's token
//   HOSTILE    id of the crash whose log has the markup line HOSTILE_TEXT
//   SHOTS      directory for screenshots
//   MODE       "check" (every assertion) or "time" (page load times)
import { launch } from './cdp.mjs';

const env = process.env;
const base = env.URL;
let failures = 0;

function check(ok, what) {
	if (!ok) {
		failures++;
		console.log(`FAIL: ${what}`);
	}
}

async function api(path) {
	const r = await fetch(base + path,
		{ headers: { Authorization: `Bearer ${env.OP}` } });
	if (r.status !== 200)
		throw new Error(`GET ${path}: ${r.status}`);
	return r.json();
}

const path = async (b) => b.eval(() => location.pathname + location.search);

async function signIn(b, token, next = '/') {
	await b.goto(`${base}/login?next=${encodeURIComponent(next)}`);
	await b.evalAndWait((t) => {
		document.querySelector('input[name=token]').value = t;
		document.querySelector('form.login').requestSubmit();
	}, token);
}

async function checkAccess(b) {
	await b.goto(`${base}/crashes?title=WARNING`);
	check(await path(b) === '/login?next=/crashes%3Ftitle%3DWARNING',
	      `no session: /crashes goes to sign-in, got ${await path(b)}`);
	check(await b.eval(() =>
		document.querySelector('input[name=token]').type) === 'password',
	      'the token field is a password field');
	await signIn(b, env.AGENT, '/crashes');
	check((await path(b)).startsWith('/login'),
	      'an agent token cannot sign in');
	check(/agent token/.test(await b.eval(() =>
		document.getElementById('notice')?.textContent)),
	      'the sign-in page says why the agent token was refused');
	check((await b.cookies()).length === 0, 'no cookie for an agent token');
	await signIn(b, env.OP, '/crashes?title=WARNING');
	check(await path(b) === '/crashes?title=WARNING',
	      `back to /crashes?title=WARNING after sign-in, got ${await path(b)}`);
	check(await b.eval(() => [...document.querySelectorAll('a.crash')]
		.every((a) => a.textContent.startsWith('WARNING'))),
	      'the list is filtered by title');
	const c = (await b.cookies()).find((x) => x.name === 'logsage_session');
	check(c && c.httpOnly && c.sameSite === 'Strict',
	      `session cookie HttpOnly, SameSite=Strict: ${JSON.stringify(c)}`);
}

async function checkDashboard(b, total) {
	await b.goto(`${base}/?days=36500`);
	const d = await b.eval(() => ({
		bars: document.querySelectorAll('#timeline rect.bar').length,
		legend: [...document.querySelectorAll('.legend li')].map(
			(li) => Number(li.textContent.trim().split(' ').pop())),
		groups: document.querySelectorAll('#top-signature tbody tr').length,
		kernels: [...document.querySelectorAll('#top-kernel tbody tr a')]
			.map((a) => a.getAttribute('href')),
		barLinks: [...document.querySelectorAll('#timeline a')]
			.every((a) => a.getAttribute('href').startsWith('/crashes?')),
	}));
	check(d.bars > 0, 'the timeline has bars');
	check(d.legend.reduce((x, y) => x + y, 0) === total,
	      `the timeline's legend counts ${d.legend} add up to ${total}`);
	check(d.groups > 0, 'top groups listed');
	check(d.kernels.some((h) => h.includes('kernel=')), 'kernels link to their crashes');
	check(d.barLinks, 'every bar links to its crashes');
	await b.screenshot(`${env.SHOTS}/dashboard.png`);
	await b.screenshot(`${env.SHOTS}/dashboard-top.png`, 1100);
	// A figure's link leads to the crashes behind it.
	await b.evalAndWait(() => document.querySelector('#top-kernel td.num a').click());
	const n = await b.eval(() => document.querySelectorAll('table.crashes tbody tr').length);
	const want = await b.eval(() => location.search);
	const k = new URLSearchParams(want).get('kernel');
	const list = await api(`/api/v1/crashes?kernel=${encodeURIComponent(k)}&limit=50`);
	check(n === list.crashes.length && n > 0,
	      `kernel ${k}: page lists ${n}, API ${list.crashes.length}`);
	await b.screenshot(`${env.SHOTS}/crashes.png`);
}

async function checkCrash(b) {
	const c = await api(`/api/v1/crashes/${env.HOSTILE}`);
	const fatal = c.report.events.find((e) => e.fatal) || c.report.events[0];
	const frames = fatal.stacks.flatMap((s) => s.frames).map((f) => f.func);
	await b.goto(`${base}/crashes/${env.HOSTILE}`);
	const p = await b.eval(() => ({
		title: document.getElementById('title').textContent,
		funcs: [...document.querySelectorAll('table.stack td.func')]
			.map((td) => td.textContent),
		lines: [...document.querySelectorAll('.log .l')].map((d) => d.textContent),
		marked: document.querySelectorAll('.log .event, .log .fault').length,
		collapsed: document.querySelectorAll('.log details.noise').length,
		injected: document.querySelectorAll('.log script, .log img, .log b').length,
		pwned: window.__lsg_pwned,
		regs: document.querySelectorAll('#regs dt').length,
		bundle: document.querySelector('a[href$="/bundle"]')?.getAttribute('href'),
	}));
	check(p.title === c.report.title, `crash title "${p.title}" is the report's "${c.report.title}"`);
	check(frames.length > 0 && frames.every((f) => p.funcs.some((t) => t.includes(f))),
	      `every frame of the fatal event shown (${frames.slice(0, 3)}...)`);
	check(p.lines.some((t) => t.includes(env.HOSTILE_TEXT)),
	      'the markup log line is shown as text');
	check(p.injected === 0 && p.pwned === undefined,
	      `the markup line made no element and ran nothing (${p.injected}, ${p.pwned})`);
	check(b.console.length === 0, 'nothing logged to the console');
	check(p.marked > 0, 'event lines are marked in the log');
	check(p.collapsed > 0, 'noise is collapsed');
	check(p.regs > 0, 'registers shown');
	const r = await fetch(base + p.bundle, { redirect: 'manual',
		headers: { Authorization: `Bearer ${env.OP}` } });
	check(r.status === 303, `bundle download needs a session, not a token: ${r.status}`);
	// The page's own CSP forbids fetch(): download with its cookie.
	const sess = (await b.cookies()).find((x) => x.name === 'logsage_session');
	const x = await fetch(base + p.bundle,
		{ headers: { Cookie: `logsage_session=${sess.value}` } });
	const body = await x.text();
	check(x.status === 200 && JSON.parse(body).id === env.HOSTILE &&
	      /attachment/.test(x.headers.get('Content-Disposition')),
	      `bundle download in the session: ${x.status}`);
	await b.screenshot(`${env.SHOTS}/crash.png`);
	await b.screenshot(`${env.SHOTS}/crash-top.png`, 1100);
	await b.evalAndWait(() => document.querySelector('dd a[href^="/groups/"]').click());
	check((await path(b)).startsWith('/groups/') &&
	      (await b.eval(() => document.querySelector('h1').textContent)) === c.report.title,
	      'the group page of the crash');
	await b.screenshot(`${env.SHOTS}/group.png`);
}

async function checkLabel(b) {
	await b.goto(`${base}/labels`);
	const id = await b.eval(() => {
		const f = document.querySelector('form.label');
		if (f.querySelector('select').value !== '')
			throw new Error('a class is preselected');
		f.querySelector('select').value = 'storage-io';
		return f.getAttribute('action').split('/')[2];
	});
	await b.screenshot(`${env.SHOTS}/labels.png`);
	await b.evalAndWait(() => document.querySelector('form.label').requestSubmit());
	check(await path(b) === '/labels', 'back to the queue after labeling');
	const c = await api(`/api/v1/crashes/${id}`);
	check(c.label === 'storage-io', `label through the form, read by the API: ${c.label}`);
	// A form without the session's CSRF token is refused.
	await b.evalAndWait(() => {
		const f = document.querySelector('form.label');
		f.querySelector('input[name=csrf]').value = '0'.repeat(64);
		f.querySelector('select').value = 'oom';
		f.requestSubmit();
	});
	const st = await b.eval(() =>
		performance.getEntriesByType('navigation')[0].responseStatus);
	check(st === 403, `label without the CSRF token: ${st}`);
	const after = await api(`/api/v1/crashes/${id}`);
	check(after.label === 'storage-io', `the refused form changed nothing: ${after.label}`);
}

async function checkSignOut(b) {
	await b.evalAndWait(() => document.querySelector('form.who').requestSubmit());
	check((await path(b)) === '/login', 'signed out to the sign-in page');
	await b.goto(`${base}/labels`);
	check((await path(b)).startsWith('/login'), 'after sign-out pages need signing in again');
}

// Server time (request to first byte) and time to DOM ready, in ms.
async function timePage(b, name, url) {
	const runs = [];
	for (let i = 0; i < 3; i++) {
		await b.goto(url);
		runs.push(await b.eval(() => {
			const n = performance.getEntriesByType('navigation')[0];
			return { server: n.responseStart - n.requestStart,
				 dom: n.domContentLoadedEventEnd - n.startTime,
				 bytes: n.transferSize };
		}));
	}
	const med = (k) => runs.map((r) => r[k]).sort((x, y) => x - y)[1];
	console.log(`timing ${name}: server ${med('server').toFixed(1)} ms,` +
		    ` DOM ready ${med('dom').toFixed(1)} ms, ${runs[1].bytes} bytes`);
	check(med('dom') < 5000, `${name} loads in under 5 s`);
	await b.screenshot(`${env.SHOTS}/${name}-10k.png`);
	await b.screenshot(`${env.SHOTS}/${name}-10k-top.png`, 1000);
}

async function main() {
	const b = await launch();
	try {
		await b.open();
		if (env.MODE === 'time') {
			await signIn(b, env.OP);
			const one = (await api('/api/v1/crashes?limit=1&title=' +
				encodeURIComponent('BUG: unable to handle kernel NULL'))).crashes[0].id;
			await timePage(b, 'dashboard', `${base}/?days=90`);
			await timePage(b, 'crash', `${base}/crashes/${one}`);
			await timePage(b, 'labels', `${base}/labels`);
			await timePage(b, 'crashes', `${base}/crashes?page=3`);
		} else {
			const all = await api('/api/v1/crashes?limit=1000');
			await checkAccess(b);
			await checkDashboard(b, all.crashes.length);
			await checkCrash(b);
			await checkLabel(b);
			await checkSignOut(b);
		}
	} finally {
		await b.close();
	}
	console.log(failures ? `${failures} failures` : 'web UI: all checks passed');
	process.exit(failures ? 1 : 0);
}

main().catch((e) => {
	console.log(`FAIL: ${e.stack}`);
	process.exit(1);
});
