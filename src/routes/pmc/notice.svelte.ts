/** A one-off message for the directory page after an account is added or saved. */
export const pmcNotice = $state({ text: '' });
