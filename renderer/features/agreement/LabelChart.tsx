/**
 * One bar per label (and one for all labels) of one measure, each in its label's colour and with
 * its value printed above it; an undefined figure has no bar and a "—" on the baseline. A canvas
 * (Chart.js) with an accessible name; the tables carry the same numbers.
 */
import { useEffect, useRef } from 'react';
import type { BarElement, ChartConfiguration, Plugin } from 'chart.js';
import { Chart, FONT_FAMILY, INK, MUTED } from './charts';
import { formatFigure, type Bar } from './figures';

interface Props {
  bars: readonly Bar[];
  /** Accessible name of the canvas: what it shows. */
  title: string;
}

/** Prints each bar's value just past its end, or "—" on the baseline when it has none. */
const barValues = (bars: readonly Bar[]): Plugin<'bar'> => ({
  id: 'parleyBarValues',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const zero = chart.scales.y?.getPixelForValue(0) ?? 0;
    ctx.save();
    ctx.font = `600 12px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    chart.getDatasetMeta(0).data.forEach((element, index) => {
      const value = bars[index]?.figure.value ?? null;
      const { x, y } = element as unknown as BarElement;
      const isBelow = value !== null && value < 0;
      ctx.fillStyle = value === null ? MUTED : INK;
      ctx.textBaseline = isBelow ? 'top' : 'bottom';
      ctx.fillText(formatFigure(value), x, value === null ? zero - 6 : y + (isBelow ? 4 : -4));
    });
    ctx.restore();
  },
});

function configOf(bars: readonly Bar[]): ChartConfiguration<'bar'> {
  const lowest = Math.min(0, ...bars.map((b) => b.figure.value ?? 0));
  return {
    type: 'bar',
    data: {
      labels: bars.map((b) => b.name),
      datasets: [
        {
          data: bars.map((b) => b.figure.value),
          backgroundColor: bars.map((b) => `${b.colour}b3`),
          borderColor: bars.map((b) => b.colour),
          borderWidth: 1,
          maxBarThickness: 56,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { top: 20 } },
      scales: {
        x: { grid: { display: false }, ticks: { color: INK } },
        // Kappa and alpha go below 0 when agreement is worse than chance; the scale follows.
        y: { min: Math.max(-1, Math.floor(lowest * 10) / 10), max: 1, ticks: { stepSize: 0.2 } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const figure = bars[item.dataIndex]?.figure;
              return figure ? `${formatFigure(figure.value)}${figure.reason ? ` (${figure.reason})` : ''}` : '';
            },
          },
        },
      },
    },
    plugins: [barValues(bars)],
  };
}

export function LabelChart({ bars, title }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const chart = new Chart(canvas, configOf(bars));
    return () => chart.destroy();
  }, [bars]);
  return (
    <div className="label-chart">
      <canvas ref={canvasRef} role="img" aria-label={title}>
        {title}
      </canvas>
    </div>
  );
}
