// `npm test`: every check CI runs, in order, stopping at the first failure.
import { spawn } from 'node:child_process';

/** @typedef {{ name: string, commands: string[][] }} Step */

/** @type {Step[]} */
const steps = [
	{ name: 'Chromium', commands: [['node', 'scripts/ensure-chromium.mjs']] },
	{
		name: 'Type check',
		commands: [
			// The vite plugin compiles messages during dev/build; svelte-check needs them up front.
			[
				'npx',
				'paraglide-js',
				'compile',
				'--project',
				'./project.inlang',
				'--outdir',
				'./src/lib/paraglide'
			],
			['npm', 'run', 'check']
		]
	},
	{ name: 'Lint', commands: [['npm', 'run', 'lint']] },
	{ name: 'Unit and component tests (vitest)', commands: [['npx', 'vitest', 'run']] },
	{ name: 'End-to-end tests (Playwright)', commands: [['npx', 'playwright', 'test']] }
];

/** @param {number} ms */
function duration(ms) {
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const minutes = Math.floor(ms / 60_000);
	return `${minutes} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
}

/**
 * @param {string[]} command
 * @returns {Promise<number>} exit code (1 when killed by a signal or unable to start)
 */
function run([command, ...args]) {
	console.log(`$ ${[command, ...args].join(' ')}`);
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			stdio: 'inherit',
			env: process.env,
			shell: process.platform === 'win32'
		});
		child.on('error', (error) => {
			console.error(`Could not start ${command}: ${error.message}`);
			resolve(1);
		});
		child.on('exit', (code, signal) => {
			if (signal) console.error(`${command} was killed by ${signal}`);
			resolve(code ?? 1);
		});
	});
}

/** @type {{ name: string, ms: number, ok: boolean }[]} */
const results = [];
const started = Date.now();

function summary() {
	console.log('\nSummary');
	for (const { name, ms, ok } of results) {
		console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(36)} ${duration(ms)}`);
	}
	console.log(`  Total: ${duration(Date.now() - started)}`);
}

for (const [index, step] of steps.entries()) {
	const header = `[${index + 1}/${steps.length}] ${step.name}`;
	console.log(`\n${'='.repeat(header.length)}\n${header}\n${'='.repeat(header.length)}`);
	const stepStarted = Date.now();
	let code = 0;
	for (const command of step.commands) {
		code = await run(command);
		if (code !== 0) break;
	}
	const ms = Date.now() - stepStarted;
	results.push({ name: step.name, ms, ok: code === 0 });
	console.log(`${step.name}: ${code === 0 ? 'passed' : 'FAILED'} in ${duration(ms)}`);
	if (code !== 0) {
		summary();
		console.error(`\nnpm test failed at step ${index + 1}/${steps.length}: ${step.name}`);
		process.exit(code);
	}
}

summary();
console.log('\nAll checks passed.');
