//! Comma-separated values as spreadsheets write them (RFC 4180), the one CSV reader and writer of the app and the
//! command line: every CSV import (registration lists, the curriculum catalogue, Section 26 answers, item-analysis
//! responses and keys) reads through [`Reader`], and every export is written by [`write`] (with a UTF-8 byte-order
//! mark, so Excel opens Thai text correctly).
//!
//! Reading is the `csv-core` state machine (fields may be quoted with `"`, a quote inside a quoted field is doubled,
//! a quoted field may hold commas and line breaks) with what every import here wants around it: a leading byte-order
//! mark is dropped; `\r\n`, `\n` and a lone `\r` each end a line; blank lines (nothing but spaces and tabs) are
//! skipped; each record keeps the line it starts on, so the caller's errors can name it; and the one thing that does
//! not read, a quote left open to the end of the text, is an [`Error`] naming its line and column. Columns are cells,
//! counted from 1 like lines. [`Reader::trimmed`] also drops spaces around each cell (and before its opening quote),
//! for the files people type by hand; [`parse`] reads a whole text with the cells as written.
//!
//! The reader is incremental: [`Reader::record`] reads one record, so a large import can yield to the browser between
//! chunks ([`Reader::progress`]).

use std::fmt;
use std::ops::Range;

use csv_core::{ReadFieldResult, ReadRecordResult};

/// A text that does not read as CSV: a quote opened at this line and column (cell) and never closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Error {
    /// In Thai, for the app: `บรรทัด 2 คอลัมน์ 1: เครื่องหมายคำพูด (") เปิดไว้แต่ไม่ได้ปิด`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "บรรทัด {} คอลัมน์ {}: เครื่องหมายคำพูด (\") เปิดไว้แต่ไม่ได้ปิด", self.line, self.column)
    }
}

/// Reads records one at a time from a text (see the module docs).
pub struct Reader<'a> {
    text: &'a str,
    /// Bytes of `text` read so far.
    pos: usize,
    trim: bool,
    core: csv_core::Reader,
    /// Line breaks the reader itself stepped over (blank lines, a lone `\r`); `core` counts the `\n` it reads.
    extra_lines: usize,
    /// csv-core's output: the current record's unescaped cells one after another (all of it initialised, the front
    /// used), and the end of each.
    buf: Vec<u8>,
    ends: Vec<usize>,
    /// The cells as a `str` when unescaping changed them (a quoted cell); otherwise they are read from `text` itself.
    cells: String,
    in_text: bool,
    /// Where each cell is, in `text` or `cells`.
    ranges: Vec<Range<usize>>,
}

/// One record: the 1-based line it starts on and its cells.
#[derive(Clone, Copy, Debug)]
pub struct Record<'r> {
    pub line: usize,
    text: &'r str,
    ranges: &'r [Range<usize>],
}

impl<'r> Record<'r> {
    /// The number of cells (at least 1).
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Never true: a record has at least one cell (for clippy's `len_without_is_empty`).
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Cell `i` (0-based), unquoted.
    pub fn get(&self, i: usize) -> Option<&'r str> {
        self.ranges.get(i).map(|r| &self.text[r.clone()])
    }

    /// Cell `i`'s bytes (0-based; panics past the end like indexing), for a caller that decodes cells itself.
    pub fn bytes(&self, i: usize) -> &'r [u8] {
        &self.text.as_bytes()[self.ranges[i].clone()]
    }

    /// The cells, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'r str> + 'r {
        let text = self.text;
        self.ranges.iter().map(move |r| &text[r.clone()])
    }
}

impl<'r> std::ops::Index<usize> for Record<'r> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        &self.text[self.ranges[i].clone()]
    }
}

