import { z } from 'zod';

// The API serves the client under a strict Content-Security-Policy (no eval). zod compiles
// parsers with `new Function` when it can, and probes for that: under the policy the probe is
// reported as a violation. Without compiling it validates the same, a little slower.
z.config({ jitless: true });
