/**
 * An RFC 4180 CSV state machine that is fed text in chunks of any size.
 *
 * Why not a library: arquero's streaming reader corrupts fields that straddle a chunk boundary (upstream
 * #395), and papaparse only streams from a File or a Node stream, not from text we decode ourselves while
 * hashing the same bytes. It also reports no line numbers, which ragged-row messages need. The state lives in
 * the object, so a chunk boundary can fall anywhere: inside a quoted field, between `\r` and `\n`, or between
 * the two quotes of an escaped `""`. test/unit/csv-parser.test.ts splits every conformance case at every
 * offset to prove it.
 */

export interface CsvParserOptions {
  delimiter: string;
  /** The quote character; `"` in RFC 4180, `'` in some exports. */
  quote?: string;
}

/** Called once per row with its fields and the 1-based line on which the row starts. */
export type RowSink = (fields: string[], line: number) => void;

/**
 * Receives fields without the parser allocating them: each is `text.slice(start, end)`, where `text` is
 * usually the chunk being parsed, so a columnar reader can parse a number or look up a category straight
 * from the chunk's characters (issue 18). Only a field that straddles two chunks or holds an escaped quote
 * arrives as a string of its own.
 */
export interface FieldSink {
  field(text: string, start: number, end: number): void;
  /** The fields since the last call form a complete row, which started on `line` (1-based). */
  endRow(line: number): void;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote seen inside a quoted field: either the first half of `""` or the closing quote. */
  QuoteInQuoted,
  /** Spaces after a closing quote: dropped if a delimiter or line end follows (as papaparse does). */
  AfterQuote,
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

export class CsvParser {
  readonly #delim: number;
  readonly #quote: number;
  #state = State.FieldStart;
  /** The field gathered so far when it spans chunks or holds an escaped quote. */
  #field = '';
  /**
   * A quoted field found whole within one chunk, as a range of `#quotedText`, handed to the sink without a
   * copy once its closing quote is confirmed; -1 when none is pending.
   */
  #quotedStart = -1;
  #quotedEnd = 0;
  #quotedText = '';
  /** Fields of the current row handed to the sink so far. */
  #fieldsInRow = 0;
  /** Whether the current row has any character at all, so blank lines are skipped but `""` is a row. */
  #rowHasContent = false;
  #line = 1;
  #rowStartLine = 1;
  #quoteOpenLine = 1;
  /** A `\r` ended the last row; swallow one `\n` if it comes next, even in the next chunk. */
  #skipLf = false;
  #pendingSpaces = '';
  #rows = 0;
  #gatherer: RowGatherer | undefined;

  constructor(options: CsvParserOptions) {
    const quote = options.quote ?? '"';
    if (options.delimiter.length !== 1 || /[\r\n]/.test(options.delimiter) || options.delimiter === quote) {
      throw new Error(`The delimiter must be one character other than a line break or the quote.`);
    }
    if (quote.length !== 1 || /[\r\n]/.test(quote)) throw new Error('The quote must be one character.');
    this.#delim = options.delimiter.charCodeAt(0);
    this.#quote = quote.charCodeAt(0);
  }

  /** Rows emitted so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** The line the parser has reached (1-based). */
  get line(): number {
    return this.#line;
  }

