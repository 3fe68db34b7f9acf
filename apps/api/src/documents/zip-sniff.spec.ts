import { zip } from '../testing/test-files';
import { DOCX_MAIN, ODT_MIMETYPE, sniffZip } from './zip-sniff';

const contentTypes = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

// 64 MB of zeros deflate to about 64 KB: the bomb of issue 19, item 3.
const BOMB = Buffer.alloc(64 * 1024 * 1024);

describe('sniffing a zip upload', () => {
  it('tells a DOCX by its content types, stored or deflated (as Word writes it)', async () => {
    for (const deflate of [false, true]) {
      const docx = zip([
        { name: '[Content_Types].xml', data: contentTypes(DOCX_MAIN), deflate },
        { name: 'word/document.xml', data: '<w:document/>', deflate },
      ]);
      expect(await sniffZip(docx)).toEqual({ kind: 'docx' });
    }
  });

  it('tells an ODT by its first, stored mimetype entry', async () => {
    expect(await sniffZip(zip([{ name: 'mimetype', data: ODT_MIMETYPE }]))).toEqual({
      kind: 'odt',
    });
  });

  it('calls any other zip (a macro document, a plain archive) no accepted kind', async () => {
    const macro = zip([
      {
        name: '[Content_Types].xml',
        data: contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml'),
      },
    ]);
    expect(await sniffZip(macro)).toEqual({ kind: 'other' });
    expect(await sniffZip(zip([{ name: 'a.txt', data: 'hej' }]))).toEqual({ kind: 'other' });
  });

  it('refuses an entry that inflates to 64 MB, by its headers without inflating it', async () => {
    const bomb = zip([{ name: '[Content_Types].xml', data: BOMB, deflate: true }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await sniffZip(bomb)).toEqual({ kind: 'bomb' });
  });

  it('refuses it too when its headers lie about the size: inflation stops at a bound', async () => {
    const liar = zip([
      { name: '[Content_Types].xml', data: BOMB, deflate: true, claimedSize: 900 },
    ]);
    const before = process.memoryUsage().arrayBuffers;
    expect(await sniffZip(liar.subarray(0, 64 * 1024))).toEqual({ kind: 'bomb' });
    // Far from the 64 MB a whole inflation would allocate.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('asks for more when the telling entry lies beyond the sample', async () => {
    const late = zip([
      { name: 'word/document.xml', data: 'x'.repeat(10_000) },
      { name: '[Content_Types].xml', data: contentTypes(DOCX_MAIN) },
    ]);
    expect(await sniffZip(late.subarray(0, 4100))).toEqual({ kind: 'incomplete' });
    expect(await sniffZip(late)).toEqual({ kind: 'docx' });
  });
});
