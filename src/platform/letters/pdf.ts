// Renders a letter to an A4 PDF in Danish: municipality letterhead, recipient, date, subject, headings,
// wrapped paragraphs and tables, page numbers. Standard Helvetica (WinAnsi covers æ, ø, å).
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { LetterBlock } from './letters.js';

export interface LetterForPdf {
  sender: string; // "Hjørring Kommune"
  recipientLines: string[]; // name(s) and address
  date: string; // "25. november 2026"
  subject: string;
  blocks: LetterBlock[];
  reference: string; // letter id, printed small
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56,
  BODY = 10.5,
  LEAD = 14.5;

export async function renderLetterPdf(letter: LetterForPdf): Promise<Uint8Array> {
  // Loaded at the first letter, not at every start of the server (≈ 0.5 s of CPU).
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const INK = rgb(0.1, 0.12, 0.16),
    MUTED = rgb(0.38, 0.4, 0.45),
    ACCENT = rgb(0.05, 0.33, 0.45);
  const doc = await PDFDocument.create();
  doc.setTitle(letter.subject);
  doc.setAuthor(letter.sender);
  doc.setLanguage('da-DK');
  doc.setCreator('Spire');
  const regular = await doc.embedFont(StandardFonts.Helvetica),
    bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const clean = (s: string) =>
    Array.from(
      s
        .replace(/[\u2212\u2013]/g, '-')
        .replace(/\u2265/g, '>=')
        .replace(/\u2264/g, '<='),
    )
      .map((c) => (supported.has(c.codePointAt(0)!) ? c : '?'))
      .join('');
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4),
    y = A4[1] - MARGIN;

  const newPage = () => {
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const need = (h: number) => {
    if (y - h < MARGIN + 30) newPage();
  };
  const line = (text: string, x: number, font: PDFFont, size: number, color = INK) =>
    page.drawText(clean(text), { x, y, size, font, color });
  const paragraph = (text: string, font = regular, size = BODY) => {
    for (const para of text.split('\n')) {
      for (const l of wrap(clean(para), font, size, width)) {
        need(LEAD);
        line(l, MARGIN, font, size);
        y -= LEAD;
      }
    }
    y -= LEAD * 0.4;
  };

  // Letterhead: sender left, date right; then the recipient block.
  line(letter.sender, MARGIN, bold, 16, ACCENT);
  const date = clean(letter.date);
  page.drawText(date, {
    x: A4[0] - MARGIN - regular.widthOfTextAtSize(date, BODY),
    y,
    size: BODY,
    font: regular,
    color: MUTED,
  });
  y -= 16;
  line('Pasning, fritid og klub', MARGIN, regular, BODY, MUTED);
  y -= 40;
  for (const r of letter.recipientLines) {
    line(r, MARGIN, regular, BODY);
    y -= LEAD;
  }
  y -= 28;
  for (const l of wrap(clean(letter.subject), bold, 15, width)) {
    need(20);
    line(l, MARGIN, bold, 15);
    y -= 20;
  }
  y -= 8;

  for (const block of letter.blocks) {
    if ('heading' in block) {
      need(LEAD * 3);
      y -= 6;
      paragraph(block.heading, bold, 12);
    } else if ('text' in block) paragraph(block.text);
    else drawTable(block.table);
  }

  function drawTable(t: { columns: string[]; rows: string[][]; alignRight?: number[] }) {
    const n = t.columns.length,
      right = new Set(t.alignRight ?? []);
    const natural = t.columns.map(
      (c, i) =>
        Math.max(
          bold.widthOfTextAtSize(clean(c), BODY),
          ...t.rows.map((r) => regular.widthOfTextAtSize(clean(r[i] ?? ''), BODY)),
        ) + 12,
    );
    const total = natural.reduce((a, b) => a + b, 0);
    const widths = natural.map((w) => (w * width) / Math.max(total, width)); // shrink to fit, never stretch
    const row = (cells: string[], font: PDFFont) => {
      need(LEAD + 4);
      let x = MARGIN;
      cells.forEach((c, i) => {
        let text = clean(c ?? '');
        while (text.length > 1 && font.widthOfTextAtSize(text, BODY) > widths[i]! - 8) text = text.slice(0, -2) + '…';
        const w = font.widthOfTextAtSize(text, BODY);
        page.drawText(text, { x: right.has(i) ? x + widths[i]! - 6 - w : x, y, size: BODY, font, color: INK });
        x += widths[i]!;
      });
      y -= 4;
      page.drawLine({
        start: { x: MARGIN, y },
        end: { x: MARGIN + widths.reduce((a, b) => a + b, 0), y },
        thickness: 0.4,
        color: MUTED,
      });
      y -= LEAD - 4;
    };
    if (n) row(t.columns, bold);
    for (const r of t.rows) row(r, regular);
    y -= LEAD * 0.5;
  }

  const pages = doc.getPages();
  pages.forEach((p: PDFPage, i) => {
    const foot = clean(`${letter.sender} · Brev ${letter.reference} · Side ${i + 1} af ${pages.length}`);
    p.drawText(foot, { x: MARGIN, y: MARGIN - 20, size: 8, font: regular, color: MUTED });
  });
  return doc.save();
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !current) current = next;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  return out.length ? out : [''];
}
