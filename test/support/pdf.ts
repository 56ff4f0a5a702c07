// Reading a PDF back the way a person would: its text (poppler's pdftotext) and the QR code on its rendered page
// (poppler's pdftoppm, then jsQR). CI installs poppler-utils (.ci/run); without it these fail, they do not skip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'khidma-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function poppler(tool: 'pdftotext' | 'pdftoppm', args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils), as .ci/run does`);
    }
    throw error;
  }
}

/** The page's text in reading order, as pdftotext extracts it (NFKC: Arabic presentation forms back to letters). */
export function pdfText(pdf: Buffer, options: { readonly normalize?: boolean } = {}): string {
  const text = withFile(pdf, (file) => poppler('pdftotext', [file, '-']).toString('utf8'));
  return options.normalize === false ? text : text.normalize('NFKC');
}

/** Renders the page to a grey-scale image (PGM) at `dpi`. */
export function renderPage(pdf: Buffer, dpi = 150): { width: number; height: number; pixels: Buffer } {
  return withFile(pdf, (file, dir) => {
    poppler('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', file, path.join(dir, 'page')]);
    const image = readFileSync(path.join(dir, 'page.pgm'));
    // P5 <width> <height> <max>, then one byte a pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.toString('latin1', 0, 64));
    if (!header) {
      throw new Error('pdftoppm did not write a PGM image');
    }
    const [width, height] = [Number(header[1]), Number(header[2])];
    return { width, height, pixels: image.subarray(header[0].length) };
  });
}

/** What the QR code on the rendered page says, or undefined when none is found. */
export function pdfQrCode(pdf: Buffer): string | undefined {
  const { width, height, pixels } = renderPage(pdf);
  const rgba = new Uint8ClampedArray(width * height * 4);
  pixels.forEach((grey, index) => {
    rgba.set([grey, grey, grey, 255], index * 4);
  });
  return jsQR(rgba, width, height)?.data;
}
