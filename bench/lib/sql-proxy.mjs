// A loopback TCP proxy in front of PostgreSQL that reads the frontend side of the wire
// protocol and counts the statements the API executes (each Execute of the extended
// protocol, each simple Query), keeping their SQL text. It works against any server
// (pg_stat_statements needs shared_preload_libraries, which the local server may lack).
import { createServer, connect } from 'node:net';

export async function startSqlProxy(targetUrl) {
  const target = new URL(targetUrl);
  const counter = { executed: 0, statements: [], recording: false };

  const server = createServer((clientSocket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    clientSocket.setNoDelay(true);
    upstream.setNoDelay(true);
    const statements = new Map(); // prepared statement name -> SQL
    const portals = new Map(); // portal name -> SQL
    let lastParsed = '';
    let buffer = Buffer.alloc(0);
    let started = false;

    const record = (sql, params) => {
      counter.executed += 1;
      if (counter.recording) counter.statements.push({ sql, params });
    };

    clientSocket.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          // SSLRequest / GSSENCRequest are followed by another startup message.
          if (code !== 80877103 && code !== 80877104) started = true;
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        let offset = 0;
        const cstrings = () => {
          const parts = [];
          let start = 0;
          for (let i = 0; i < body.length && parts.length < 2; i += 1) {
            if (body[i] === 0) {
              parts.push(body.toString('utf8', start, i));
              start = i + 1;
            }
          }
          offset = start;
          return parts;
        };
        // Bind parameters, when all are in text format (what node-postgres sends).
        const bindParams = () => {
          const formats = body.readInt16BE(offset);
          let at = offset + 2;
          let binary = false;
          for (let f = 0; f < formats; f += 1) {
            if (body.readInt16BE(at) !== 0) binary = true;
            at += 2;
          }
          const count = body.readInt16BE(at);
          at += 2;
          const values = [];
          for (let v = 0; v < count; v += 1) {
            const length = body.readInt32BE(at);
            at += 4;
            values.push(length < 0 ? null : body.toString('utf8', at, at + length));
            at += Math.max(0, length);
          }
          return binary ? undefined : values;
        };
        if (type === 'Q') {
          record(body.toString('utf8', 0, body.length - 1), []);
        } else if (type === 'P') {
          const [name, sql] = cstrings();
          statements.set(name, sql);
          lastParsed = sql;
        } else if (type === 'B') {
          const [portal, statement] = cstrings();
          portals.set(portal, {
            sql: statements.get(statement) ?? lastParsed,
            params: bindParams(),
          });
        } else if (type === 'E') {
          const [portal] = cstrings();
          const bound = portals.get(portal) ?? { sql: lastParsed, params: undefined };
          record(bound.sql, bound.params);
        }
      }
    });
    upstream.on('data', (chunk) => clientSocket.write(chunk));
    const close = () => {
      clientSocket.destroy();
      upstream.destroy();
    };
    clientSocket.on('error', close);
    upstream.on('error', close);
    clientSocket.on('close', close);
    upstream.on('close', close);
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(targetUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(server.address().port);
  return {
    url: proxied.toString(),
    counter,
    /** Runs `work` and returns the statements executed meanwhile. */
    async capture(work) {
      counter.statements = [];
      counter.recording = true;
      const before = counter.executed;
      try {
        await work();
      } finally {
        counter.recording = false;
      }
      return { count: counter.executed - before, statements: counter.statements };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