impl<'a> Reader<'a> {
    /// A reader that keeps every cell as written (spaces included).
    pub fn new(text: &'a str) -> Reader<'a> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = Reader {
            text,
            pos: 0,
            trim: false,
            core: csv_core::Reader::new(),
            extra_lines: 0,
            buf: vec![0; 256],
            ends: vec![0; 32],
            cells: String::new(),
            in_text: false,
            ranges: Vec::new(),
        };
        reader.skip_blank_lines();
        reader
    }

    /// A reader that drops spaces around each cell, quoted or not (`" A ", b` reads as `A` and `b`).
    pub fn trimmed(text: &'a str) -> Reader<'a> {
        Reader { trim: true, ..Reader::new(text) }
    }

    /// The line the next record starts on (1-based).
    fn line(&self) -> usize {
        self.core.line() as usize + self.extra_lines
    }

    /// Steps over blank lines, so `pos` is at the next record or the end.
    fn skip_blank_lines(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let mut i = self.pos;
            while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            match bytes.get(i) {
                None => {
                    self.pos = i;
                    return;
                }
                Some(b'\n') => self.pos = i + 1,
                Some(b'\r') => self.pos = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 },
                Some(_) => return,
            }
            self.extra_lines += 1;
        }
    }

    /// True when every record has been read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// How far through the text, 0.0–1.0.
    pub fn progress(&self) -> f64 {
        if self.text.is_empty() {
            1.0
        } else {
            self.pos as f64 / self.text.len() as f64
        }
    }

    /// The next record, or `None` at the end. A record whose only cell is empty (`""`) is skipped like a blank line.
    pub fn record(&mut self) -> Result<Option<Record<'_>>, Error> {
        let line = loop {
            if self.at_end() {
                return Ok(None);
            }
            let line = self.line();
            let (pos, core_line) = (self.pos, self.core.line());
            self.in_text = match self.read_record() {
                Some(in_text) => in_text,
                None => {
                    // Rare: a quote after spaces (trimmed), or a quote left open. Again, one cell at a time.
                    (self.pos, self.extra_lines) = (pos, line - core_line as usize);
                    self.core.reset();
                    self.core.set_line(core_line);
                    self.read_fields()?;
                    false
                }
            };
            if !self.in_text {
                let used = self.ranges.last().map_or(0, |r| r.end);
                // csv-core cuts the text only at ASCII bytes and drops only ASCII bytes: the cells of a str are UTF-8.
                self.cells.clear();
                self.cells.push_str(std::str::from_utf8(&self.buf[..used]).expect("the cells of a str are UTF-8"));
            }
            let text = if self.in_text { self.text } else { &self.cells };
            if self.trim {
                for r in &mut self.ranges {
                    if may_have_spaces(&text.as_bytes()[r.clone()]) {
                        let cell = &text[r.clone()];
                        let trimmed = cell.trim();
                        let start = r.start + (trimmed.as_ptr() as usize - cell.as_ptr() as usize);
                        *r = start..start + trimmed.len();
                    }
                }
            }
            let blank = self.ranges.len() == 1 && text[self.ranges[0].clone()].trim().is_empty();
            self.skip_blank_lines();
            if !blank {
                break line;
            }
        };
        let text = if self.in_text { self.text } else { &self.cells };
        Ok(Some(Record { line, text, ranges: &self.ranges }))
    }

    /// The input csv-core reads next: the rest of the text, and at its end a line break, which ends the last cell
    /// unless an open quote swallows it.
    fn input(&self) -> (&'a [u8], bool) {
        let text: &'a str = self.text;
        match &text.as_bytes()[self.pos..] {
            [] => (b"\n", true),
            rest => (rest, false),
        }
    }

    /// After a record's line break: csv-core counts the `\n`s it reads, and a lone `\r` ends a line too.
    fn count_lone_cr(&mut self) {
        let bytes = self.text.as_bytes();
        if self.pos > 0 && bytes[self.pos - 1] == b'\r' && bytes.get(self.pos) != Some(&b'\n') {
            self.extra_lines += 1;
        }
    }

    /// Reads one record whole (csv-core's faster path) and where each cell is into `ranges`: `Some(true)` when no
    /// quote was taken out, so the cells are the text's own bytes and `ranges` point into `text`; `Some(false)` when
    /// they point into `buf`; `None` when the record must be read again by [`Reader::read_fields`]: a quote left
    /// open, or (trimmed) a cell of spaces then a quote, which csv-core reads as text.
    fn read_record(&mut self) -> Option<bool> {
        let start = self.pos;
        let (mut len, mut count) = (0, 0);
        let eof = loop {
            if len == self.buf.len() {
                self.buf.resize(2 * len, 0);
            }
            if count == self.ends.len() {
                self.ends.resize(2 * count, 0);
            }
            let (input, eof) = self.input();
            let (result, read, written, ended) =
                self.core.read_record(input, &mut self.buf[len..], &mut self.ends[count..]);
            (len, count) = (len + written, count + ended);
            if !eof {
                self.pos += read;
            }
            match result {
                ReadRecordResult::Record => break eof,
                ReadRecordResult::InputEmpty if eof => return None,
                ReadRecordResult::InputEmpty | ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::End => unreachable!("csv-core ends only on an empty input"),
            }
        };
        // Nothing but the commas and the line break left out: each cell is a stretch of the text.
        let in_text = self.pos - start == len + (count - 1) + usize::from(!eof);
        let ends = &self.ends[..count];
        let cells = std::iter::once(&0).chain(ends).zip(ends).map(|(&from, &end)| from..end);
        if self.trim {
            for r in cells.clone() {
                let cell = &self.buf[r];
                if matches!(cell.first(), Some(b' ' | b'\t')) && cell.iter().find(|b| !matches!(b, b' ' | b'\t')) == Some(&b'"') {
                    return None;
                }
            }
        }
        self.ranges.clear();
        if in_text {
            // Cell `i` is `i` commas further on in the text.
            self.ranges.extend(cells.enumerate().map(|(i, r)| start + r.start + i..start + r.end + i));
        } else {
            self.ranges.extend(cells);
        }
        self.count_lone_cr();
        Some(in_text)
    }

    /// Reads one record a cell at a time into `buf` (and where each is into `ranges`), skipping the spaces before a
    /// cell when trimmed, so a quote after them opens a quoted cell; the one error is a quote left open.
    fn read_fields(&mut self) -> Result<(), Error> {
        let text = self.text;
        let bytes = text.as_bytes();
        self.ranges.clear();
        let mut len = 0;
        loop {
            if self.trim {
                while matches!(bytes.get(self.pos), Some(b' ' | b'\t')) {
                    self.pos += 1;
                }
            }
            let (line, column) = (self.line(), self.ranges.len() + 1);
            let start = len;
            let record_end = loop {
                if len == self.buf.len() {
                    self.buf.resize(2 * len, 0);
                }
                let (input, eof) = self.input();
                let (result, read, written) = self.core.read_field(input, &mut self.buf[len..]);
                len += written;
                if !eof {
                    self.pos += read;
                }
                match result {
                    ReadFieldResult::Field { record_end } => break record_end,
                    ReadFieldResult::InputEmpty if eof => return Err(Error { line, column }),
                    ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                    ReadFieldResult::End => unreachable!("csv-core ends only on an empty input"),
                }
            };
            self.ranges.push(start..len);
            if record_end {
                self.count_lone_cr();
                return Ok(());
            }
        }
    }
}

