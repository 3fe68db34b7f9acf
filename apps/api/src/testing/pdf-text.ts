import { spawn } from 'node:child_process';

// The text of a PDF, read by pdf-parse (pdf.js) in a Node process of its own: pdf.js loads
// its worker with a dynamic import(), which Jest's module sandbox refuses without
// --experimental-vm-modules. Whitespace is folded (pdf.js may break a long line anywhere).

const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const result = await parser.getText();
    process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
  } finally {
    await parser.destroy();
  }
});
`;

export interface PdfText {
  readonly text: string;
  readonly pages: number;
}

export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`pdf-parse failed (${code}): ${Buffer.concat(err).toString()}`));
        return;
      }
      const parsed = JSON.parse(Buffer.concat(out).toString()) as PdfText;
      resolve({ text: parsed.text.replace(/\s+/g, ' '), pages: parsed.pages });
    });
    child.stdin.end(pdf);
  });
}
