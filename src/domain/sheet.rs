//! Spreadsheets (`.xlsx`) in and out, the pure half: what a page hands the spreadsheet worker and gets back.
//!
//! **Export.** A page builds a [`Workbook`] spec: sheets, each with typed [`Column`]s (text, whole numbers, decimals,
//! percents; a width in characters) and rows of [`Cell`]s whose numbers are the exact decimal strings the page shows
//! (`rust_decimal`, never floating point here). The spec is serialised as JSON and written into a real workbook by
//! the worker (`crate::xlsx::write`): numbers as number cells, percents as percent cells (`0.00%`), the header row
//! bold and frozen, the column widths, Thai text in the font named here.
//!
//! **Import.** The worker reads the chosen sheet of a picked workbook (`crate::xlsx::read`) into [`Rows`]: each
//! non-empty cell's text as people see it in the sheet, at its row and column. [`Rows::to_csv`] turns them into the
//! CSV text the importer's own CSV parser already reads, so an `.xlsx` goes through the same checks as a `.csv`, with
//! one rule that keeps the errors' numbers right: **line N of that text is row N of the sheet** (a missing row is a
//! blank line, which every reader skips but counts; a line break inside a cell becomes a space). The page then names
//! rows, not lines ([`row_message`]: `แถว 12`).
//!
//! Untrusted input: a workbook is refused before it is read when the file, or what its parts declare they decompress
//! to, is larger than [`MAX_FILE_BYTES`] / [`MAX_UNZIPPED_BYTES`] (a part inflating past its declared size is cut off
//! there), or its shared strings hold or declare more than [`MAX_CELLS`] strings, or its styles more than Excel's
//! 65,490 of a kind (what the reader would keep in memory, `crate::xlsx`); and while it is read as soon as the sheet
//! goes past [`MAX_CELLS`] cells (rows × columns of the used area); each with a Thai message saying which limit.

use serde::{Deserialize, Serialize};

/// The largest `.xlsx` file read (bytes).
pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;
/// The most the parts of a workbook may decompress to together (bytes), by the sizes its zip directory declares.
pub const MAX_UNZIPPED_BYTES: u64 = 300 * 1024 * 1024;
/// The most cells of one sheet's used area (rows × columns) read.
pub const MAX_CELLS: u64 = 3_000_000;

/// A workbook to write: its sheets in order (at least one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// One sheet: its tab name, the columns (the header row) and the rows below.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// A column: its header text, the kind of its cells and its width in characters (a whole number: the spec carries
/// no floating point, so a page serialising it links no float formatting).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
    pub width: u8,
}

/// How a column's numbers are shown in the spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Text,
    /// Whole numbers (`0`).
    Integer,
    /// Decimals with this many places (`0.00`).
    Decimal(u8),
    /// Percents with this many places (`0.00%`). The cell holds percent points (`85.5`); the spreadsheet keeps the
    /// fraction (`0.855`) shown as `85.50%`.
    Percent(u8),
}

impl Kind {
    /// The spreadsheet's number format for this kind (`None` for text).
    pub fn number_format(self) -> Option<String> {
        let places = |p: u8| if p == 0 { String::new() } else { format!(".{}", "0".repeat(usize::from(p))) };
        match self {
            Kind::Text => None,
            Kind::Integer => Some("0".into()),
            Kind::Decimal(p) => Some(format!("0{}", places(p))),
            Kind::Percent(p) => Some(format!("0{}%", places(p))),
        }
    }
}

/// A cell: empty, text, or a number as an exact decimal string (`"12"`, `"-0.25"`; percent points in a percent
/// column).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    Number(String),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number cell from anything that prints as a decimal (`u64`, `rust_decimal::Decimal`, …).
    pub fn number(n: impl std::fmt::Display) -> Cell {
        Cell::Number(n.to_string())
    }

    /// A number cell from a shown decimal string, or an empty cell when the string is not a plain number (`-`, ``).
    pub fn shown(s: &str) -> Cell {
        if crate::domain::csv::is_number(s) {
            Cell::Number(s.into())
        } else if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }
}

impl Sheet {
    /// A sheet of the lines a CSV export writes (the header line first, taken from the columns): each cell made by
    /// its column's kind — text as text, an empty cell empty, a number column's plain decimals as numbers and
    /// anything else there (`-`, `รอ`) as text.
    pub fn from_lines(name: impl Into<String>, columns: Vec<Column>, lines: &[Vec<String>]) -> Sheet {
        let rows = lines
            .iter()
            .map(|line| {
                line.iter()
                    .zip(&columns)
                    .map(|(v, c)| match c.kind {
                        _ if v.is_empty() => Cell::Empty,
                        Kind::Text => Cell::text(v.as_str()),
                        _ => Cell::shown(v),
                    })
                    .collect()
            })
            .collect();
        Sheet { name: name.into(), columns, rows }
    }
}

