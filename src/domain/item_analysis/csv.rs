//! Reading the two CSV files of an item analysis, the same for the app and the command line:
//!
//! - responses: a header `candidate,1,2,…,n` (the first cell's text is free, the others are the item labels), then
//!   one row per candidate: an id, then one answer per item — ก ข ค ง จ or A–E (any case), empty = omitted;
//! - key: `item,key` rows (the header row is optional), every item of the responses exactly once.
//!
//! Both are read by the one CSV reader, [`crate::domain::csv::Reader::trimmed`]: a cell may be quoted (`"…"`, with
//! `""` for a quote); spaces around a cell, a UTF-8 byte order mark and CRLF line ends are accepted; blank lines are
//! skipped. Any problem is a [`CsvError`] naming the file, the line and the column (both counted from 1), and nothing
//! is returned.

use std::collections::HashMap;
use std::fmt;

use super::matrix::{ResponseMatrix, MAX_OPTIONS, OMITTED};
use crate::domain::csv::{self, Reader};

/// Option letters as the handbook writes them (index 0 = ก).
pub const THAI_LETTERS: [&str; MAX_OPTIONS] = ["ก", "ข", "ค", "ง", "จ"];

/// The option index of an answer: ก–จ or A–E in any case.
pub fn option_index(text: &str) -> Option<u8> {
    option_index_bytes(text.as_bytes())
}

/// [`option_index`] of a cell's bytes.
#[inline(always)]
fn option_index_bytes(cell: &[u8]) -> Option<u8> {
    // On bytes (this runs once per answer): ก ข ค ง จ are U+0E01, 02, 04, 07, 08 = E0 B8 81/82/84/87/88 in UTF-8.
    match cell {
        [c @ b'A'..=b'E'] => Some(c - b'A'),
        [c @ b'a'..=b'e'] => Some(c - b'a'),
        [0xE0, 0xB8, 0x81] => Some(0),
        [0xE0, 0xB8, 0x82] => Some(1),
        [0xE0, 0xB8, 0x84] => Some(2),
        [0xE0, 0xB8, 0x87] => Some(3),
        [0xE0, 0xB8, 0x88] => Some(4),
        _ => None,
    }
}

/// The Thai letter of an option index.
pub fn option_letter(index: u8) -> &'static str {
    THAI_LETTERS[usize::from(index)]
}

/// A parsed and checked data set.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Candidate ids, in file order (the matrix order).
    pub candidates: Vec<String>,
    /// Item labels from the header, in column order.
    pub items: Vec<String>,
    /// The key: option index per item.
    pub key: Vec<u8>,
    pub matrix: ResponseMatrix,
}

/// Which of the two files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Responses,
    Key,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    UnclosedQuote,
    /// The responses header needs a candidate column and at least one item.
    NoItems,
    EmptyLabel,
    DuplicateLabel {
        first_column: usize,
    },
    /// A row has `got` cells where `expected` were wanted.
    Cells {
        got: usize,
        expected: usize,
    },
    EmptyCandidate,
    DuplicateCandidate {
        first_line: usize,
    },
    NotAnOption {
        text: String,
    },
    /// A letter past the option count given for the test.
    PastOptions {
        text: String,
        options: usize,
    },
    EmptyKey,
    UnknownItem {
        label: String,
    },
    DuplicateItem {
        first_line: usize,
    },
    MissingKey {
        label: String,
    },
    Options {
        options: usize,
    },
}

/// A refused file: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub source: Source,
    /// 1-based line; 0 when the problem is the whole file (e.g. an item missing from the key).
    pub line: usize,
    /// 1-based column (cell), when one cell is at fault.
    pub column: Option<usize>,
    /// The item label of that column, when it is an answer column.
    pub item: Option<String>,
    pub problem: Problem,
}

