import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// Roboto from pdfmake's own build (its virtual file system: base64 TTFs), embedded in every
// document: the PDF standard fonts have no å, ä, ö in pdfmake's encoding, and a font the
// reader's machine may lack would show boxes. Loaded once per process.

type FontFiles = Record<string, string>;

function robotoFonts() {
  // The module exports the files themselves (pdfmake 0.2); its typings say `{ vfs }`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('pdfmake/build/vfs_fonts') as FontFiles & { vfs?: FontFiles };
  const files = loaded.vfs ?? loaded;
  const font = (name: string): Buffer => {
    const file = files[name];
    if (!file) throw new Error(`pdfmake's fonts lack ${name}`);
    return Buffer.from(file, 'base64');
  };
  return {
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  };
}

let printer: PdfPrinter | undefined;

/** Renders a document to PDF bytes. */
export function renderPdf(document: TDocumentDefinitions): Promise<Buffer> {
  printer ??= new PdfPrinter(robotoFonts());
  const pdf = printer.createPdfKitDocument(document);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    pdf.on('error', reject);
    pdf.end();
  });
}
