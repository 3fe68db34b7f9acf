import { changedNoteFields, type NoteDraft } from '../src/lib/meetings';

// A correction sends only what the author changed in the form, so a field left alone is never
// sent and never overwritten (issue 15); who attended is a set, not a list.

const ANNA = '00000000-0000-4000-8000-00000000000a';
const MARIA = '00000000-0000-4000-8000-00000000000b';

const draft = (overrides: Partial<NoteDraft> = {}): NoteDraft => ({
  situation: 'Anna arbetar 25 %.',
  workCapacity: 'Orkar halvdagar.',
  rehabilitationNeeds: null,
  decisions: ['Prova 50 %'],
  nextSteps: [{ title: 'Nytt möte', dueDate: null, createTask: false }],
  attendeeParticipantIds: [ANNA, MARIA],
  ...overrides,
});

describe('the fields a note correction sends', () => {
  it('sends nothing when nothing changed', () => {
    expect(changedNoteFields(draft(), draft())).toBeNull();
  });

  it('sends only the changed text, a cleared field as null', () => {
    expect(
      changedNoteFields(draft(), draft({ situation: 'Anna arbetar 50 %.', workCapacity: null })),
    ).toEqual({ situation: 'Anna arbetar 50 %.', workCapacity: null });
  });

  it('compares who attended as a set', () => {
    expect(changedNoteFields(draft(), draft({ attendeeParticipantIds: [MARIA, ANNA] }))).toBeNull();
    expect(changedNoteFields(draft(), draft({ attendeeParticipantIds: [ANNA] }))).toEqual({
      attendeeParticipantIds: [ANNA],
    });
  });

  it('sends the steps and decisions whole when one of them changed', () => {
    const steps = [
      { title: 'Nytt möte', dueDate: null, createTask: false },
      {
        title: 'Boka besök',
        dueDate: '2099-01-15',
        createTask: true,
        assigneeParty: 'FK' as const,
      },
    ];
    expect(
      changedNoteFields(draft(), draft({ nextSteps: steps, decisions: ['Prova 50 %'] })),
    ).toEqual({ nextSteps: steps });
  });
});
