/**
 * A one-off notice for the Indirect providers page after **Authorize indirect provider**: the
 * provider's name (the text is built in the UI language when shown).
 */
export const providersNotice = $state({ authorized: '' });
