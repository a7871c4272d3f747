import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiHandler, type MockServer } from '../src/index.js';
import { startMock } from './helpers.js';

const STATIC_DIR = fileURLToPath(new URL('../src/ui/static/', import.meta.url));

/** Every file of the UI, relative to `static/` (`index.html`, `assets/main.js`, ...). */
async function uiFiles(): Promise<string[]> {
  const entries = await readdir(STATIC_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(STATIC_DIR, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

const get = (mock: MockServer, path: string, init: RequestInit = {}) =>
  fetch(new URL(path, mock.url), { redirect: 'manual', ...init });

describe('the web UI is served at /app/', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ seed: 7 });
  });
  afterAll(() => mock.close());

  it('GET /app/ is the page, with a CSP that allows nothing from elsewhere but pictures', async () => {
    const response = await get(mock, '/app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await response.text();
    for (const testId of ['nav-channels', 'nav-inbox', 'nav-deliveries'])
      expect(html).toContain(`data-testid="${testId}"`);
    expect(html).toContain('href="#/channels"');
    expect(html).toContain('<script type="module" src="assets/main.js"></script>');
  });

  it('GET / stays the public API, and /app redirects to /app/', async () => {
    const root = await get(mock, '/');
    expect(root.status).toBe(401);
    expect((await root.json()).code).toBe('AccessTokenInvalidError');
    const bare = await get(mock, '/app?x=1');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/app/?x=1');
  });

  it('serves every file with its content type, an ETag, and answers 304 to it', async () => {
    const types: Record<string, string> = {
      html: 'text/html; charset=utf-8',
      js: 'text/javascript; charset=utf-8',
      css: 'text/css; charset=utf-8',
      svg: 'image/svg+xml',
    };
    const files = await uiFiles();
    expect(files).toContain('assets/main.js');
    expect(files).toContain('assets/app.css');
    for (const file of files) {
      const extension = file.split('.').at(-1) ?? '';
      const response = await get(mock, `/app/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(types[extension]);
      expect(await response.text()).toBe(await readFile(join(STATIC_DIR, file), 'utf8'));
      const etag = response.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await get(mock, `/app/${file}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      const head = await get(mock, `/app/${file}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    }
  });

  it('every module the page imports is served (the import graph resolves)', async () => {
    const pending = ['assets/main.js'];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const response = await get(mock, `/app/${file}`);
      expect(response.status, file).toBe(200);
      const source = await response.text();
      for (const [, specifier] of source.matchAll(/^import [^'"]*['"]([^'"]+)['"]/gm)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\/.*\.js$/);
        pending.push(new URL(specifier as string, `http://x/${file}`).pathname.slice(1));
      }
    }
    expect(seen.size).toBeGreaterThan(8);
    expect([...seen].sort()).toEqual((await uiFiles()).filter((f) => f.endsWith('.js')));
  });

  it('loads nothing from elsewhere: no http(s) URL in any file but the SVG namespace', async () => {
    const allowed = new Set(['http://www.w3.org/2000/svg']);
    for (const file of await uiFiles()) {
      const text = await readFile(join(STATIC_DIR, file), 'utf8');
      const urls = [...text.matchAll(/https?:\/\/[^\s'"`)<>]*/g)].map((m) => m[0]);
      expect(
        urls.filter((url) => !allowed.has(url)),
        file,
      ).toEqual([]);
      // No protocol-relative sources either (`src="//cdn..."`, `import '//...'`).
      expect(text, file).not.toMatch(/(src|href)=["']\/\//);
      expect(text, file).not.toMatch(/from ['"]\/\//);
    }
  });

  it('never turns data into markup: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', async () => {
    for (const file of (await uiFiles()).filter((f) => f.endsWith('.js'))) {
      const text = await readFile(join(STATIC_DIR, file), 'utf8');
      expect(text, file).not.toMatch(
        /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/,
      );
    }
  });

  it('answers unknown files, other methods and traversal with JSON { code, message }', async () => {
    const missing = await get(mock, '/app/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'NotFoundError', message: 'Error: Not found' });
    for (const path of ['/app/%2e%2e/package.json', '/app/..%2fhandler.ts', '/app/%E0%A4%A']) {
      const response = await get(mock, path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).code).toBe('NotFoundError');
    }
    const post = await get(mock, '/app/', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toEqual({
      code: 'MethodNotAllowedError',
      message: 'Error: POST is not allowed here',
    });
  });
});

describe('turning the UI off or serving it elsewhere', () => {
  it('ui: false leaves /app/ to the public API (404)', async () => {
    const mock = await startMock({ ui: false });
    try {
      const response = await get(mock, '/app/');
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe('NotFoundError');
    } finally {
      await mock.close();
    }
  });

  it('createUiHandler serves the same page under another prefix; a mount of /app/ wins', async () => {
    const mock = await startMock({
      mount: {
        '/app/': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('mine');
        },
      },
    });
    try {
      mock.mount('/console/', createUiHandler('/console/'));
      expect(await (await get(mock, '/app/')).text()).toBe('mine');
      const page = await get(mock, '/console/');
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect((await get(mock, '/console/assets/main.js')).status).toBe(200);
      expect((await get(mock, '/console')).headers.get('location')).toBe('/console/');
    } finally {
      await mock.close();
    }
  });
});

describe('the built package', () => {
  it('serves the same UI files from dist/ (the build copies them)', async () => {
    const built = (await import(
      new URL('../dist/index.js', import.meta.url).href
    )) as typeof import('../src/index.js');
    const mock = await built.createMockServer();
    try {
      for (const file of await uiFiles()) {
        const response = await get(mock, `/app/${file}`);
        expect(response.status, `${file} (run the build first)`).toBe(200);
        expect(await response.text(), file).toBe(await readFile(join(STATIC_DIR, file), 'utf8'));
      }
    } finally {
      await mock.close();
    }
  });
});
