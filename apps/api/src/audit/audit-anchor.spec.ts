import { anchorLine, parseAnchors, type AuditAnchor } from './audit-anchor';
import { AuditChainVerifier, type ChainRow } from './audit-chain';
import { auditRowHash, GENESIS_HASH } from './audit-hash';

const KEY = 'k'.repeat(40);

/** A linked chain of `count` rows with ids 10, 20, 30, … (ids may have gaps). */
function chain(count: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let previous = GENESIS_HASH;
  for (let index = 1; index <= count; index += 1) {
    const fields = {
      at: new Date(Date.UTC(2026, 11, 1, 12, 0, index)),
      requestId: `r${String(index)}`,
      actorUserId: null,
      actorParty: null,
      actorOrganisationId: null,
      action: 'plan.read',
      resourceType: 'Plan',
      resourceId: null,
      workspaceId: null,
      outcome: 'ALLOWED',
      reason: null,
      ip: null,
    };
    const hash = auditRowHash(previous, fields);
    rows.push({ ...fields, id: BigInt(index * 10), prevHash: previous, hash });
    previous = hash;
  }
  return rows;
}

function anchorAt(rows: readonly ChainRow[], index: number): AuditAnchor {
  const row = rows[index];
  if (!row) throw new Error(`no row ${String(index)}`);
  return {
    at: `2026-12-01T12:00:0${String(index)}Z`,
    lastId: row.id,
    hash: row.hash,
    rows: index + 1,
  };
}

function verify(rows: readonly ChainRow[], anchors: readonly AuditAnchor[]) {
  const verifier = new AuditChainVerifier(anchors);
  return verifier.check(rows) ?? verifier.result();
}

describe('audit anchors', () => {
  it('reads back what it signed, in lastId order', () => {
    const rows = chain(5);
    const text = [anchorAt(rows, 4), anchorAt(rows, 1)]
      .map((anchor) => anchorLine(anchor, KEY))
      .join('\n');
    const parsed = parseAnchors(text, KEY);
    expect(parsed.problems).toEqual([]);
    expect(parsed.anchors).toEqual([anchorAt(rows, 1), anchorAt(rows, 4)]);
  });

  it.each([
    ['an edited row count', (line: string) => line.replace('"rows":3', '"rows":2')],
    ['an edited hash', (line: string) => line.replace(/"hash":"./, '"hash":"f')],
    ['an edited id', (line: string) => line.replace('"lastId":"30"', '"lastId":"20"')],
    ['a removed signature', (line: string) => line.replace(/,"mac":"[0-9a-f]+"/, '')],
    ['a line that is not JSON', () => 'truncated {"v":1'],
  ])('refuses %s and names its line', (_name, tamper) => {
    const rows = chain(3);
    const genuine = anchorLine(anchorAt(rows, 0), KEY);
    const edited = tamper(anchorLine(anchorAt(rows, 2), KEY).trim());
    const parsed = parseAnchors(`${genuine}\n${edited}\n`, KEY);
    expect(parsed.anchors).toEqual([anchorAt(rows, 0)]);
    expect(parsed.problems).toEqual([{ line: 3, reason: expect.any(String) as string }]);
  });

  it('refuses lines signed with another key', () => {
    const rows = chain(2);
    const parsed = parseAnchors(anchorLine(anchorAt(rows, 1), 'o'.repeat(40)), KEY);
    expect(parsed.anchors).toEqual([]);
    expect(parsed.problems[0]?.reason).toMatch(/signature/);
  });
});

describe('verifying the chain against anchors', () => {
  it('passes an untouched log and reports the newest anchor', () => {
    const rows = chain(6);
    const anchors = [anchorAt(rows, 2), anchorAt(rows, 2), anchorAt(rows, 5)];
    expect(verify(rows, anchors)).toEqual({
      ok: true,
      rows: 6,
      lastHash: rows[5]?.hash,
      anchors: 3,
      latestAnchor: anchorAt(rows, 5),
    });
  });

  it('finds rows removed from the end, which the chain alone cannot', () => {
    const rows = chain(6);
    const truncated = rows.slice(0, 4);
    expect(verify(truncated, [])).toMatchObject({ ok: true, rows: 4 });
    expect(verify(truncated, [anchorAt(rows, 1), anchorAt(rows, 5)])).toMatchObject({
      ok: false,
      brokenAt: 60n,
      reason: expect.stringMatching(/ends at row 40.*6 rows up to row 60.*removed from its end/),
    });
  });

  it('finds an anchored row that is gone although the rest links again', () => {
    // Rows 3 to 6 removed and new rows chained on from row 2, as a rewrite would.
    const rows = chain(6);
    const rewritten = [...rows.slice(0, 2), ...chain(8).slice(2, 8)].map((row, index) =>
      index < 2 ? row : { ...row, id: row.id + 1000n },
    );
    expect(verify(rewritten, [])).toMatchObject({ ok: true });
    expect(verify(rewritten, [anchorAt(rows, 3)])).toMatchObject({
      ok: false,
      brokenAt: 40n,
      reason: expect.stringMatching(/is gone/),
    });
  });

  it('finds a re-hashed row and a changed count at the anchored id', () => {
    const rows = chain(4);
    const anchor = anchorAt(rows, 2);
    expect(verify(rows, [{ ...anchor, hash: 'a'.repeat(64) }])).toMatchObject({
      ok: false,
      brokenAt: 30n,
      reason: expect.stringMatching(/hash is not the one/),
    });
    expect(verify(rows, [{ ...anchor, rows: 4 }])).toMatchObject({
      ok: false,
      brokenAt: 30n,
      reason: expect.stringMatching(/3 rows up to it.*saw 4/),
    });
  });
});
