import { castValue } from './cast-value.ts';
import { memoize } from './memoize.ts';
import { missingMarkerTest } from './prepared-table.ts';
import { formatIsoDate, parseDateText } from './parse-date.ts';
import type {
  CaseFoldMode,
  CaseFoldStep,
  CastStep,
  MapValuesStep,
  ParseDatesStep,
  SetMissingMarkersStep,
  TrimStep,
} from './recipe-step.ts';
import {
  columnIndex,
  exampleCollector,
  plural,
  selectColumns,
  type StepContext,
  type StepOutcome,
} from './step-context.ts';

// Steps that rewrite cells one at a time and never drop rows.

export function castStep(ctx: StepContext<CastStep>): StepOutcome {
  const { table, step } = ctx;
  const c = columnIndex(ctx, step.column);
  const column = table.columns[c]!;
  table.types[c] = step.to;
  if (step.to === 'category' || step.to === 'text' || step.to === 'id') {
    return { cellsChanged: 0, message: `${step.column} is now ${step.to}; its values are unchanged.` };
  }
  // Numbers are mostly distinct, and their fast path beats a lookup; other types repeat a few values.
  const normalise =
    step.to === 'number' || step.to === 'integer' ? castValue(step.to) : memoize(castValue(step.to));
  const examples = exampleCollector();
  let changed = 0;
  let invalid = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const text = column[r];
    if (text == null) continue;
    const value = normalise(text);
    if (value === text) continue;
    changed++;
    if (value === null) {
      invalid++;
      examples.add(text);
    }
    column[r] = value;
  }
  const rewritten = changed - invalid;
  return {
    cellsChanged: changed,
    cellsInvalid: invalid,
    invalidExamples: examples.values,
    message:
      `${step.column} is now ${step.to}: ${plural(rewritten, 'value')} rewritten in canonical form, ` +
      `${plural(invalid, 'value')} that did not parse made missing.`,
  };
}

export function parseDatesStep(ctx: StepContext<ParseDatesStep>): StepOutcome {
  const { table, step } = ctx;
  const c = columnIndex(ctx, step.column);
  const column = table.columns[c]!;
  const examples = exampleCollector();
  const rewrite = memoize((text: string) => {
    const date = parseDateText(text, step.format);
    return { value: date === null ? null : formatIsoDate(date), hasTime: date?.time != null };
  });
  let changed = 0;
  let invalid = 0;
  let withTime = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const text = column[r];
    if (text == null) continue;
    const { value, hasTime } = rewrite(text);
    if (hasTime) withTime++;
    if (value === text) continue;
    changed++;
    if (value === null) {
      invalid++;
      examples.add(text);
    }
    column[r] = value;
  }
  table.types[c] = withTime > 0 ? 'datetime' : 'date';
  return {
    cellsChanged: changed,
    cellsInvalid: invalid,
    invalidExamples: examples.values,
    message:
      `${step.column}: ${plural(changed - invalid, 'date')} rewritten as ISO (${withTime} with a time), ` +
      `${plural(invalid, 'value')} that did not parse made missing.`,
  };
}

export function trimStep(ctx: StepContext<TrimStep>): StepOutcome {
  const changed = rewriteColumns(ctx, selectColumns(ctx, ctx.step.columns), (text) => text.trim());
  return { cellsChanged: changed, message: `Trimmed ${plural(changed, 'cell')}.` };
}

export function caseFoldStep(ctx: StepContext<CaseFoldStep>): StepOutcome {
  const changed = rewriteColumns(
    ctx,
    selectColumns(ctx, ctx.step.columns),
    memoize(caseFolder(ctx.step.mode)),
  );
  return { cellsChanged: changed, message: `Changed the case of ${plural(changed, 'cell')}.` };
}

export function mapValuesStep(ctx: StepContext<MapValuesStep>): StepOutcome {
  const { step } = ctx;
  const mapping = new Map(Object.entries(step.mapping));
  const changed = rewriteColumns(ctx, [columnIndex(ctx, step.column)], (text) => {
    const to = mapping.get(text);
    return to === undefined ? text : to;
  });
  return { cellsChanged: changed, message: `Replaced ${plural(changed, 'value')} in ${step.column}.` };
}

export function setMissingMarkersStep(ctx: StepContext<SetMissingMarkersStep>): StepOutcome {
  const isMarker = missingMarkerTest(ctx.step.markers);
  const changed = rewriteColumns(ctx, selectColumns(ctx, ctx.step.columns), (text) =>
    isMarker(text) ? null : text,
  );
  return { cellsChanged: changed, message: `Made ${plural(changed, 'cell')} missing.` };
}

/** Applies `rewrite` to every present cell of the columns; returns how many cells changed. */
function rewriteColumns(
  ctx: StepContext,
  columns: number[],
  rewrite: (text: string) => string | null,
): number {
  const { table } = ctx;
  let changed = 0;
  for (const c of columns) {
    const column = table.columns[c]!;
    for (let r = 0; r < table.rowCount; r++) {
      const text = column[r];
      if (text == null) continue;
      const value = rewrite(text);
      if (value !== text) {
        column[r] = value;
        changed++;
      }
    }
  }
  return changed;
}

// A letter that starts a word: at the start, or after anything but a letter, digit or apostrophe ("O'neil").
const WORD_START = /(^|[^\p{L}\p{N}'’])(\p{L})/gu;

function caseFolder(mode: CaseFoldMode): (text: string) => string {
  switch (mode) {
    case 'lower':
      return (text) => text.toLowerCase();
    case 'upper':
      return (text) => text.toUpperCase();
    case 'title':
      return (text) =>
        text
          .toLowerCase()
          .replace(WORD_START, (_, before: string, letter: string) => before + letter.toUpperCase());
  }
}
