import { EVENT_TYPES, type EventType } from '@atergang/contracts';
import { staleKeys } from '../src/lib/live-invalidation';
import { keys } from '../src/lib/queries';

// Which views a live event refetches. The REST routes are the consent filter, so a missed
// key is a stale view (someone sees yesterday's plan); an extra one only costs a request.

const WS = '00000000-0000-4000-8000-0000000000aa';
const asText = (list: readonly (readonly unknown[])[]) => list.map((key) => key.join('/'));

describe('staleKeys', () => {
  it('refetches, for every event type, something of its own and the access log, all in its case', () => {
    for (const type of EVENT_TYPES) {
      const stale = staleKeys(type, WS);
      expect(asText(stale)).toContain(keys.accessLog(WS).join('/'));
      expect(stale.length).toBeGreaterThan(1);
      for (const key of stale) expect(key.slice(0, 2)).toEqual(['ws', WS]);
    }
  });

  it.each<[EventType, readonly (readonly unknown[])[], readonly (readonly unknown[])[]]>([
    ['task.updated', [keys.tasks(WS)], [keys.plan(WS), keys.meetings(WS)]],
    ['plan.updated', [keys.plan(WS), keys.tasks(WS)], [keys.meetings(WS)]],
    ['note.corrected', [keys.meetings(WS), keys.tasks(WS)], [keys.plan(WS)]],
    ['meeting.moved', [keys.meetings(WS), keys.tasks(WS)], [keys.documents(WS)]],
    ['meeting.request-answered', [keys.meetingRequests(WS), keys.tasks(WS)], [keys.plan(WS)]],
    ['document.uploaded', [keys.documents(WS)], [keys.plan(WS), keys.tasks(WS)]],
    ['plan.requested', [keys.handovers(WS), keys.tasks(WS)], [keys.documents(WS)]],
    [
      'certificate.added',
      [keys.certificates(WS), keys.overview(WS), keys.timeline(WS), keys.plan(WS), keys.tasks(WS)],
      [keys.documents(WS)],
    ],
    ['case.closed', [keys.overview(WS), keys.plan(WS), keys.tasks(WS)], [keys.documents(WS)]],
    ['participant.removed', [keys.overview(WS), keys.meetings(WS), keys.tasks(WS)], []],
  ])('%s refetches what it changes and not what it does not', (type, refetched, untouched) => {
    const stale = asText(staleKeys(type, WS));
    for (const key of refetched) expect(stale).toContain(key.join('/'));
    for (const key of untouched) expect(stale).not.toContain(key.join('/'));
  });

  it('refetches the whole case for a type this build does not know (a newer server)', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stale = staleKeys('meeting.teleported' as EventType, WS);
    expect(asText(stale)).toContain(['ws', WS].join('/'));
    expect(warn).toHaveBeenCalledWith('Unknown event type: meeting.teleported');
    warn.mockRestore();
  });
});
