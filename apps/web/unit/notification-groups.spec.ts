import type { NotificationView } from '@atergang/contracts';
import { appPath, groupByCase, markedRead, mergePages } from '../src/lib/notification-groups';

// The notifications page: grouped by case, newest first, each item once, read at once.

const CASE_A = '11111111-1111-4111-8111-111111111111';
const CASE_B = '22222222-2222-4222-8222-222222222222';

let counter = 0;
function notification(overrides: Partial<NotificationView> = {}): NotificationView {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    kind: 'task.assigned',
    workspaceId: CASE_A,
    caseLabel: 'Ditt ärende',
    headline: 'Du har fått en uppgift.',
    detail: null,
    link: `/w/${CASE_A}/tasks`,
    createdAt: '2026-12-03T08:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

describe('groupByCase', () => {
  it('puts each case’s notifications together, the case with the newest first', () => {
    const oldA = notification({ createdAt: '2026-12-01T08:00:00.000Z' });
    const newB = notification({
      workspaceId: CASE_B,
      caseLabel: 'Anna Andersson',
      createdAt: '2026-12-03T08:00:00.000Z',
    });
    const midA = notification({ createdAt: '2026-12-02T08:00:00.000Z' });
    const oldB = notification({
      workspaceId: CASE_B,
      caseLabel: 'Anna Andersson',
      createdAt: '2026-11-30T08:00:00.000Z',
    });

    const groups = groupByCase([oldA, newB, midA, oldB]);

    expect(groups.map((group) => group.workspaceId)).toEqual([CASE_B, CASE_A]);
    expect(groups[0]?.notifications.map((n) => n.id)).toEqual([newB.id, oldB.id]);
    expect(groups[1]?.notifications.map((n) => n.id)).toEqual([midA.id, oldA.id]);
    expect(groups.map((group) => group.caseLabel)).toEqual(['Anna Andersson', 'Ditt ärende']);
  });

  it('keeps the notifications about no case in a group of their own, without a label', () => {
    const invitation = notification({
      kind: 'invitation.received',
      workspaceId: null,
      caseLabel: null,
      link: '/inbjudan',
    });
    const task = notification();
    const groups = groupByCase([invitation, task]);
    expect(groups).toHaveLength(2);
    const none = groups.find((group) => group.workspaceId === null);
    expect(none?.caseLabel).toBeNull();
    expect(none?.notifications.map((n) => n.id)).toEqual([invitation.id]);
  });

  it('names a case by its newest notification that names it, and counts its unread ones', () => {
    const withheld = notification({ caseLabel: null, createdAt: '2026-12-03T09:00:00.000Z' });
    const named = notification({
      caseLabel: 'Anna Andersson',
      createdAt: '2026-12-03T08:00:00.000Z',
      readAt: '2026-12-03T08:30:00.000Z',
    });
    const older = notification({
      caseLabel: 'Ett gammalt namn',
      createdAt: '2026-12-01T08:00:00.000Z',
    });
    const [group] = groupByCase([older, named, withheld]);
    expect(group?.caseLabel).toBe('Anna Andersson');
    expect(group?.unreadCount).toBe(2);
  });

  it('gives no groups for no notifications', () => {
    expect(groupByCase([])).toEqual([]);
  });
});

describe('mergePages', () => {
  it('lists each notification once, newest first, when a refetched page overlaps the next', () => {
    const a = notification({ createdAt: '2026-12-03T10:00:00.000Z' });
    const b = notification({ createdAt: '2026-12-03T09:00:00.000Z' });
    const c = notification({ createdAt: '2026-12-03T08:00:00.000Z' });
    const merged = mergePages([{ notifications: [a, b] }, { notifications: [b, c] }]);
    expect(merged.map((n) => n.id)).toEqual([a.id, b.id, c.id]);
  });
});

describe('appPath', () => {
  it('follows a path of the web client', () => {
    expect(appPath(`/w/${CASE_A}/tasks`)).toBe(`/w/${CASE_A}/tasks`);
  });

  it('follows nothing that leaves the app, and no link at all', () => {
    expect(appPath(null)).toBeNull();
    expect(appPath('https://evil.example/w/1')).toBeNull();
    expect(appPath('//evil.example/w/1')).toBeNull();
    expect(appPath('/\\evil.example')).toBeNull();
    expect(appPath('javascript:alert(1)')).toBeNull();
  });
});

describe('markedRead', () => {
  const at = '2026-12-03T12:00:00.000Z';

  it('marks only the opened one read', () => {
    const opened = notification();
    const other = notification();
    const page = markedRead(
      { notifications: [opened, other] },
      new Set([opened.id]),
      undefined,
      at,
    );
    expect(page.notifications.map((n) => n.readAt)).toEqual([at, null]);
  });

  it('marks all, or only one case’s, and keeps an earlier reading time', () => {
    const earlier = '2026-12-01T12:00:00.000Z';
    const a = notification();
    const b = notification({ workspaceId: CASE_B });
    const readBefore = notification({ readAt: earlier });
    const notifications = [a, b, readBefore];

    const inA = markedRead({ notifications }, 'all', CASE_A, at);
    expect(inA.notifications.map((n) => n.readAt)).toEqual([at, null, earlier]);

    const all = markedRead({ notifications }, 'all', undefined, at);
    expect(all.notifications.map((n) => n.readAt)).toEqual([at, at, earlier]);
  });

  it('returns the same page when nothing changed (no needless re-render)', () => {
    const page = { notifications: [notification({ readAt: at })] };
    expect(markedRead(page, 'all', undefined, at)).toBe(page);
  });
});
