/**
 * The plot in docs/performance.png: how opening a document and tagging in it (default settings,
 * suggestions on) grow with its size, on log–log axes, with the targets marked. Drawn as SVG here
 * and photographed in Chromium, so the benchmark needs no charting dependency.
 */
import type { Browser } from '@playwright/test';
import type { RendererFigures } from './renderer-side';
import { SIZES } from './workloads';

const WIDTH = 760;
const HEIGHT = 420;
const PLOT = { left: 70, right: 200, top: 40, bottom: 60 };
const X_RANGE = [1e4, 2e6];
const Y_TICKS = [1, 3, 10, 30, 100, 300, 1000, 3000, 10000];

const x = (chars: number): number =>
  PLOT.left +
  ((Math.log10(chars) - Math.log10(X_RANGE[0] ?? 1)) / (Math.log10(X_RANGE[1] ?? 10) - Math.log10(X_RANGE[0] ?? 1))) *
    (WIDTH - PLOT.left - PLOT.right);

/** A log scale from the tick at or below the smallest value to the tick at or above the largest. */
function yScale(values: number[]): (ms: number) => number {
  const low = Math.log10([...Y_TICKS].reverse().find((t) => t <= Math.min(...values)) ?? 1);
  const high = Math.log10(Y_TICKS.find((t) => t >= Math.max(...values)) ?? Math.max(...values));
  return (ms) =>
    HEIGHT - PLOT.bottom - ((Math.log10(Math.max(ms, 1)) - low) / (high - low)) * (HEIGHT - PLOT.top - PLOT.bottom);
}

/** A white outline that keeps a label readable over a line. */
const HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Series {
  name: string;
  colour: string;
  dashed?: boolean;
  points: { chars: number; ms: number; low?: number; high?: number }[];
}

/** The SVG source of the plot for these figures. */
function plotSvg(figures: RendererFigures, subtitle: string): string {
  const series: Series[] = [
    {
      name: 'open (median, min–max)',
      colour: '#2f7ed8',
      points: SIZES.map((s) => ({
        chars: s.length,
        ms: figures.open[s.key].median,
        low: figures.open[s.key].min,
        high: figures.open[s.key].max,
      })),
    },
    {
      name: 'add (median)',
      colour: '#d9480f',
      points: SIZES.map((s) => ({ chars: s.length, ms: figures.add[s.key].median })),
    },
    {
      name: 'add (p95)',
      colour: '#d9480f',
      dashed: true,
      points: SIZES.map((s) => ({ chars: s.length, ms: figures.add[s.key].p95 })),
    },
  ];
  // Opening has a target per size; a change has the same one at every size, drawn at each.
  const targets = [
    { chars: 20_000, ms: 50, label: 'open ≤ 50' },
    { chars: 200_000, ms: 80, label: 'open ≤ 80' },
    { chars: 1_048_576, ms: 200, label: 'open ≤ 200' },
    ...SIZES.map((s) => ({ chars: s.length, ms: 16, label: s.key === '1m' ? 'add ≤ 16' : '' })),
    ...SIZES.map((s) => ({ chars: s.length, ms: 33, label: s.key === '1m' ? 'add p95 ≤ 33' : '' })),
  ];
  const all = [
    ...series.flatMap((s) => s.points.flatMap((p) => [p.ms, p.low ?? p.ms, p.high ?? p.ms])),
    ...targets.map((t) => t.ms),
  ];
  const y = yScale(all);
  const ticks = Y_TICKS.filter((t) => y(t) >= PLOT.top - 1 && y(t) <= HEIGHT - PLOT.bottom + 1);
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${PLOT.left}" y="22" font-size="15" font-weight="600">Parley: open and add time against document size</text>`,
    `<text x="${PLOT.left}" y="${HEIGHT - 12}" font-size="11" fill="#555">${escapeXml(subtitle)}</text>`,
    `<text x="${WIDTH - PLOT.right}" y="${HEIGHT - PLOT.bottom + 34}" font-size="11" fill="#555" text-anchor="end">document size (log scale)</text>`,
  ];
  for (const t of ticks) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e5e5"/>`,
      `<text x="${PLOT.left - 8}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t} ms</text>`,
    );
  }
  for (const s of SIZES) {
    const label = `${s.key === '1m' ? '1 MiB' : s.key} · ${s.spans.toLocaleString('en')} spans`;
    parts.push(
      `<text x="${x(s.length)}" y="${HEIGHT - PLOT.bottom + 18}" font-size="11" text-anchor="middle">${label}</text>`,
    );
  }
  for (const t of targets) {
    parts.push(`<path d="M${x(t.chars) - 6},${y(t.ms)} h12" stroke="#2b8a3e" stroke-width="2"/>`);
    if (t.label !== '') {
      parts.push(
        `<text x="${x(t.chars) + 9}" y="${y(t.ms) + 4}" font-size="10" fill="#2b8a3e" ${HALO}>${escapeXml(t.label)}</text>`,
      );
    }
  }
  series.forEach((s, i) => {
    const path = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p.chars)},${y(p.ms)}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(`<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>`);
    for (const p of s.points) {
      if (p.low !== undefined && p.high !== undefined) {
        parts.push(
          `<line x1="${x(p.chars)}" x2="${x(p.chars)}" y1="${y(p.low)}" y2="${y(p.high)}" stroke="${s.colour}"/>`,
        );
      }
      parts.push(`<circle cx="${x(p.chars)}" cy="${y(p.ms)}" r="3.5" fill="${s.colour}"/>`);
    }
    const legendY = PLOT.top + 10 + i * 20;
    parts.push(
      `<path d="M${WIDTH - PLOT.right + 20},${legendY} h24" stroke="${s.colour}" stroke-width="2"${dash}/>`,
      `<text x="${WIDTH - PLOT.right + 50}" y="${legendY + 4}" font-size="12">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push(
    `<path d="M${WIDTH - PLOT.right + 26},${PLOT.top + 70} h12" stroke="#2b8a3e" stroke-width="2"/>`,
    `<text x="${WIDTH - PLOT.right + 50}" y="${PLOT.top + 74}" font-size="12">target</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="DejaVu Sans, sans-serif">${parts.join('')}</svg>`;
}

/** Draws the plot in a page of `browser` and saves it as a PNG at `path`. */
export async function savePlot(
  browser: Browser,
  figures: RendererFigures,
  subtitle: string,
  path: string,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.setContent(`<body style="margin:0">${plotSvg(figures, subtitle)}</body>`);
  await page.locator('svg').screenshot({ path });
  await context.close();
}