impl fmt::Display for CsvError {
    /// English, for the command line: `line 5, column 3 (item 2): "X" is not an option (A–E or ก–จ)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}", self.line)?;
            if let Some(c) = self.column {
                write!(f, ", column {c}")?;
            }
            if let Some(item) = &self.item {
                write!(f, " (item {item})")?;
            }
            write!(f, ": ")?;
        }
        match &self.problem {
            Problem::Empty => write!(f, "the file is empty"),
            Problem::UnclosedQuote => write!(f, "a quoted cell is not closed"),
            Problem::NoItems => write!(f, "the header needs a candidate column and at least one item column"),
            Problem::EmptyLabel => write!(f, "the item label is empty"),
            Problem::DuplicateLabel { first_column } => write!(f, "the same item label as column {first_column}"),
            Problem::Cells { got, expected } => write!(f, "{got} cells, expected {expected}"),
            Problem::EmptyCandidate => write!(f, "the candidate id is empty"),
            Problem::DuplicateCandidate { first_line } => write!(f, "the same candidate as line {first_line}"),
            Problem::NotAnOption { text } => write!(f, "\"{text}\" is not an option (A–E or ก–จ, empty = omitted)"),
            Problem::PastOptions { text, options } => write!(f, "\"{text}\" is past the {options} options"),
            Problem::EmptyKey => write!(f, "the key is empty"),
            Problem::UnknownItem { label } => write!(f, "item \"{label}\" is not in the responses header"),
            Problem::DuplicateItem { first_line } => write!(f, "the same item as line {first_line}"),
            Problem::MissingKey { label } => write!(f, "item \"{label}\" has no key"),
            Problem::Options { options } => write!(f, "an item must have 2 to {MAX_OPTIONS} options, got {options}"),
        }
    }
}

impl CsvError {
    /// The message in Thai, for the app: `ไฟล์คำตอบ บรรทัด 5 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก …`.
    pub fn thai(&self) -> String {
        let file = match self.source {
            Source::Responses => "ไฟล์คำตอบ",
            Source::Key => "ไฟล์เฉลย",
        };
        let mut at = file.to_string();
        if self.line > 0 {
            at += &format!(" บรรทัด {}", self.line);
            if let Some(c) = self.column {
                at += &format!(" คอลัมน์ {c}");
            }
            if let Some(item) = &self.item {
                at += &format!(" (ข้อ {item})");
            }
        }
        let what = match &self.problem {
            Problem::Empty => "ไฟล์ว่าง".to_string(),
            Problem::UnclosedQuote => "เครื่องหมายคำพูด (\") ไม่ได้ปิด".to_string(),
            Problem::NoItems => "แถวหัวตารางต้องมีคอลัมน์ผู้เข้าสอบและข้อสอบอย่างน้อย 1 ข้อ".to_string(),
            Problem::EmptyLabel => "ชื่อข้อว่าง".to_string(),
            Problem::DuplicateLabel { first_column } => format!("ชื่อข้อซ้ำกับคอลัมน์ {first_column}"),
            Problem::Cells { got, expected } => format!("มี {got} ช่อง ต้องมี {expected} ช่อง"),
            Problem::EmptyCandidate => "รหัสผู้เข้าสอบว่าง".to_string(),
            Problem::DuplicateCandidate { first_line } => format!("ผู้เข้าสอบซ้ำกับบรรทัด {first_line}"),
            Problem::NotAnOption { text } => {
                format!("“{text}” ไม่ใช่ตัวเลือก (ใช้ ก–จ หรือ A–E เว้นว่างเมื่อไม่ได้ตอบ)")
            }
            Problem::PastOptions { text, options } => format!("“{text}” เกินจำนวนตัวเลือก {options} ตัว"),
            Problem::EmptyKey => "เฉลยว่าง".to_string(),
            Problem::UnknownItem { label } => format!("ไม่มีข้อ “{label}” ในแถวหัวตารางของไฟล์คำตอบ"),
            Problem::DuplicateItem { first_line } => format!("ข้อซ้ำกับบรรทัด {first_line}"),
            Problem::MissingKey { label } => format!("ข้อ “{label}” ไม่มีเฉลย"),
            Problem::Options { options } => format!("จำนวนตัวเลือกต้องเป็น 2–5 (ได้ {options})"),
        };
        format!("{at}: {what}")
    }
}

/// Reads both files. `options` is the number of options per item; `None` takes the highest letter used in either
/// file (at least 2).
pub fn parse_dataset(responses: &str, key: &str, options: Option<usize>) -> Result<Dataset, CsvError> {
    let mut reader = ResponsesReader::new(responses, options)?;
    while !reader.read(usize::MAX)? {}
    reader.finish(key)
}

