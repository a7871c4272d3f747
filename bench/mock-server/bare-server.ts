/**
 * The baseline: a bare node:http server that answers every request with a fixed JSON body of
 * the size the mock answers with (reading the body first for POSTs). No routing, no state.
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const body = JSON.stringify({
  channel: {
    _id: '4c784e52339f467c39d91947',
    accountId: '69d754c4ed353022e6130f6b',
    name: 'Demo Channel',
    uniqueName: 'Demo Channel',
    networkId: 'demo-channel',
    endpoint: {},
    businessHours: null,
    createdTime: '2026-11-21T12:37:39.198Z',
  },
  manifest: {
    _id: '2871a54242db52cce5a6f2ea',
    webhook: null,
    inbox: { ticketActions: [], rightSidebar: [] },
  },
});

createServer((req, res) => {
  const answer = () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  if (req.method === 'POST') {
    req.resume();
    req.on('end', answer);
  } else answer();
}).listen(port, '127.0.0.1', () => console.log('ready'));
