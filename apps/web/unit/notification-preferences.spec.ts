import {
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
} from '@atergang/contracts';
import {
  DEFAULT_QUIET_HOURS,
  EMAIL_KINDS,
  formFromPreferences,
  KIND_SECTIONS,
  preferencesChanges,
  quietHoursOf,
} from '../src/lib/notification-preferences';

// A save sends only what the person changed (PATCH /me/notification-preferences), so a
// setting another tab changed meanwhile is never sent back as it was.

function saved(overrides: Partial<NotificationPreferences> = {}): NotificationPreferences {
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, 'DAILY'])) as Record<
    NotificationKind,
    NotificationDelivery
  >;
  return {
    kinds: { ...kinds, 'meeting.proposed': 'IMMEDIATE', 'consent.granted': 'OFF' },
    digestHour: 17,
    quietHours: { from: 19, until: 9 },
    timeZone: 'Europe/Stockholm',
    ...overrides,
  };
}

describe('preferencesChanges', () => {
  it('sends nothing when nothing changed', () => {
    const before = saved();
    expect(preferencesChanges(before, formFromPreferences(before))).toBeNull();
  });

  it('sends only the one kind that changed', () => {
    const before = saved();
    const form = formFromPreferences(before);
    form.kinds['task.assigned'] = 'IMMEDIATE';
    expect(preferencesChanges(before, form)).toEqual({ kinds: { 'task.assigned': 'IMMEDIATE' } });
  });

  it('sends nothing for a choice changed and changed back', () => {
    const before = saved();
    const form = formFromPreferences(before);
    form.kinds['document.added'] = 'OFF';
    form.kinds['document.added'] = 'DAILY';
    form.digestHour = 8;
    form.digestHour = 17;
    expect(preferencesChanges(before, form)).toBeNull();
  });

  it('sends the digest hour alone', () => {
    const before = saved();
    const form = { ...formFromPreferences(before), digestHour: 7 };
    expect(preferencesChanges(before, form)).toEqual({ digestHour: 7 });
  });

  it('sends quiet hours as a whole when one of their hours changed', () => {
    const before = saved();
    const form = { ...formFromPreferences(before), quietUntil: 8 };
    expect(preferencesChanges(before, form)).toEqual({ quietHours: { from: 19, until: 8 } });
  });

  it('sends null when quiet hours are switched off, and the hours when back on', () => {
    const before = saved();
    const off = { ...formFromPreferences(before), quietOn: false };
    expect(preferencesChanges(before, off)).toEqual({ quietHours: null });
    // Switched on again the same hours: nothing changed.
    expect(preferencesChanges(before, { ...off, quietOn: true })).toBeNull();
  });

  it('offers evening to morning to someone who had no quiet hours', () => {
    const before = saved({ quietHours: null });
    const form = formFromPreferences(before);
    expect(form.quietOn).toBe(false);
    expect(quietHoursOf(form)).toBeNull();
    expect(preferencesChanges(before, { ...form, quietOn: true })).toEqual({
      quietHours: DEFAULT_QUIET_HOURS,
    });
  });

  it('compares with what the form came from: a change made elsewhere is not sent back', () => {
    const baseline = saved();
    const form = formFromPreferences(baseline);
    form.kinds['meeting.reminder'] = 'OFF';
    // Another tab moved the digest hour meanwhile; this form never touched it.
    const elsewhere = saved({ digestHour: 8 });
    expect(preferencesChanges(baseline, form)).toEqual({ kinds: { 'meeting.reminder': 'OFF' } });
    // Compared with the newer settings instead, the form's old hour would overwrite them.
    expect(preferencesChanges(elsewhere, form)).toEqual({
      kinds: { 'meeting.reminder': 'OFF' },
      digestHour: 17,
    });
  });

  it('never sends a kind that is not e-mailed (an invitation has its own message)', () => {
    const before = saved();
    const form = formFromPreferences(before);
    form.kinds['invitation.received'] = 'OFF';
    expect(preferencesChanges(before, form)).toBeNull();
  });
});

describe('the sections of the page', () => {
  it('show every kind that can be e-mailed exactly once, and no other', () => {
    const shown = KIND_SECTIONS.flatMap((section) => [...section.kinds]);
    expect([...shown].sort()).toEqual([...EMAIL_KINDS].sort());
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).not.toContain('invitation.received');
  });
});