/// Columns from `(header, kind, width)`.
pub fn columns(spec: &[(&str, Kind, u8)]) -> Vec<Column> {
    spec.iter().map(|&(h, kind, width)| Column { header: h.into(), kind, width }).collect()
}

impl Workbook {
    /// The spec checked before it is written: at least one sheet, sheet names as spreadsheets allow them (1–31
    /// characters, none of `[]:*?/\`, unique), every row no wider than its columns, every number cell a plain
    /// decimal. The error names the sheet, row and column.
    pub fn check(&self) -> Result<(), String> {
        if self.sheets.is_empty() {
            return Err("ไม่มีแผ่นงาน".into());
        }
        for (i, s) in self.sheets.iter().enumerate() {
            let n = s.name.chars().count();
            if n == 0 || n > 31 || s.name.contains(['[', ']', ':', '*', '?', '/', '\\']) {
                return Err(format!("ชื่อแผ่นงาน \"{}\" ใช้ไม่ได้", s.name));
            }
            if self.sheets[..i].iter().any(|o| o.name.to_lowercase() == s.name.to_lowercase()) {
                return Err(format!("ชื่อแผ่นงาน \"{}\" ซ้ำ", s.name));
            }
            for (r, row) in s.rows.iter().enumerate() {
                if row.len() > s.columns.len() {
                    return Err(format!("แผ่นงาน {} แถว {}: มี {} ช่อง เกินจำนวนคอลัมน์ {}", s.name, r + 2, row.len(), s.columns.len()));
                }
                for (c, cell) in row.iter().enumerate() {
                    if let Cell::Number(v) = cell {
                        if !crate::domain::csv::is_number(v) {
                            return Err(format!("แผ่นงาน {} แถว {} คอลัมน์ {}: \"{v}\" ไม่ใช่ตัวเลข", s.name, r + 2, c + 1));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// A file name ending in `.xlsx` (any case): the importers send such a file to the spreadsheet worker.
pub fn is_xlsx(name: &str) -> bool {
    name.to_lowercase().ends_with(".xlsx")
}

/// A message of the CSV path made to speak of a sheet's rows: `บรรทัด 12` → `แถว 12` (line N is row N,
/// [`Rows::to_csv`]).
pub fn row_message(message: &str) -> String {
    message.replace("บรรทัด", "แถว")
}

/// One sheet read: its non-empty cells, in any order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    pub cells: Vec<ReadCell>,
}

/// A cell read: its 0-based row and column, its text as people see it, and whether it was a number cell.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadCell {
    pub row: u32,
    pub col: u32,
    pub text: String,
    pub number: bool,
}

impl Rows {
    /// The sheet as CSV text for the importers' CSV parsers: line N is row N (1-based, from row 1 of the sheet, a
    /// missing row a blank line); every row has as many cells as the widest row (like a CSV saved by Excel), from
    /// column A; a cell holding a comma or a quote is quoted, a line break inside a cell is a space. Nothing is
    /// neutralised: this text is read, never opened in a spreadsheet.
    pub fn to_csv(&self) -> String {
        let mut cells: Vec<&ReadCell> = self.cells.iter().filter(|c| !c.text.is_empty()).collect();
        cells.sort_unstable_by_key(|c| (c.row, c.col));
        let width = cells.iter().map(|c| c.col + 1).max().unwrap_or(0) as usize;
        let mut out = String::new();
        let mut i = 0;
        let last_row = cells.last().map_or(0, |c| c.row + 1);
        for row in 0..last_row {
            if cells.get(i).is_some_and(|c| c.row == row) {
                let mut line = vec![String::new(); width];
                while let Some(c) = cells.get(i).filter(|c| c.row == row) {
                    line[c.col as usize] = quote(&c.text);
                    i += 1;
                }
                out.push_str(&line.join(","));
            }
            out.push('\n');
        }
        out
    }
}

fn quote(text: &str) -> String {
    let text = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A number read from a sheet as people see it in a general-format cell: whole numbers without `.0`, others to 15
/// significant digits (what the spreadsheet shows; `0.1 + 0.2` reads as `0.3`), never in exponent form.
pub fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    // `{}` on an f64 never uses exponents: a whole number this large prints as its digits.
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    format!("{rounded}")
}

/// A date (and time, when not midnight) read from a date-formatted cell: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, the
/// Common Era, as records keep dates. No importer here has a date column today; a date in a column that expects
/// text or a number is then refused by that column's own check, showing this form.
pub fn date_text(y: u16, m: u8, d: u8, hh: u8, mm: u8, ss: u8) -> String {
    if (hh, mm, ss) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv;

    #[test]
    fn rows_become_csv_whose_line_numbers_are_the_sheet_rows() {
        let cell = |row, col, text: &str| ReadCell { row, col, text: text.into(), number: false };
        let rows = Rows {
            cells: vec![
                cell(3, 1, "d, with comma"),
                cell(0, 0, "a"),
                cell(0, 2, "c"),
                cell(3, 0, "say \"hi\""),
                cell(1, 1, "two\nlines"),
                cell(5, 0, ""),
            ],
        };
        let text = rows.to_csv();
        assert_eq!(text, "a,,c\n,two lines,\n\n\"say \"\"hi\"\"\",\"d, with comma\",\n");
        let parsed = csv::parse(&text).unwrap();
        let lines: Vec<usize> = parsed.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(parsed[2].fields, ["say \"hi\"", "d, with comma", ""]);
        assert_eq!(Rows::default().to_csv(), "");
    }

    #[test]
    fn numbers_read_as_people_see_them() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(1310100001.0), "1310100001");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(f64::NAN), "");
        assert_eq!(date_text(2026, 5, 12, 0, 0, 0), "2026-05-12");
        assert_eq!(date_text(2026, 5, 12, 8, 30, 0), "2026-05-12 08:30:00");
    }

    #[test]
    fn errors_name_rows() {
        assert_eq!(row_message("ไฟล์.xlsx: บรรทัด 12 คอลัมน์ 2: ผิด"), "ไฟล์.xlsx: แถว 12 คอลัมน์ 2: ผิด");
        assert!(is_xlsx("รายชื่อ.XLSX") && !is_xlsx("a.csv") && !is_xlsx("xlsx"));
    }

    #[test]
    fn a_spec_is_checked_naming_sheet_row_and_column() {
        let col = |h: &str, kind| Column { header: h.into(), kind, width: 10 };
        let mut wb = Workbook {
            sheets: vec![Sheet {
                name: "รวม".into(),
                columns: vec![col("ชื่อ", Kind::Text), col("ร้อยละ", Kind::Percent(2))],
                rows: vec![vec![Cell::text("ก"), Cell::number("85.5")]],
            }],
        };
        assert_eq!(wb.check(), Ok(()));
        wb.sheets[0].rows.push(vec![Cell::text("ข"), Cell::Number("8x".into())]);
        assert_eq!(wb.check().unwrap_err(), "แผ่นงาน รวม แถว 3 คอลัมน์ 2: \"8x\" ไม่ใช่ตัวเลข");
        wb.sheets[0].rows.pop();
        wb.sheets[0].rows.push(vec![Cell::Empty, Cell::Empty, Cell::Empty]);
        assert!(wb.check().unwrap_err().contains("เกินจำนวนคอลัมน์"));
        wb.sheets[0].rows.pop();
        wb.sheets.push(wb.sheets[0].clone());
        assert_eq!(wb.check().unwrap_err(), "ชื่อแผ่นงาน \"รวม\" ซ้ำ");
        wb.sheets[1].name = "a/b".into();
        assert!(wb.check().is_err());
        assert_eq!(Workbook { sheets: vec![] }.check().unwrap_err(), "ไม่มีแผ่นงาน");
        assert_eq!(Kind::Percent(2).number_format().as_deref(), Some("0.00%"));
        assert_eq!(Kind::Decimal(0).number_format().as_deref(), Some("0"));
        assert_eq!(Kind::Text.number_format(), None);
        let lines = vec![vec!["ก".to_string(), "12.5".into()], vec![String::new(), "-".into()]];
        let sheet = Sheet::from_lines("s", columns(&[("ชื่อ", Kind::Text, 8), ("ร้อยละ", Kind::Percent(1), 8)]), &lines);
        assert_eq!(sheet.rows, [vec![Cell::text("ก"), Cell::number("12.5")], vec![Cell::Empty, Cell::text("-")]]);
        assert_eq!(Cell::shown("-"), Cell::text("-"));
        assert_eq!(Cell::shown("0.25"), Cell::number("0.25"));
        assert_eq!(Cell::shown(""), Cell::Empty);
    }
}