/// Reads the responses file a number of rows at a time, so the app can yield to the browser between chunks:
/// [`ResponsesReader::new`] reads the header, [`ResponsesReader::read`] the next rows, [`ResponsesReader::finish`]
/// the key and builds the [`Dataset`]. [`parse_dataset`] does all three at once.
pub struct ResponsesReader<'a> {
    reader: Reader<'a>,
    options: Option<usize>,
    limit: usize,
    items: Vec<String>,
    candidates: Vec<String>,
    candidate_lines: HashMap<String, usize>,
    codes: Vec<u8>,
}

fn responses_error(line: usize, column: Option<usize>, item: Option<&str>, problem: Problem) -> CsvError {
    CsvError { source: Source::Responses, line, column, item: item.map(str::to_string), problem }
}

/// The reader's one error, a quote left open, in `source`.
fn unclosed(source: Source) -> impl Fn(csv::Error) -> CsvError {
    move |e| CsvError { source, line: e.line, column: Some(e.column), item: None, problem: Problem::UnclosedQuote }
}

impl<'a> ResponsesReader<'a> {
    /// Checks `options` and reads the header.
    pub fn new(text: &'a str, options: Option<usize>) -> Result<ResponsesReader<'a>, CsvError> {
        let err = responses_error;
        if let Some(o) = options.filter(|o| !(2..=MAX_OPTIONS).contains(o)) {
            return Err(err(0, None, None, Problem::Options { options: o }));
        }
        let mut reader = Reader::trimmed(text);
        let Some(header) = reader.record().map_err(unclosed(Source::Responses))? else {
            return Err(err(0, None, None, Problem::Empty));
        };
        let line = header.line;
        if header.len() < 2 {
            return Err(err(line, None, None, Problem::NoItems));
        }
        let items: Vec<String> = header.iter().skip(1).map(String::from).collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, label) in items.iter().enumerate() {
            if label.is_empty() {
                return Err(err(line, Some(i + 2), None, Problem::EmptyLabel));
            }
            if let Some(&first) = seen.get(label.as_str()) {
                return Err(err(line, Some(i + 2), None, Problem::DuplicateLabel { first_column: first }));
            }
            seen.insert(label, i + 2);
        }
        Ok(ResponsesReader {
            reader,
            options,
            limit: options.unwrap_or(MAX_OPTIONS),
            items,
            candidates: Vec::new(),
            candidate_lines: HashMap::new(),
            codes: Vec::new(),
        })
    }

    /// Reads up to `rows` more candidates; `true` when the file is finished.
    pub fn read(&mut self, rows: usize) -> Result<bool, CsvError> {
        let err = responses_error;
        let width = self.items.len() + 1;
        for _ in 0..rows {
            let Some(cells) = self.reader.record().map_err(unclosed(Source::Responses))? else { return Ok(true) };
            let line = cells.line;
            if cells.len() != width {
                let column = Some(cells.len().min(width) + 1);
                return Err(err(line, column, None, Problem::Cells { got: cells.len(), expected: width }));
            }
            let id = &cells[0];
            if id.is_empty() {
                return Err(err(line, Some(1), None, Problem::EmptyCandidate));
            }
            if let Some(&first_line) = self.candidate_lines.get(id) {
                return Err(err(line, Some(1), None, Problem::DuplicateCandidate { first_line }));
            }
            self.candidate_lines.insert(id.to_string(), line);
            self.candidates.push(id.to_string());
            // The hot loop of a large import: the answers are decoded from the cells' bytes into their places.
            let from = self.codes.len();
            self.codes.resize(from + width - 1, OMITTED);
            for (i, slot) in self.codes[from..].iter_mut().enumerate() {
                let code = cells.bytes(i + 1);
                *slot = match option_index_bytes(code) {
                    Some(o) if usize::from(o) < self.limit => o,
                    _ if code.is_empty() => OMITTED,
                    _ => {
                        let problem = answer(&cells[i + 1], self.limit).expect_err("not an answer");
                        return Err(err(line, Some(i + 2), Some(&self.items[i]), problem));
                    }
                };
            }
        }
        Ok(self.reader.at_end())
    }

