import { GLYPH_WIDTH, glyph } from './bitmap-font';
import { wrap, type FormFace } from './form-face';
import type { BilevelPage } from './tiff-writer';

/** A letter-size page at 200 dpi, as a fax-grade scanner produces, with a little speckle a real scan has. */
const DPI = 200;
const W = 1700;
const H = 2200;

class Sheet {
  readonly pixels = new Uint8Array(W * H);

  dot(x: number, y: number): void {
    if (x >= 0 && y >= 0 && x < W && y < H) this.pixels[y * W + x] = 1;
  }

  fill(x: number, y: number, w: number, h: number): void {
    for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) this.pixels.fill(1, yy * W + Math.max(0, x), yy * W + Math.min(W, x + w));
  }

  box(x: number, y: number, w: number, h: number, t = 3): void {
    this.fill(x, y, w, t);
    this.fill(x, y + h - t, w, t);
    this.fill(x, y, t, h);
    this.fill(x + w - t, y, t, h);
  }

  /** Text in the dot-matrix face, `scale` pixels per dot; returns the width drawn. */
  text(x: number, y: number, s: string, scale = 3): number {
    let at = x;
    for (const c of s) {
      const rows = glyph(c);
      rows.forEach((row, ry) => {
        for (let rx = 0; rx < GLYPH_WIDTH; rx++) if (row[rx] === '1') this.fill(at + rx * scale, y + ry * scale, scale, scale);
      });
      at += (GLYPH_WIDTH + 1) * scale;
    }
    return at - x;
  }

  static textWidth(s: string, scale: number): number {
    return s.length * (GLYPH_WIDTH + 1) * scale;
  }

  checkbox(x: number, y: number, checked: boolean): void {
    this.box(x, y, 30, 30, 3);
    if (!checked) return;
    for (let i = 4; i < 26; i++) {
      this.fill(x + i, y + i, 4, 4);
      this.fill(x + 29 - i - 3, y + i, 4, 4);
    }
  }

  /** A signature: a pen stroke that loops along the line. */
  signature(x: number, y: number, seed: number): void {
    let px = x;
    let py = y;
    for (let t = 0; t < 420; t++) {
      const nx = x + t * 1.1 + 18 * Math.sin(t / 9 + seed);
      const ny = y - 22 * Math.sin(t / 13 + seed * 2) * Math.cos(t / 29) - (t % 97 < 8 ? 30 : 0);
      const steps = Math.ceil(Math.hypot(nx - px, ny - py));
      for (let k = 0; k <= steps; k++) {
        const ix = Math.round(px + ((nx - px) * k) / Math.max(1, steps));
        const iy = Math.round(py + ((ny - py) * k) / Math.max(1, steps));
        this.fill(ix - 1, iy - 1, 3, 3);
      }
      px = nx;
      py = ny;
    }
  }

  speckle(seed: number): void {
    let s = seed >>> 0 || 1;
    for (let i = 0; i < 900; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      const x = s % W;
      s = (s * 1103515245 + 12345) >>> 0;
      this.dot(x, s % H);
    }
  }
}

const field = (sheet: Sheet, x: number, y: number, w: number, label: string, value: string) => {
  sheet.box(x, y, w, 110, 2);
  sheet.text(x + 14, y + 12, label, 2);
  sheet.text(x + 14, y + 52, value, 4);
};

const header = (sheet: Sheet, f: FormFace, page: number) => {
  sheet.text(100, 90, f.court, 3);
  sheet.box(1350, 70, 250, 100, 4);
  sheet.text(1350 + (250 - Sheet.textWidth(f.form, 6)) / 2, 98, f.form, 6);
  const title = wrap(f.title, 56);
  title.forEach((line, i) => sheet.text(100, 200 + i * 44, line, 4));
  field(sheet, 100, 300, 760, 'CASE NUMBER', f.caseNumber);
  field(sheet, 880, 300, 720, 'PAGE', `${page} OF ${f.pages}`);
};

