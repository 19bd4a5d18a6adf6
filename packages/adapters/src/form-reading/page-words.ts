import type { FormRegion, ReadField } from '@ccpor/domain';
import type { FormLayout, LayoutField } from './layouts';

/** A word (or text run) on a page, in the layout's points from the page's top-left corner. */
export interface PageWord {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** 0–1. */
  readonly confidence: number;
}

/**
 * Room around a box within which a word's centre still counts as written in it: typed text
 * rides on the box's lines. OCR words are placed less exactly, and labels sit just above the
 * boxes, so OCR is given less room up and down.
 */
export interface Slack {
  readonly x: number;
  readonly y: number;
}
export const TEXT_LAYER_SLACK: Slack = { x: 4, y: 3 };

const contains = (f: LayoutField, w: PageWord, slack: Slack): boolean => {
  const cx = (w.x0 + w.x1) / 2;
  const cy = (w.y0 + w.y1) / 2;
  const b = f.box;
  return cx >= b.x - slack.x && cx <= b.x + b.width + slack.x && cy >= b.y - slack.y && cy <= b.y + b.height + slack.y;
};

/** Words in reading order: lines top to bottom (a new line when the centre drops by half a word's height), left to right. */
const inReadingOrder = (words: readonly PageWord[]): PageWord[] => {
  const sorted = [...words].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const lines: PageWord[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    const last = line?.[line.length - 1];
    if (line && last && Math.abs((w.y0 + w.y1) / 2 - (last.y0 + last.y1) / 2) < Math.max(2, (last.y1 - last.y0) / 2)) line.push(w);
    else lines.push([w]);
  }
  return lines.flatMap((l) => l.sort((a, b) => a.x0 - b.x0));
};

/**
 * Which words each box of the page holds. A word goes to the box its centre is in; where boxes
 * overlap (a check box inside an item's area) the smaller box wins.
 */
export const wordsByField = (fields: readonly LayoutField[], words: readonly PageWord[], slack: Slack = TEXT_LAYER_SLACK): Map<LayoutField, PageWord[]> => {
  const out = new Map<LayoutField, PageWord[]>(fields.map((f) => [f, []]));
  for (const w of words) {
    const holders = fields.filter((f) => contains(f, w, slack)).sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height);
    if (holders[0]) out.get(holders[0])!.push(w);
  }
  for (const [f, ws] of out) out.set(f, inReadingOrder(ws));
  return out;
};

/** A layout box as a region of its page, in fractions of the page's size. */
export const regionOf = (layout: FormLayout, f: LayoutField): FormRegion => ({
  page: f.page,
  x: clamp(f.box.x / layout.pageSize.width),
  y: clamp(f.box.y / layout.pageSize.height),
  width: clamp(f.box.width / layout.pageSize.width),
  height: clamp(f.box.height / layout.pageSize.height),
});

const clamp = (n: number): number => Math.min(1, Math.max(0, Math.round(n * 10_000) / 10_000));

/** The box read as text: its words joined in reading order, as sure as its least sure word. */
export const textField = (layout: FormLayout, f: LayoutField, words: readonly PageWord[], emptyConfidence: number, where = regionOf(layout, f)): ReadField => ({
  key: f.key,
  fills: f.fills,
  label: f.label,
  ...(f.part !== undefined ? { part: f.part } : {}),
  value: words.map((w) => w.text).join(' ').replace(/\s+/g, ' ').trim(),
  confidence: words.length === 0 ? emptyConfidence : Math.min(...words.map((w) => w.confidence)),
  where,
});

export const checkField = (layout: FormLayout, f: LayoutField, checked: boolean, confidence: number, where = regionOf(layout, f)): ReadField => ({
  key: f.key,
  fills: f.fills,
  label: f.label,
  ...(f.part !== undefined ? { part: f.part } : {}),
  value: checked,
  confidence,
  where,
});
