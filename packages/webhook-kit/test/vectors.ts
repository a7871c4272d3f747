import { readFileSync } from 'node:fs';

/** Shared test vectors, computed independently (Python hashlib/hmac) from the facts file. */
export interface Vector {
  name: string;
  bytes: number;
  body: string;
  challenge: string;
  signature: string;
}

export const vectorFile = JSON.parse(
  readFileSync(new URL('./fixtures/vectors.json', import.meta.url), 'utf8'),
) as { secret: string; timestamp: string; vectors: Vector[] };

export const SECRET = vectorFile.secret;
export const TIMESTAMP = vectorFile.timestamp;
export const NOW = Number(TIMESTAMP) + 1_000;
export const vectors = vectorFile.vectors;
export const compactVector = vectors[0] as Vector;
