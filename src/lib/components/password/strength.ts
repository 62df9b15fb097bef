/**
 * Password strength with zxcvbn-ts and its English and French dictionaries, loaded on first use
 * so the start page does not pay for them. Score 0 (guessable) … 4 (very hard to guess).
 */
type Scorer = (password: string, userInputs: string[]) => number;

let scorer: Promise<Scorer> | undefined;

export function loadScorer(): Promise<Scorer> {
	scorer ??= (async () => {
		const [{ zxcvbn, zxcvbnOptions }, common, en, fr] = await Promise.all([
			import('@zxcvbn-ts/core'),
			import('@zxcvbn-ts/language-common'),
			import('@zxcvbn-ts/language-en'),
			import('@zxcvbn-ts/language-fr')
		]);
		zxcvbnOptions.setOptions({
			graphs: common.adjacencyGraphs,
			dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary }
		});
		return (password, userInputs) => zxcvbn(password, userInputs).score;
	})();
	return scorer;
}
