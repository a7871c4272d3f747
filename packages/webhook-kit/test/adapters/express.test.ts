import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressHandler } from '../../src/adapters/express.js';
import { BodyAlreadyParsedError } from '../../src/errors.js';
import {
  close,
  expectAdapterContract,
  listen,
  recordingHandler,
  signedHeaders,
} from '../helpers.js';
import { compactVector } from '../vectors.js';

describe('Express 5 adapter', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });
  const start = (app: express.Express) => {
    const server = createServer(app);
    servers.push(server);
    return listen(server);
  };

  it('keeps the adapter contract, reading the raw body itself, beside express.json() routes', async () => {
    const recorder = recordingHandler({ maxBodyBytes: 2048 });
    const app = express();
    const webhook = createExpressHandler(recorder.handler);
    app.all('/webhook', webhook);
    app.use(express.json());
    app.post('/other', (req, res) => {
      res.json({ parsed: req.body });
    });
    const url = await start(app);
    await expectAdapterContract(`${url}/webhook`, recorder);
    const other = await fetch(`${url}/other`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });

  it('uses the Buffer left by express.raw()', async () => {
    const recorder = recordingHandler();
    const app = express();
    app.post('/webhook', express.raw({ type: '*/*' }), createExpressHandler(recorder.handler));
    const url = await start(app);
    const res = await fetch(`${url}/webhook`, {
      method: 'POST',
      body: compactVector.body,
      headers: signedHeaders(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-socialhub-challenge')).toBe(compactVector.challenge);
  });

  it('fails with BodyAlreadyParsedError when express.json() ran first', async () => {
    const recorder = recordingHandler();
    const app = express();
    app.use(express.json());
    app.post('/webhook', createExpressHandler(recorder.handler));
    let caught: unknown;
    const onError: ErrorRequestHandler = (error, _req, res, _next) => {
      caught = error;
      res.status(500).json({ message: (error as Error).message });
    };
    app.use(onError);
    const url = await start(app);
    const res = await fetch(`${url}/webhook`, {
      method: 'POST',
      body: compactVector.body,
      headers: signedHeaders(),
    });
    expect(res.status).toBe(500);
    expect(caught).toBeInstanceOf(BodyAlreadyParsedError);
    expect((caught as BodyAlreadyParsedError).code).toBe('body_already_parsed');
    expect((await res.json()).message).toMatch(
      /^@socialhub\/webhook-kit: the Express request body was already parsed.*express\.json\(\)/,
    );
    expect(recorder.seen).toHaveLength(0);
  });
});