    /// How far through the file, 0.0–1.0.
    pub fn progress(&self) -> f64 {
        self.reader.progress()
    }

    /// Candidates read so far.
    pub fn candidates(&self) -> usize {
        self.candidates.len()
    }

    /// Reads the key and builds the data set (after [`ResponsesReader::read`] returned `true`).
    pub fn finish(self, key: &str) -> Result<Dataset, CsvError> {
        let key = parse_key(key, &self.items, self.limit)?;
        let used = self.codes.iter().chain(&key).filter(|&&c| c != OMITTED).max().map_or(0, |&c| usize::from(c) + 1);
        let options = self.options.unwrap_or(used.max(2));
        let matrix =
            ResponseMatrix::from_codes(self.items.len(), options, &self.codes).expect("codes checked against options");
        Ok(Dataset { candidates: self.candidates, items: self.items, key, matrix })
    }
}

/// One answer cell: an option index or [`OMITTED`].
fn answer(cell: &str, limit: usize) -> Result<u8, Problem> {
    if cell.is_empty() {
        return Ok(OMITTED);
    }
    match option_index(cell) {
        Some(o) if usize::from(o) < limit => Ok(o),
        Some(_) => Err(Problem::PastOptions { text: cell.to_string(), options: limit }),
        None => Err(Problem::NotAnOption { text: cell.to_string() }),
    }
}

