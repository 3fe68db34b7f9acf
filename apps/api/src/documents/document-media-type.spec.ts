import type { ApiError } from '../common/api-error';
import {
  acceptDetectedType,
  checkClaimBeforeUpload,
  cleanFileName,
  detectMediaType,
  extensionOf,
  inspectHead,
  ZIP_SNIFF_BYTES,
} from './document-media-type';
import { attachmentDisposition } from './documents.mapper';

// What a file is, is read from its bytes; its name and declared type must agree with that.

function rejection(action: () => void): { status: number; code: string } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    const apiError = error as ApiError;
    return { status: apiError.getStatus(), code: apiError.code };
  }
}

const REFUSED = { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' };
const pdfHead = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n', 'latin1');

describe('document media types', () => {
  it('reads the type from magic bytes, whatever the name says', async () => {
    expect(await detectMediaType(pdfHead)).toBe('application/pdf');
    expect(await detectMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe(
      'image/jpeg',
    );
    expect(await detectMediaType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBe(
      'application/x-elf',
    );
    expect(await detectMediaType(Buffer.from('just some text'))).toBeUndefined();
    expect(await detectMediaType(Buffer.alloc(0))).toBeUndefined();
  });

  it('accepts a type only with a matching extension and a matching (or no) declared type', () => {
    const claim = (fileName: string, clientType = 'application/octet-stream') => ({
      fileName,
      clientType,
    });
    expect(acceptDetectedType('application/pdf', claim('Plan.PDF'))).toBe('application/pdf');
    expect(acceptDetectedType('image/jpeg', claim('bild.jpeg', 'image/jpg'))).toBe('image/jpeg');
    expect(acceptDetectedType('image/jpeg', claim('bild.jpg', 'image/jpeg; q=1'))).toBe(
      'image/jpeg',
    );
    expect(rejection(() => void acceptDetectedType('image/png', claim('plan.pdf')))).toEqual(
      REFUSED,
    );
    expect(
      rejection(() => void acceptDetectedType('application/pdf', claim('plan.pdf', 'image/png'))),
    ).toEqual(REFUSED);
    expect(rejection(() => void acceptDetectedType('application/zip', claim('plan.docx')))).toEqual(
      REFUSED,
    );
    expect(rejection(() => void acceptDetectedType(undefined, claim('plan.pdf')))).toEqual(REFUSED);
    expect(rejection(() => void acceptDetectedType('application/pdf', claim('plan')))).toEqual(
      REFUSED,
    );
  });

  it('refuses before storing a name or declared type that can never be accepted', () => {
    expect(
      rejection(() => {
        checkClaimBeforeUpload({ fileName: 'x.exe', clientType: 'application/pdf' });
      }),
    ).toEqual(REFUSED);
    expect(
      rejection(() => {
        checkClaimBeforeUpload({ fileName: 'x.pdf', clientType: 'application/x-msdownload' });
      }),
    ).toEqual(REFUSED);
    expect(
      rejection(() => {
        checkClaimBeforeUpload({ fileName: 'x.pdf', clientType: 'image/png' });
      }),
    ).toBeUndefined();
  });

  it('asks for more of a zip (it may be a DOCX whose type entry comes later), but no more than a bounded sample', async () => {
    const zipHead = Buffer.alloc(5000);
    zipHead.writeUInt32LE(0x04034b50, 0);
    zipHead.writeUInt16LE(8, 26); // file name length
    zipHead.write('word/x.x', 30, 'latin1');
    zipHead.writeUInt32LE(6000, 18); // compressed size: the next entry starts beyond 4 KB
    const claim = { fileName: 'plan.docx', clientType: 'application/octet-stream' };
    expect(await inspectHead(zipHead, false, claim)).toEqual({ need: ZIP_SNIFF_BYTES });
    await expect(inspectHead(zipHead, true, claim)).rejects.toMatchObject(REFUSED);
    await expect(inspectHead(pdfHead, true, { ...claim, fileName: 'plan.pdf' })).resolves.toEqual({
      accepted: 'application/pdf',
    });
  });

  it('keeps only a clean base name of a file name', () => {
    expect(cleanFileName('C:\\Users\\chef\\Plan för återgång.pdf')).toBe('Plan för återgång.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u001f.pdf')).toBe('ab.pdf');
    expect(cleanFileName('..')).toBeNull();
    expect(cleanFileName('   ')).toBeNull();
    const long = cleanFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long?.endsWith('.pdf')).toBe(true);
    // Decomposed å (a + ring) becomes the composed one.
    expect(cleanFileName('a\u030a.pdf')).toBe('\u00e5.pdf');
    expect(extensionOf('.pdf')).toBeNull();
    expect(extensionOf('plan.')).toBeNull();
    expect(extensionOf('plan.tar.GZ')).toBe('gz');
  });

  it('names the file for download in ASCII and exactly in UTF-8', () => {
    expect(attachmentDisposition('Plan för återgång.pdf')).toBe(
      `attachment; filename="Plan for atergang.pdf"; ` +
        `filename*=UTF-8''Plan%20f%C3%B6r%20%C3%A5terg%C3%A5ng.pdf`,
    );
    expect(attachmentDisposition('a"b\\c (1)*\'.pdf')).toBe(
      `attachment; filename="a_b_c (1)*'.pdf"; filename*=UTF-8''a%22b%5Cc%20%281%29%2A%27.pdf`,
    );
    expect(attachmentDisposition('日本.png')).toBe(
      `attachment; filename="__.png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png`,
    );
  });
});
