import { Worker } from 'node:worker_threads';

const worker = new Worker(new URL('./server.ts', import.meta.url), {
  execArgv: ['--import', 'tsx'],
});
const port = await new Promise<number>((resolve) => worker.once('message', resolve));
const url = `http://127.0.0.1:${port}/?accesstoken=abc`;
let keeper: NodeJS.Timeout | undefined;
const variants: Record<string, () => Promise<unknown>> = {
  plain: async () => (await fetch(url)).json(),
  signal: async () => (await fetch(url, { signal: new AbortController().signal })).json(),
  'signal+timer': async () => {
    const c = new AbortController();
    const t = setTimeout(() => c.abort(), 30000);
    const r = await (await fetch(url, { signal: c.signal })).json();
    clearTimeout(t);
    return r;
  },
  'timer only': async () => {
    const t = setTimeout(() => {}, 30000);
    const r = await (await fetch(url)).json();
    clearTimeout(t);
    return r;
  },
  'timer+keeper': async () => {
    keeper ??= setTimeout(() => {}, 30000);
    keeper.unref();
    const t = setTimeout(() => {}, 30000);
    const r = await (await fetch(url)).json();
    clearTimeout(t);
    return r;
  },
  rewrap: async () => {
    const r = await fetch(url);
    const a = new Response(r.body, {
      status: r.status,
      statusText: r.statusText,
      headers: r.headers,
    });
    return a.json();
  },
  'Request obj': async () => (await fetch(new Request(url))).json(),
};
for (const [, f] of Object.entries(variants)) for (let i = 0; i < 300; i++) await f();
const res = new Map<string, number[]>();
for (let round = 0; round < 40; round++) {
  const times = new Map<string, number>();
  for (const [name, f] of Object.entries(variants)) {
    const s = process.hrtime.bigint();
    for (let i = 0; i < 50; i++) await f();
    times.set(name, Number(process.hrtime.bigint() - s) / 50000);
  }
  for (const [name, t] of times)
    res.set(name, [...(res.get(name) ?? []), t / (times.get('plain') ?? 1)]);
}
for (const [name, xs] of res) {
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(14), xs[Math.floor(xs.length / 2)]?.toFixed(3));
}
worker.postMessage('close');
