/**
 * A one-off notice for the Partner relationships page after **Accept**: the reseller's name (the
 * text is built in the UI language when shown).
 */
export const partnersNotice = $state({ accepted: '' });
