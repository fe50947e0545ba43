/** What a profile warning is about; the UI groups and explains them by kind. */
export type ProfileWarningKind =
  | 'missing'
  | 'whitespace'
  | 'numbers-stored-as-text'
  | 'mixed-numbers-and-text'
  | 'unparsed-dates'
  | 'sentinel'
  | 'outliers'
  | 'inconsistent-spelling'
  | 'constant'
  | 'duplicate-rows'
  | 'id-like'
  | 'leakage';

/** One finding of the profile or of the target checks, worded for the user. */
export interface ProfileWarning {
  /** The column it is about; absent for whole-table findings such as duplicate rows. */
  column?: string;
  /** Other columns involved (the pair whose sum is the target). */
  columns?: string[];
  kind: ProfileWarningKind;
  message: string;
}