const footer = (sheet: Sheet, f: FormFace, page: number) => {
  sheet.fill(100, 2060, 1500, 3);
  sheet.text(100, 2080, `${f.form}  THIS IS A COURT ORDER.`, 3);
  sheet.text(1300, 2080, `PAGE ${page} OF ${f.pages}`, 3);
};

const signature = (sheet: Sheet, f: FormFace, y: number, seed: number) => {
  sheet.text(100, y, `DATE: ${f.issued.split(',')[0] ?? f.issued}`, 3);
  sheet.fill(800, y + 90, 800, 3);
  sheet.signature(840, y + 60, seed);
  sheet.text(800, y + 104, `JUDICIAL OFFICER: ${f.judge}`.slice(0, 48), 3);
};

/** The order's form as scanned pages (one or two), drawn from its own data. */
export const rasterForm = (f: FormFace, seed: number): BilevelPage[] => {
  const one = new Sheet();
  header(one, f, 1);
  let y = 440;
  one.text(100, y, '1. PROTECTED PERSON', 3);
  y += 34;
  for (const p of f.protectedPersons.slice(0, 3)) {
    one.text(140, y, p, 4);
    y += 40;
  }
  y += 16;
  one.text(100, y, '2. RESTRAINED PERSON', 3);
  one.text(140, y + 34, f.restrained.name, 4);
  y += 84;
  let x = 140;
  for (const [label, value] of f.restrained.details) {
    one.text(x, y, `${label}:`, 2);
    x += Sheet.textWidth(`${label}: `, 2);
    x += one.text(x, y - 6, value || '-', 3) + 30;
  }
  y += 50;
  one.text(100, y, `3. PETITIONER: ${f.petitioner}`.slice(0, 60), 3);
  y += 50;
  field(one, 100, y, 740, 'ORDER ISSUED', f.issued);
  field(one, 860, y, 740, 'THIS ORDER EXPIRES', f.expires.slice(0, 30));
  y += 140;
  one.text(100, y, '4. THE COURT ORDERS (CHECKED ITEMS APPLY)', 3);
  y += 44;
  for (const [label, checked] of f.checked) {
    one.checkbox(140, y, checked);
    one.text(190, y + 4, label, 3);
    y += 46;
  }
  y += 10;
  if (f.pages === 1) {
    one.text(100, y, '5. OTHER ORDERS', 3);
    y += 34;
    for (const line of wrap(f.terms || 'NONE.', 60).slice(0, 6)) {
      one.text(140, y, line, 3);
      y += 30;
    }
    signature(one, f, Math.max(y + 30, 1800), seed);
  }
  footer(one, f, 1);
  one.speckle(seed);
  if (f.pages === 1) return [{ width: W, height: H, pixels: one.pixels, dpi: DPI }];

  const two = new Sheet();
  header(two, f, 2);
  y = 440;
  two.text(100, y, '5. OTHER ORDERS', 3);
  y += 40;
  for (const line of wrap(f.terms || 'NONE.', 60).slice(0, 20)) {
    two.text(140, y, line, 3);
    y += 30;
  }
  y += 30;
  if (f.hearing) {
    two.text(100, y, `6. HEARING: ${f.hearing}`, 3);
    y += 50;
  }
  two.text(100, y, 'WARNINGS: VIOLATING THIS ORDER IS A CRIME. THE RESTRAINED PERSON', 3);
  two.text(100, y + 30, 'MUST NOT OWN, HAVE OR BUY A GUN WHILE THE ORDER IS IN EFFECT.', 3);
  signature(two, f, 1700, seed + 1);
  footer(two, f, 2);
  two.speckle(seed + 7);
  return [
    { width: W, height: H, pixels: one.pixels, dpi: DPI },
    { width: W, height: H, pixels: two.pixels, dpi: DPI },
  ];
};
