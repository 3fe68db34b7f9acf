// The live baseline: a raw `ws` server on the baseline HTTP server (path /ws). A client
// connects with ?token=, sends {"join": workspaceId}, and gets {"ok": true} once its
// participation and consents are read (the same access statement as HTTP). After a write
// commits, `publish` sends the event to every member of the room allowed to see it (the
// same rule as the API: patient, uncategorised, own party's, assigned, or consented).
import { WebSocketServer } from 'ws';

export function attachFanout(server, { verify, readAccess }) {
  const rooms = new Map(); // workspaceId -> Set<{ socket, access }>
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 16 * 1024 });
  wss.on('connection', (socket, request) => {
    const user = verify(`Bearer ${new URL(request.url, 'http://x').searchParams.get('token')}`);
    if (!user) return socket.close(4401, 'UNAUTHENTICATED');
    const joined = new Set();
    socket.on('message', async (raw) => {
      try {
        const { join } = JSON.parse(raw.toString());
        const access = await readAccess(join, user);
        if (!access)
          return socket.send(JSON.stringify({ ok: false, error: 'WORKSPACE_NOT_FOUND' }));
        // Only what the visibility rule reads is kept per socket (not the HTTP access's
        // ability), as a lean raw server would.
        const member = {
          socket,
          access: {
            workspaceId: access.workspaceId,
            isPatient: access.isPatient,
            party: access.party,
            participantId: access.participantId,
            granted: access.granted,
          },
        };
        if (!rooms.has(join)) rooms.set(join, new Set());
        rooms.get(join).add(member);
        joined.add(member);
        socket.send(JSON.stringify({ ok: true, workspaceId: join }));
      } catch {
        socket.send(JSON.stringify({ ok: false, error: 'BAD_REQUEST' }));
      }
    });
    socket.on('close', () => {
      for (const member of joined) rooms.get(member.access.workspaceId)?.delete(member);
    });
  });

  const visible = (a, v) =>
    a.isPatient ||
    v.category === null ||
    v.actorParty === a.party ||
    v.authorParty === a.party ||
    v.assigneeParty === a.party ||
    v.assigneeParticipantId === a.participantId ||
    a.granted.has(v.category);

  return {
    publish(view, visibility) {
      const members = rooms.get(view.workspaceId);
      if (!members) return;
      const message = JSON.stringify(view); // encoded once per room
      for (const { socket, access } of members)
        if (visible(access, visibility)) socket.send(message);
    },
    close: () => wss.close(),
  };
}