/// Whether `str::trim` could change a cell: its first or last character may be white space. A quick look at two
/// lead bytes (Unicode's spaces beyond ASCII start with C2, E1, E2 or E3), as most cells need no trimming and
/// `trim` itself decodes and looks up both ends.
#[inline(always)]
fn may_have_spaces(cell: &[u8]) -> bool {
    const SPACE_LEAD: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
            b += 1;
        }
        table
    };
    match (cell.first(), cell.iter().rposition(|b| b & 0xC0 != 0x80)) {
        (Some(&first), Some(last)) => SPACE_LEAD[usize::from(first)] || SPACE_LEAD[usize::from(cell[last])],
        _ => false,
    }
}

/// One record of a CSV text, owned: the 1-based line it starts on and its cells (unquoted, as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Reads a whole text into records, the cells as written (not trimmed). The only error is a quote left open, in
/// Thai ([`Error`]).
pub fn parse(text: &str) -> Result<Vec<CsvRecord>, String> {
    let mut reader = Reader::new(text);
    let mut records = Vec::new();
    while let Some(r) = reader.record().map_err(|e| e.to_string())? {
        records.push(CsvRecord { line: r.line, fields: r.iter().map(String::from).collect() });
    }
    Ok(records)
}

/// One field written for CSV: neutralised when a spreadsheet would read it as a formula ([`neutralise`]), then
/// quoted when it holds a comma, quote or line break.
pub fn field(value: &str) -> String {
    let value = neutralise(value);
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

/// A cell made safe to open in a spreadsheet (OWASP, CSV injection): one that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is prefixed with `'`, so Excel and LibreOffice show it as text instead of running it as a
/// formula — unless it is a plain number ([`is_number`]: `-12.5`, `+3`), which stays a number.
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(value) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// A plain decimal number, strictly: an optional sign, digits, and optionally `.` and more digits. Not `1e5`,
/// `inf`, `-`, `+.5`, `1.` or anything with spaces.
pub fn is_number(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// A whole CSV file: byte-order mark, then one `\r\n`-terminated line per row.
pub fn write<I, R, S>(rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::from('\u{feff}');
    for row in rows {
        let line: Vec<String> = row.into_iter().map(|f| field(f.as_ref())).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(usize, Vec<String>)> {
        parse(text).unwrap().into_iter().map(|r| (r.line, r.fields)).collect()
    }

    #[test]
    fn plain_quoted_and_multiline_fields_keep_their_line_numbers() {
        let got = fields("\u{feff}a,b\r\n\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,");
        assert_eq!(
            got,
            vec![
                (1, vec!["a".into(), "b".into()]),
                (3, vec!["x, y".into(), "say \"hi\"".into()]),
                (4, vec!["two\nlines".into(), "z".into()]),
                (6, vec!["last".into(), "".into()]),
            ]
        );
    }

    #[test]
    fn an_open_quote_is_an_error_naming_its_line_and_column() {
        assert_eq!(parse("a\n\"open,b\nc").unwrap_err(), "บรรทัด 2 คอลัมน์ 1: เครื่องหมายคำพูด (\") เปิดไว้แต่ไม่ได้ปิด");
        let mut r = Reader::trimmed("x,y\r\n\r\nok,\"fine\"\r\na,b, \"open\r\nmore\r\n");
        assert_eq!(r.record().unwrap().unwrap().line, 1);
        assert_eq!(r.record().unwrap().unwrap().line, 3);
        assert_eq!(r.record().unwrap_err(), Error { line: 4, column: 3 });
        // A closed quote followed by a doubled one is still open at the end.
        assert_eq!(Reader::new("\"a\"\"").record().unwrap_err(), Error { line: 1, column: 1 });
    }

    /// Every record of a reader, owned.
    fn all(mut r: Reader) -> Vec<(usize, Vec<String>)> {
        let mut out = Vec::new();
        while let Some(rec) = r.record().unwrap() {
            out.push((rec.line, rec.iter().map(String::from).collect()));
        }
        out
    }

    fn rows(rows: &[(usize, &[&str])]) -> Vec<(usize, Vec<String>)> {
        rows.iter().map(|(l, c)| (*l, c.iter().map(|s| s.to_string()).collect())).collect()
    }

    #[test]
    fn line_ends_crlf_lf_and_lone_cr_blank_lines_and_bom() {
        let text = "\u{feff}a,b\r\n  \t \r\nc,d\re,f\n\n\"\"\ng,\"h\r\ni\"\r\nj,k";
        let want = rows(&[(1, &["a", "b"]), (3, &["c", "d"]), (4, &["e", "f"]), (7, &["g", "h\r\ni"]), (9, &["j", "k"])]);
        assert_eq!(all(Reader::new(text)), want);
        assert_eq!(all(Reader::new("\u{feff}")), rows(&[]));
        assert_eq!(all(Reader::new("\n\r\n  ")), rows(&[]));
        let mut r = Reader::new("a\r\n\r\n");
        assert!(r.record().unwrap().is_some() && r.at_end() && r.progress() == 1.0);
    }

    #[test]
    fn trimmed_cells_and_cells_as_written() {
        let text = " a , \" b, c \" ,\"d\"\"e\"  ,\t\n";
        assert_eq!(all(Reader::trimmed(text)), rows(&[(1, &["a", "b, c", "d\"e", ""])]));
        // As written, a quote after a space is text, so its comma splits the cell.
        assert_eq!(all(Reader::new(text)), rows(&[(1, &[" a ", " \" b", " c \" ", "d\"e  ", "\t"])]));
    }

    #[test]
    fn unicode_spaces_are_trimmed_too() {
        for space in ["\u{a0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{202f}", "\u{3000}", "\u{b}"] {
            let text = format!("{space}ก{space},x{space}\n");
            assert_eq!(all(Reader::trimmed(&text)), rows(&[(1, &["ก", "x"])]), "{space:?}");
        }
        assert!(!may_have_spaces("ก".as_bytes()) && !may_have_spaces(b"") && !may_have_spaces(b"A"));
    }

    #[test]
    fn long_cells_and_thai_text_read_whole() {
        let long = "ก".repeat(1000);
        let text = format!("{long},\"{long}\"\"\",x\n");
        let got = all(Reader::new(&text));
        assert_eq!(got, vec![(1, vec![long.clone(), format!("{long}\""), "x".into()])]);
        let wide: Vec<String> = (0..70).map(|i| format!("c{i}")).collect();
        let got = all(Reader::trimmed(&format!("{}\r\n{}", wide.join(","), wide.join(" , "))));
        assert_eq!(got, vec![(1, wide.clone()), (2, wide)]);
        let mut reader = Reader::new("สาขา,ปวช.\n");
        let record = reader.record().unwrap().unwrap();
        assert_eq!((record.len(), &record[1], record.get(2)), (2, "ปวช.", None));
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        for cell in ["=SUM(A1:A9)", "=HYPERLINK(\"http://x\")", "+cmd", "-2+3", "@SUM(1)", "\tx", "\r=1", "-", "+",
            "-inf", "+NaN", "-1e5", "+.5", "-1.", "- 3", "=1", "-١"]
        {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["-12.5", "+3", "-0", "12", "0.25", "-007.50", "วิทยาลัย", "", "'=x", "a=b", " =1", "1-2"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
        // Written: the prefixed cell is still quoted when it must be.
        assert_eq!(field("=A1,B1"), "\"'=A1,B1\"");
        assert_eq!(field("\r\n=1"), "\"'\r\n=1\"");
        assert_eq!(field("-12.5"), "-12.5");
        assert_eq!(write([["=1+1", "+66", "-5", "@me"]]), "\u{feff}'=1+1,+66,-5,'@me\r\n");
    }

    #[test]
    fn written_csv_reads_back() {
        let rows = vec![vec!["ชื่อ, สกุล", "a\"b", "=SUM(A1)", "-5", "สาขางานยานยนต์"]];
        let text = write(rows.clone());
        assert!(text.starts_with('\u{feff}') && text.ends_with("\r\n"));
        let back = parse(&text).unwrap();
        assert_eq!(back[0].fields, vec!["ชื่อ, สกุล", "a\"b", "'=SUM(A1)", "-5", "สาขางานยานยนต์"]);
    }
}
