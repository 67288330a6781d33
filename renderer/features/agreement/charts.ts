/**
 * Chart.js, registered once with only the pieces the Agreement view draws (bars, the matrix of
 * chartjs-chart-matrix, category and linear scales, tooltips), in Parley's font and colours.
 * Canvas only: no eval and no injected style sheets, so it runs under the page's CSP.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, MatrixController, MatrixElement);

/** Same stack as :root in styles.css. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";
export const INK = '#1f2328';
export const MUTED = '#6a6f76';
export const LINE = '#e3e0da';

Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.font.size = 12;
Chart.defaults.color = MUTED;
Chart.defaults.borderColor = LINE;
// A reader compares numbers; motion adds nothing and makes screenshots flaky.
Chart.defaults.animation = false;

export { Chart };
