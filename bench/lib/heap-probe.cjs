// Preloaded (node --expose-gc --require) into a server under test: on SIGUSR2 it runs a full
// garbage collection and writes process.memoryUsage() to BENCH_HEAP_FILE. Nothing else.
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  for (let i = 0; i < 3; i += 1) global.gc?.();
  writeFileSync(process.env.BENCH_HEAP_FILE, JSON.stringify(process.memoryUsage()));
});