fn parse_key(text: &str, items: &[String], limit: usize) -> Result<Vec<u8>, CsvError> {
    let err = |line, column, problem| CsvError { source: Source::Key, line, column, item: None, problem };
    let index: HashMap<&str, usize> = items.iter().enumerate().map(|(i, l)| (l.as_str(), i)).collect();
    let mut key = vec![OMITTED; items.len()];
    let mut lines = vec![0usize; items.len()];
    let mut reader = Reader::trimmed(text);
    let mut first = true;
    let mut any = false;
    while let Some(cells) = reader.record().map_err(unclosed(Source::Key))? {
        let line = cells.line;
        // The first row is a header when its second cell is not an option letter (e.g. `item,key`).
        let header = first && cells.len() == 2 && option_index(&cells[1]).is_none() && !index.contains_key(&cells[0]);
        first = false;
        if header {
            continue;
        }
        any = true;
        if cells.len() != 2 {
            return Err(err(line, Some(cells.len().min(2) + 1), Problem::Cells { got: cells.len(), expected: 2 }));
        }
        let Some(&i) = index.get(&cells[0]) else {
            return Err(err(line, Some(1), Problem::UnknownItem { label: cells[0].to_string() }));
        };
        if lines[i] != 0 {
            return Err(err(line, Some(1), Problem::DuplicateItem { first_line: lines[i] }));
        }
        lines[i] = line;
        key[i] = match answer(&cells[1], limit).map_err(|p| err(line, Some(2), p))? {
            OMITTED => return Err(err(line, Some(2), Problem::EmptyKey)),
            o => o,
        };
    }
    if !any {
        return Err(err(0, None, Problem::Empty));
    }
    if let Some(i) = key.iter().position(|&k| k == OMITTED) {
        return Err(err(0, None, Problem::MissingKey { label: items[i].clone() }));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "item,key\n1,ก\n2,B\n3,c\n";

    #[test]
    fn reads_thai_and_latin_letters_omitted_bom_crlf_quotes() {
        let responses = "\u{feff}candidate,1,2,3\r\n\"ส, สมชาย\",ก,b,\r\n\r\nS2 , ค ,  ,D\r\n\"S\"\"3\",e,A,ง\n";
        let d = parse_dataset(responses, KEY, None).unwrap();
        assert_eq!(d.candidates, ["ส, สมชาย", "S2", "S\"3"]);
        assert_eq!(d.items, ["1", "2", "3"]);
        assert_eq!(d.key, [0, 1, 2]);
        assert_eq!(d.matrix.options(), 5);
        assert_eq!(d.matrix.get(0, 0), Some(0));
        assert_eq!(d.matrix.get(0, 1), Some(1));
        assert_eq!(d.matrix.get(0, 2), None);
        assert_eq!(d.matrix.get(1, 0), Some(2));
        assert_eq!(d.matrix.get(1, 1), None);
        assert_eq!(d.matrix.get(1, 2), Some(3));
        assert_eq!(d.matrix.get(2, 0), Some(4));
    }

    #[test]
    fn options_are_inferred_or_given() {
        let r = "candidate,1,2\na,ก,ข\nb,ค,\n";
        let k = "1,ก\n2,ข\n"; // no header row
        assert_eq!(parse_dataset(r, k, None).unwrap().matrix.options(), 3);
        assert_eq!(parse_dataset(r, k, Some(4)).unwrap().matrix.options(), 4);
        let e = parse_dataset(r, k, Some(2)).unwrap_err();
        assert_eq!((e.line, e.column, e.item.as_deref()), (3, Some(2), Some("1")));
        assert_eq!(e.to_string(), "line 3, column 2 (item 1): \"ค\" is past the 2 options");
        assert_eq!(parse_dataset(r, k, Some(6)).unwrap_err().problem, Problem::Options { options: 6 });
        let only_a = parse_dataset("c,1\nx,A\n", "1,A\n", None).unwrap();
        assert_eq!(only_a.matrix.options(), 2);
    }

    #[test]
    fn bad_answer_names_line_and_column() {
        let e = parse_dataset("candidate,1,2,3\na,ก,ข,ค\nb,ก,X,ค\n", KEY, None).unwrap_err();
        assert_eq!(e.to_string(), "line 3, column 3 (item 2): \"X\" is not an option (A–E or ก–จ, empty = omitted)");
        assert_eq!(e.thai(), "ไฟล์คำตอบ บรรทัด 3 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก (ใช้ ก–จ หรือ A–E เว้นว่างเมื่อไม่ได้ตอบ)");
    }

    #[test]
    fn line_numbers_count_blank_lines_and_quoted_newlines() {
        let e = parse_dataset("candidate,1\n\n\"a\nb\",ก\n\nc,F\n", "1,ก\n", None).unwrap_err();
        assert_eq!((e.line, e.column), (6, Some(2)));
    }

    #[test]
    fn row_shape_and_candidate_errors() {
        let e = parse_dataset("candidate,1,2,3\na,ก,ข\n", KEY, None).unwrap_err();
        assert_eq!(e.to_string(), "line 2, column 4: 3 cells, expected 4");
        let e = parse_dataset("candidate,1,2,3\na,ก,ข,ค,ง\n", KEY, None).unwrap_err();
        assert_eq!((e.column, e.problem.clone()), (Some(5), Problem::Cells { got: 5, expected: 4 }));
        let e = parse_dataset("candidate,1,2,3\n,ก,ข,ค\n", KEY, None).unwrap_err();
        assert_eq!(e.to_string(), "line 2, column 1: the candidate id is empty");
        let e = parse_dataset("candidate,1,2,3\na,ก,ข,ค\na,ก,ข,ค\n", KEY, None).unwrap_err();
        assert_eq!(e.to_string(), "line 3, column 1: the same candidate as line 2");
        let e = parse_dataset("candidate,1,1\n", KEY, None).unwrap_err();
        assert_eq!(e.to_string(), "line 1, column 3: the same item label as column 2");
        let e = parse_dataset("candidate,1,,3\n", KEY, None).unwrap_err();
        assert_eq!(e.to_string(), "line 1, column 3: the item label is empty");
        assert_eq!(parse_dataset("candidate\n", KEY, None).unwrap_err().problem, Problem::NoItems);
        assert_eq!(parse_dataset("\n\n", KEY, None).unwrap_err().problem, Problem::Empty);
        let e = parse_dataset("candidate,1\n\"a,ก\n", "1,ก", None).unwrap_err();
        assert_eq!((e.line, e.problem), (2, Problem::UnclosedQuote));
    }

    #[test]
    fn key_errors() {
        let r = "candidate,1,2,3\na,ก,ข,ค\n";
        let e = parse_dataset(r, "item,key\n1,ก\n2,ข\n", None).unwrap_err();
        assert_eq!((e.source, e.line), (Source::Key, 0));
        assert_eq!(e.to_string(), "item \"3\" has no key");
        assert_eq!(e.thai(), "ไฟล์เฉลย: ข้อ “3” ไม่มีเฉลย");
        let e = parse_dataset(r, "item,key\n1,ก\n2,ข\n3,ค\n4,ง\n", None).unwrap_err();
        assert_eq!(e.to_string(), "line 5, column 1: item \"4\" is not in the responses header");
        let e = parse_dataset(r, "item,key\n1,ก\n1,ข\n", None).unwrap_err();
        assert_eq!(e.to_string(), "line 3, column 1: the same item as line 2");
        let e = parse_dataset(r, "item,key\n1,ก\n2,\n", None).unwrap_err();
        assert_eq!(e.to_string(), "line 3, column 2: the key is empty");
        let e = parse_dataset(r, "item,key\n1,ก\n2,ฮ\n", None).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(2)));
        let e = parse_dataset(r, "item,key\n1,ก,x\n", None).unwrap_err();
        assert_eq!(e.to_string(), "line 2, column 3: 3 cells, expected 2");
        assert_eq!(parse_dataset(r, "item,key\n", None).unwrap_err().problem, Problem::Empty);
    }

    #[test]
    fn an_open_quote_names_the_file_line_and_column() {
        let e = parse_dataset("candidate,1,2\r\n\r\na,ก,\"ข\r\nb,ก,ข\r\n", KEY, None).unwrap_err();
        assert_eq!((e.source, e.line, e.column), (Source::Responses, 3, Some(3)));
        assert_eq!(e.to_string(), "line 3, column 3: a quoted cell is not closed");
        assert_eq!(e.thai(), "ไฟล์คำตอบ บรรทัด 3 คอลัมน์ 3: เครื่องหมายคำพูด (\") ไม่ได้ปิด");
        let e = parse_dataset("candidate,1\na,ก\n", "item,key\n1, \"ก\n", None).unwrap_err();
        assert_eq!((e.source, e.line, e.column, e.problem), (Source::Key, 2, Some(2), Problem::UnclosedQuote));
    }

    /// Golden: a hand-typed pair of files with everything the reader accepts, and the data set they make.
    #[test]
    fn golden_hand_typed_files() {
        let responses = "\u{feff} รหัส , \"1\" ,2\r\n\r\n \"ส, สมชาย\" , ก , \"b\"\r\n\tS2,\"ค\",\r\n\"S\"\"3\nสาม\",ง,D\r\n  \r\n";
        let key = "\u{feff}\"item\",\"key\"\r\n 2 , b \r\n\"1\",\"ค\"";
        let d = parse_dataset(responses, key, None).unwrap();
        assert_eq!(d.candidates, ["ส, สมชาย", "S2", "S\"3\nสาม"]);
        assert_eq!(d.items, ["1", "2"]);
        assert_eq!(d.key, [2, 1]);
        assert_eq!(d.matrix.options(), 4);
        let answers: Vec<Vec<Option<u8>>> = (0..3).map(|c| (0..2).map(|i| d.matrix.get(c, i)).collect()).collect();
        assert_eq!(answers, [[Some(0), Some(1)], [Some(2), None], [Some(3), Some(3)]]);
    }

    #[test]
    fn reading_in_chunks_gives_the_same_data_set() {
        let s = super::super::simulate::sitting(103, 9, 4, 11);
        let (responses, key) = (s.responses_csv(), s.key_csv());
        let whole = parse_dataset(&responses, &key, None).unwrap();
        let mut reader = ResponsesReader::new(&responses, None).unwrap();
        let mut steps = 0;
        while !reader.read(10).unwrap() {
            steps += 1;
            assert!(reader.progress() < 1.0 && reader.candidates() == steps * 10);
        }
        assert_eq!(steps, 10);
        assert_eq!(reader.progress(), 1.0);
        assert_eq!(reader.finish(&key).unwrap(), whole);
    }

    #[test]
    fn letters() {
        assert_eq!(option_letter(3), "ง");
        assert_eq!((0..5).map(|i| option_index(option_letter(i))).collect::<Vec<_>>(), [0, 1, 2, 3, 4].map(Some));
        assert_eq!(option_index("ฃ"), None);
        assert_eq!(option_index("AB"), None);
    }
}
