// Preloaded (node --expose-gc --require) into a server under test: on SIGUSR2 it runs a full
// garbage collection and writes process.memoryUsage() to BENCH_HEAP_FILE; with
// BENCH_HEAP_SNAPSHOT=true it first writes a V8 heap snapshot to BENCH_HEAP_FILE.heapsnapshot
// (bench/heap-sockets.mjs reads it). Nothing else.
const { writeFileSync } = require('node:fs');
const { writeHeapSnapshot } = require('node:v8');

process.on('SIGUSR2', () => {
  for (let i = 0; i < 3; i += 1) global.gc?.();
  if (process.env.BENCH_HEAP_SNAPSHOT === 'true') {
    writeHeapSnapshot(`${process.env.BENCH_HEAP_FILE}.heapsnapshot`);
    global.gc?.();
  }
  writeFileSync(process.env.BENCH_HEAP_FILE, JSON.stringify(process.memoryUsage()));
});
