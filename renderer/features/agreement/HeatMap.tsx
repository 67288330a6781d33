/**
 * The pairwise heat map: annotator × annotator, symmetric, the diagonal blank, each cell's value
 * printed on it. A canvas (Chart.js matrix) with an accessible name; the numbers are also in the
 * pairwise table, which is the way in for keyboard and screen-reader users.
 */
import { useEffect, useRef } from 'react';
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { MatrixElementType } from 'chartjs-chart-matrix';
import { Chart, FONT_FAMILY, INK, LINE } from './charts';
import { colourOf } from './colour-scale';
import { formatFigure, type HeatCell } from './figures';

interface Props {
  annotators: readonly string[];
  cells: readonly HeatCell[];
  /** Accessible name of the canvas: what it shows. */
  title: string;
  /** A cell was clicked: its row and column annotators. */
  onPick: (row: string, column: string) => void;
}

const CELL_PX = 64;
const AXIS_PX = 96;

/** Prints each cell's value in the colour that contrasts with its fill. */
const cellValues = (cells: readonly HeatCell[]): Plugin<'matrix'> => ({
  id: 'parleyCellValues',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = `600 13px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    chart.getDatasetMeta(0).data.forEach((element, index) => {
      const cell = cells[index];
      const { x, y } = (element as unknown as MatrixElementType).getCenterPoint();
      if (!cell || x === null || y === null) return;
      ctx.fillStyle = colourOf(cell.figure.value).ink;
      ctx.fillText(formatFigure(cell.figure.value), x, y);
    });
    ctx.restore();
  },
});

function configOf(
  annotators: readonly string[],
  cells: readonly HeatCell[],
  pick: (index: number) => void,
): ChartConfiguration<'matrix'> {
  const n = Math.max(1, annotators.length);
  const axis = {
    type: 'category' as const,
    labels: [...annotators],
    offset: true,
    grid: { display: false },
    border: { display: false },
    ticks: { color: INK },
  };
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          data: cells.map((c) => ({ x: c.column, y: c.row })),
          backgroundColor: (ctx) => colourOf(cells[ctx.dataIndex]?.figure.value ?? null).fill,
          borderColor: LINE,
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / n - 4,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / n - 4,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { ...axis, position: 'top' }, y: { ...axis, reverse: false } },
      plugins: {
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item) => {
              const cell = cells[item.dataIndex];
              if (!cell) return '';
              const value = formatFigure(cell.figure.value);
              return `${cell.row} – ${cell.column}: ${value}${cell.figure.reason ? ` (${cell.figure.reason})` : ''}`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined) pick(index);
      },
      onHover: (event, elements) => {
        const canvas = event.native?.target;
        if (canvas instanceof HTMLElement) canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
      },
    },
    plugins: [cellValues(cells)],
  };
}

export function HeatMap(props: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onPickRef = useRef(props.onPick);
  useEffect(() => {
    onPickRef.current = props.onPick;
  });
  const { annotators, cells } = props;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const pick = (index: number) => {
      const cell = cells[index];
      if (cell) onPickRef.current(cell.row, cell.column);
    };
    const chart = new Chart(canvas, configOf(annotators, cells, pick));
    return () => chart.destroy();
  }, [annotators, cells]);
  const side = AXIS_PX + CELL_PX * annotators.length;
  return (
    <div className="heat-map" style={{ width: side, height: side }}>
      <canvas ref={canvasRef} role="img" aria-label={props.title}>
        {props.title}
      </canvas>
    </div>
  );
}
