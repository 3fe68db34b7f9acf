import { REHAB_MILESTONE_KEYS, REHAB_RULESETS, rehabRulesetFor } from './rehab-rulesets';

describe('REHAB_RULESETS', () => {
  it('is ordered by validFrom, oldest first, with unique ids', () => {
    const validFroms = REHAB_RULESETS.map((ruleset) => ruleset.validFrom);
    expect(validFroms).toEqual([...validFroms].sort());
    expect(new Set(REHAB_RULESETS.map((ruleset) => ruleset.id)).size).toBe(REHAB_RULESETS.length);
    expect(validFroms).toEqual(['2018-07-01', '2021-03-15']);
  });

  describe.each(REHAB_RULESETS.map((ruleset) => [ruleset.id, ruleset] as const))(
    '%s',
    (_id, ruleset) => {
      it('has phases that cover every day from 1 without gaps or overlaps', () => {
        let nextDay = 1;
        for (const phase of ruleset.phases) {
          expect([phase.phase, phase.firstDay]).toEqual([phase.phase, nextDay]);
          if (phase.lastDay === null) {
            expect(phase).toBe(ruleset.phases.at(-1));
            return;
          }
          expect(phase.lastDay).toBeGreaterThanOrEqual(phase.firstDay);
          nextDay = phase.lastDay + 1;
        }
        throw new Error('the last phase must be open-ended');
      });

      it('has every milestone exactly once, in day order, each with a legal source', () => {
        expect([...ruleset.milestones.map((milestone) => milestone.key)].sort()).toEqual(
          [...REHAB_MILESTONE_KEYS].sort(),
        );
        const days = ruleset.milestones.map((milestone) => milestone.day);
        expect(days).toEqual([...days].sort((a, b) => a - b));
        for (const milestone of ruleset.milestones) expect(milestone.legalSource).toMatch(/§/);
      });

      it('only turns milestones with an owner into tasks', () => {
        for (const milestone of ruleset.milestones) {
          if (milestone.task) expect(milestone.owner).not.toBeNull();
        }
      });
    },
  );
});

describe('rehabRulesetFor', () => {
  it.each([
    ['2018-06-30', 'REHAB_CHAIN_2018_07_01'],
    ['2018-07-01', 'REHAB_CHAIN_2018_07_01'],
    ['2021-03-14', 'REHAB_CHAIN_2018_07_01'],
    ['2021-03-15', 'REHAB_CHAIN_2021_03_15'],
    ['2030-01-01', 'REHAB_CHAIN_2021_03_15'],
  ])('a sick period starting %s follows %s', (start, id) => {
    expect(rehabRulesetFor(start).id).toBe(id);
  });

  it('rejects a malformed date instead of comparing strings', () => {
    expect(() => rehabRulesetFor('15/3/2021')).toThrow(RangeError);
  });
});
