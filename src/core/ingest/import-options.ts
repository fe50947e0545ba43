/** The choices a user can make when importing a file; every one defaults to "let Looplab decide". */
export interface ImportOptions {
  /** '' sniffs; otherwise one of , ; tab | */
  delimiter: string;
  /** '' sniffs " or ' */
  quote: string;
  encoding: 'utf-8' | 'latin1';
  header: 'auto' | 'yes' | 'no';
  ragged: 'keep' | 'drop';
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  delimiter: '',
  quote: '',
  encoding: 'utf-8',
  header: 'auto',
  ragged: 'keep',
};

/** The ingestCsv options for a user's import choices. */
export function ingestOptionsFor(choice: ImportOptions) {
  return {
    delimiter: choice.delimiter === '' ? undefined : choice.delimiter,
    quote: choice.quote === '' ? undefined : choice.quote,
    encoding: choice.encoding,
    header: choice.header === 'auto' ? ('auto' as const) : choice.header === 'yes',
    ragged: choice.ragged,
  };
}
