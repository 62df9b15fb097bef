import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

/**
 * A horizontal bar chart drawn by Chart.js. Only this module imports Chart.js, and
 * `SeatsChart.svelte` loads it with `import()`, so the library sits in a chunk of its own that is
 * fetched when a chart is first shown. Only what a bar chart needs is registered, so the rest of
 * Chart.js is left out of that chunk.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarChartData {
	labels: string[];
	values: number[];
	/** the value axis' title, in the UI language */
	axisTitle: string;
	/** BCP 47 tag: numbers on the axis and in tooltips follow it */
	locale: string;
}

export interface BarChartHandle {
	update(data: BarChartData): void;
	destroy(): void;
}

/** The app's colours (app.css custom properties), so the chart matches the page. */
function colours(canvas: HTMLCanvasElement) {
	const style = getComputedStyle(canvas);
	const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	return {
		bar: read('--accent', '#0f5cc0'),
		text: read('--text', '#1b1b1f'),
		grid: read('--border', '#d6d9e0')
	};
}

export function createBarChart(canvas: HTMLCanvasElement, data: BarChartData): BarChartHandle {
	const colour = colours(canvas);
	const chart = new Chart(canvas, {
		type: 'bar',
		data: {
			labels: data.labels,
			datasets: [{ data: data.values, backgroundColor: colour.bar, maxBarThickness: 28 }]
		},
		options: {
			indexAxis: 'y',
			locale: data.locale,
			responsive: true,
			maintainAspectRatio: false,
			// No motion: the figures are the point, and some users ask for reduced motion.
			animation: false,
			plugins: { tooltip: { enabled: true } },
			scales: {
				x: {
					beginAtZero: true,
					ticks: { precision: 0, color: colour.text },
					grid: { color: colour.grid },
					title: { display: true, text: data.axisTitle, color: colour.text }
				},
				y: { ticks: { color: colour.text }, grid: { display: false } }
			}
		}
	});
	return {
		update(next) {
			chart.data.labels = next.labels;
			chart.data.datasets[0]!.data = next.values;
			chart.options.locale = next.locale;
			const x = chart.options.scales?.x;
			if (x?.title) x.title.text = next.axisTitle;
			chart.update();
		},
		destroy() {
			chart.destroy();
		}
	};
}
