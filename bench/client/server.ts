/**
 * The benchmark's SocialHub stand-in, run in a worker thread so that it has its own core: answers
 * `GET /` with a channel and `POST /inbox/tickets` with a ticket, with the rate limit headers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';

const info = JSON.stringify({
  channel: {
    _id: '5eb47954a545b82b5b522cce',
    networkId: 'example.com-contact-form-1',
    endpoint: { expirationTime: '2022-05-07T21:05:17.861Z' },
    name: 'Contact Form',
    uniqueName: 'Contact Form (at example.com)',
    imageUrl: 'https://example.com/new-logo.png',
    accountId: '5e73f5245a45da10b6e614d8',
    updatedTime: '2020-05-07T21:20:20.930Z',
    businessHours: null,
    createdTime: '2020-05-07T21:10:44.509Z',
  },
});
const ticket = JSON.stringify({
  _id: '5eb493dcac52392e08513417',
  accountId: '5e73f5245a45da10b6e614d8',
  channelId: '5eb47954a545b82b5b522cce',
  createdTime: '2020-05-07T23:03:56.384Z',
  interaction: { networkItemId: 'question-q_0000000001', message: 'Hello, can someone help me?' },
});

let remaining = 1000;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.method === 'POST' ? ticket : info;
    remaining = remaining === 0 ? 1000 : remaining - 1;
    res.writeHead(req.method === 'POST' ? 201 : 200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': String(remaining),
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  parentPort?.postMessage((server.address() as AddressInfo).port);
});
parentPort?.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
