/**
 * Spans per label as grouped bars: yours in the label's colour, everyone's in a light tint of it.
 * A canvas (Chart.js, registered in agreement/charts.ts) with an accessible name; the table
 * beside it carries the same numbers.
 */
import { useEffect, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { Chart, INK } from '../agreement/charts';
import type { LabelRow } from './session-figures';

interface Props {
  rows: readonly LabelRow[];
  annotator: string;
}

function configOf(rows: readonly LabelRow[], annotator: string): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.name),
      datasets: [
        {
          label: annotator,
          data: rows.map((r) => r.mine),
          backgroundColor: rows.map((r) => `${r.color}cc`),
          borderColor: rows.map((r) => r.color),
          borderWidth: 1,
          maxBarThickness: 40,
        },
        {
          label: 'Everyone',
          data: rows.map((r) => r.corpus),
          backgroundColor: rows.map((r) => `${r.color}33`),
          borderColor: rows.map((r) => r.color),
          borderWidth: 1,
          maxBarThickness: 40,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { grid: { display: false }, ticks: { color: INK } },
        y: { beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
}

export function LabelCountChart({ rows, annotator }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const chart = new Chart(canvas, configOf(rows, annotator));
    return () => chart.destroy();
  }, [rows, annotator]);
  const title = `Bar chart of spans per label: ${annotator}’s (solid) and everyone’s (light). The table has the same numbers.`;
  return (
    <figure className="stats-chart">
      <div className="stats-chart-canvas">
        <canvas ref={canvasRef} role="img" aria-label={title}>
          {title}
        </canvas>
      </div>
      <figcaption className="stats-legend">
        <span>
          <span className="legend-key legend-mine" aria-hidden="true" /> {annotator}
        </span>
        <span>
          <span className="legend-key legend-corpus" aria-hidden="true" /> Everyone
        </span>
      </figcaption>
    </figure>
  );
}
