// Where the journeys' server listens and keeps its data. One run at a time per port: set E2E_PORT
// to run the journeys beside another run on the same machine (each port gets its own data folder).
import { join } from 'node:path';

export const port = Number(process.env.E2E_PORT || 3199);

/** Fresh each run: the server migrates and seeds the demo cooperative into it on start. */
export const dataDir = port === 3199 ? join('.cache', 'e2e-data') : join('.cache', `e2e-data-${port}`);