  /** Feeds the next chunk of text; emits every row it completes as an array of strings. */
  push(text: string, emit: RowSink): void {
    this.pushFields(text, this.#rowsOf(emit));
  }

  /**
   * Flushes the last row. Returns the line where an unterminated quote opened, or null when the text ended
   * cleanly; the partial row is still emitted so nothing is lost.
   */
  end(emit: RowSink): { unterminatedQuoteLine: number | null } {
    return this.endFields(this.#rowsOf(emit));
  }

  /** One adapter for the parser's life, so a row that spans two pushes keeps its first fields. */
  #rowsOf(emit: RowSink): RowGatherer {
    this.#gatherer ??= new RowGatherer();
    this.#gatherer.emit = emit;
    return this.#gatherer;
  }

  /** {@link push} for a {@link FieldSink}: each field is handed over as a range, each row end as a call. */
  pushFields(text: string, sink: FieldSink): void {
    const delim = this.#delim;
    const quote = this.#quote;
    const n = text.length;
    let i = 0;
    // Start of the pending unquoted or quoted slice within `text`, so fields are cut with one slice() rather
    // than built a character at a time.
    let sliceStart = -1;
    if (this.#state === State.Unquoted || this.#state === State.Quoted) sliceStart = 0;

    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.#skipLf) {
        this.#skipLf = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.#state) {
        case State.FieldStart:
          if (c === quote) {
            this.#state = State.Quoted;
            this.#rowHasContent = true;
            this.#quoteOpenLine = this.#line;
            sliceStart = i + 1;
          } else if (c === delim) {
            this.#rowHasContent = true;
            this.#emit(sink, '', 0, 0);
          } else if (c === LF || c === CR) {
            // "a,b,\n": the delimiter promised one more (empty) field.
            if (this.#fieldsInRow > 0) this.#emit(sink, '', 0, 0);
            this.#endRow(sink, c === CR);
          } else {
            this.#state = State.Unquoted;
            this.#rowHasContent = true;
            sliceStart = i;
          }
          i++;
          break;
        case State.Unquoted: {
          // Fast scan to the end of the unquoted field.
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === delim || d === LF || d === CR) break;
            j++;
          }
          if (j === n) {
            this.#field += text.slice(sliceStart, n);
            sliceStart = -1;
            i = n;
            break;
          }
          const d = text.charCodeAt(j);
          if (this.#field === '') {
            this.#emit(sink, text, sliceStart, j);
          } else {
            const whole = this.#field + text.slice(sliceStart, j);
            this.#emit(sink, whole, 0, whole.length);
          }
          this.#field = '';
          this.#state = State.FieldStart;
          sliceStart = -1;
          if (d !== delim) this.#endRow(sink, d === CR);
          i = j + 1;
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === quote) break;
            if (d === LF) this.#line++;
            else if (d === CR && (j + 1 >= n || text.charCodeAt(j + 1) !== LF)) this.#line++;
            j++;
          }
          if (j < n && this.#field === '' && this.#quotedStart < 0) {
            // The usual quoted field, whole in this chunk: remember where it is instead of copying it.
            this.#quotedStart = sliceStart;
            this.#quotedEnd = j;
            this.#quotedText = text;
          } else {
            this.#takeQuoted();
            this.#field += text.slice(sliceStart, j);
          }
          sliceStart = -1;
          if (j < n) this.#state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted:
          if (c === quote) {
            // An escaped quote: keep one, stay inside the quoted field.
            this.#takeQuoted();
            this.#field += text[i];
            this.#state = State.Quoted;
            sliceStart = i + 1;
            i++;
          } else if (c === delim) {
            this.#emitPending(sink);
            this.#state = State.FieldStart;
            i++;
          } else if (c === LF || c === CR) {
            this.#emitPending(sink);
            this.#state = State.FieldStart;
            this.#endRow(sink, c === CR);
            i++;
          } else if (c === SPACE || c === TAB) {
            this.#pendingSpaces = text[i]!;
            this.#state = State.AfterQuote;
            i++;
          } else {
            // Text after a closing quote (`"a"b`) is not RFC 4180; keep it rather than lose it.
            this.#takeQuoted();
            this.#state = State.Unquoted;
            sliceStart = i;
          }
          break;
        case State.AfterQuote:
          if (c === SPACE || c === TAB) {
            this.#pendingSpaces += text[i]!;
            i++;
          } else if (c === delim || c === LF || c === CR) {
            this.#pendingSpaces = '';
            this.#state = State.QuoteInQuoted;
          } else {
            // Not just padding after all: keep the spaces and what follows, as for `"a"b`.
            this.#takeQuoted();
            this.#field += this.#pendingSpaces;
            this.#pendingSpaces = '';
            this.#state = State.Unquoted;
            sliceStart = i;
          }
          break;
      }
    }
    // A field that began on this chunk's last character has not been copied yet.
    if (this.#state === State.Unquoted && sliceStart >= 0) this.#field += text.slice(sliceStart, n);
    // A quoted field remembered by range must not outlive its chunk's turn: the sink may keep no reference.
    if (this.#state !== State.FieldStart) this.#takeQuoted();
  }

  /** {@link end} for a {@link FieldSink}. */
  endFields(sink: FieldSink): { unterminatedQuoteLine: number | null } {
    const unterminated = this.#state === State.Quoted ? this.#quoteOpenLine : null;
    this.#pendingSpaces = '';
    if (this.#state !== State.FieldStart || this.#rowHasContent) {
      this.#emitPending(sink);
      this.#state = State.FieldStart;
      this.#emitRow(sink);
    }
    return { unterminatedQuoteLine: unterminated };
  }

  /** Moves a quoted field remembered by range into `#field`, before anything is appended to it. */
  #takeQuoted(): void {
    if (this.#quotedStart < 0) return;
    this.#field = this.#quotedText.slice(this.#quotedStart, this.#quotedEnd);
    this.#quotedStart = -1;
    this.#quotedText = '';
  }

  /** Emits the field in progress: the quoted field remembered by range, or what `#field` has gathered. */
  #emitPending(sink: FieldSink): void {
    if (this.#quotedStart >= 0) {
      this.#emit(sink, this.#quotedText, this.#quotedStart, this.#quotedEnd);
      this.#quotedStart = -1;
      this.#quotedText = '';
    } else {
      this.#emit(sink, this.#field, 0, this.#field.length);
    }
    this.#field = '';
  }

  #emit(sink: FieldSink, text: string, start: number, end: number): void {
    this.#fieldsInRow++;
    sink.field(text, start, end);
  }

  #endRow(sink: FieldSink, wasCr: boolean): void {
    if (this.#rowHasContent) this.#emitRow(sink);
    this.#line++;
    this.#rowStartLine = this.#line;
    this.#skipLf = wasCr;
  }

  #emitRow(sink: FieldSink): void {
    this.#rowHasContent = false;
    this.#fieldsInRow = 0;
    this.#rows++;
    sink.endRow(this.#rowStartLine);
  }
}

/** A FieldSink that gathers each row's fields into an array of strings for a {@link RowSink}. */
class RowGatherer implements FieldSink {
  emit: RowSink = () => {};
  #row: string[] = [];

  field(text: string, start: number, end: number): void {
    this.#row.push(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  endRow(line: number): void {
    const row = this.#row;
    this.#row = [];
    this.emit(row, line);
  }
}
