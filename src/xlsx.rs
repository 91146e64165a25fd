//! `.xlsx` workbooks read and written: the one place that links the spreadsheet crates, `calamine` (reader) and
//! `rust_xlsxwriter` (writer). In the browser only the spreadsheet worker (`mattrathan-xlsx-worker`,
//! `ui::xlsx`) calls it, so no page's wasm carries them; natively the command line and the tests do (a workbook
//! written here and read back here is the same data).
//!
//! What goes in and out is `domain::sheet`: a [`Workbook`] spec to write, the [`Rows`] of one sheet read.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{Format, FormatAlign};

use crate::domain::sheet::{self, Cell, Kind, ReadCell, Rows, Workbook};

/// The font of written workbooks: the Thai government's standard font, which Thai offices' Excel has; a spreadsheet
/// without it falls back to its own.
pub const FONT: &str = "TH Sarabun New";
const FONT_SIZE: f64 = 16.0;

/// One sheet of a workbook read: every sheet's name (in order), the name of the one read, and its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub sheets: Vec<String>,
    pub sheet: String,
    pub rows: Rows,
}

/// The names of the sheets of the workbook `bytes` (refused like [`read`]).
pub fn read_sheet_names(name: &str, bytes: &[u8]) -> Result<Vec<String>, String> {
    Ok(open(name, bytes)?.sheet_names())
}

/// The workbook `bytes` opened, after the limits on the file and on what its parts decompress to.
fn open<'a>(name: &str, bytes: &'a [u8]) -> Result<Xlsx<Cursor<&'a [u8]>>, String> {
    let refuse = |why: String| format!("{name}: {why}");
    if bytes.len() > sheet::MAX_FILE_BYTES {
        return Err(refuse(format!(
            "ไฟล์ใหญ่เกิน {} MB ที่รับได้ ไม่ได้นำเข้าข้อมูลใด",
            sheet::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let not_xlsx = || refuse("ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย ไม่ได้นำเข้าข้อมูลใด".into());
    // What the parts would decompress to, by the zip directory, before anything is decompressed (a zip bomb is
    // refused here; a part that decompresses to more than it declared is an error of the zip reader itself).
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let mut unzipped: u64 = 0;
    for i in 0..zip.len() {
        unzipped = unzipped.saturating_add(zip.by_index_raw(i).map_err(|_| not_xlsx())?.size());
    }
    if unzipped > sheet::MAX_UNZIPPED_BYTES {
        return Err(refuse(format!(
            "ข้อมูลในไฟล์เมื่อแตกออกใหญ่เกิน {} MB ที่รับได้ ไม่ได้นำเข้าข้อมูลใด",
            sheet::MAX_UNZIPPED_BYTES / (1024 * 1024)
        )));
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|_| not_xlsx())
}

/// Reads sheet `sheet` (the first when `None`) of the workbook `bytes` from the file `name`. Refused, in Thai and
/// naming the file: anything that is not an `.xlsx` workbook, a workbook over the limits of `domain::sheet` (file size,
/// decompressed size, cells), a sheet that is not there, and a cell holding a formula error (naming its row and
/// column).
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Read, String> {
    let refuse = |why: String| format!("{name}: {why}");
    let not_xlsx = || refuse("ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย ไม่ได้นำเข้าข้อมูลใด".into());
    let mut book = open(name, bytes)?;
    let sheets = book.sheet_names();
    let chosen = match sheet {
        Some(s) => sheets.iter().find(|n| *n == s).cloned().ok_or_else(|| refuse(format!("ไม่มีแผ่นงาน \"{s}\"")))?,
        None => sheets.first().cloned().ok_or_else(|| refuse("ไม่มีแผ่นงาน".into()))?,
    };
    let too_big = || {
        refuse(format!("แผ่นงาน \"{chosen}\" มีเกิน {} ช่อง (แถว × คอลัมน์) ที่รับได้ ไม่ได้นำเข้าข้อมูลใด", sheet::MAX_CELLS))
    };
    let mut reader = book.worksheet_cells_reader(&chosen).map_err(|_| not_xlsx())?;
    let mut rows = Rows::default();
    let (mut last_row, mut last_col) = (0u64, 0u64);
    while let Some(cell) = reader.next_cell().map_err(|_| not_xlsx())? {
        let (r, c) = cell.get_position();
        let value = cell.get_value();
        let number = matches!(value, DataRef::Int(_) | DataRef::Float(_));
        let text = match value {
            DataRef::Empty => continue,
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) => sheet::number_text(*f),
            DataRef::String(s) => s.clone(),
            DataRef::SharedString(s) => s.to_string(),
            DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            DataRef::DateTime(d) if d.is_datetime() => {
                let (y, m, day, hh, mm, ss, _) = d.to_ymd_hms_milli();
                sheet::date_text(y, m, day, hh, mm, ss)
            }
            DataRef::DateTime(d) => sheet::number_text(d.as_f64()),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
            DataRef::Error(e) => {
                return Err(refuse(format!("แถว {} คอลัมน์ {}: ช่องนี้มีข้อผิดพลาดของสูตร ({e})", r + 1, c + 1)));
            }
        };
        if text.is_empty() {
            continue;
        }
        (last_row, last_col) = (last_row.max(u64::from(r) + 1), last_col.max(u64::from(c) + 1));
        if last_row.saturating_mul(last_col) > sheet::MAX_CELLS || rows.cells.len() as u64 >= sheet::MAX_CELLS {
            return Err(too_big());
        }
        rows.cells.push(ReadCell { row: r, col: c, text, number });
    }
    Ok(Read { sheets, sheet: chosen, rows })
}

/// The workbook of a spec ([`Workbook::check`]ed first): each sheet with its header row bold and frozen, its
/// column widths, numbers as number cells in their column's format (a percent column's points divided by 100 and
/// shown as `0.00%`), everything in [`FONT`].
pub fn write(spec: &Workbook) -> Result<Vec<u8>, String> {
    spec.check()?;
    let failed = |e: rust_xlsxwriter::XlsxError| format!("สร้างไฟล์ Excel ไม่ได้ ({e})");
    let mut book = rust_xlsxwriter::Workbook::new();
    let base = Format::new().set_font_name(FONT).set_font_size(FONT_SIZE);
    let header = base.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap();
    for s in &spec.sheets {
        let ws = book.add_worksheet();
        ws.set_name(&s.name).map_err(failed)?;
        let formats: Vec<Format> = s
            .columns
            .iter()
            .map(|c| match c.kind.number_format() {
                Some(f) => base.clone().set_num_format(f),
                None => base.clone(),
            })
            .collect();
        for (c, col) in s.columns.iter().enumerate() {
            let c = c as u16;
            ws.set_column_width(c, f64::from(col.width)).map_err(failed)?;
            ws.write_string_with_format(0, c, &col.header, &header).map_err(failed)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let (kind, format) = (s.columns[c].kind, &formats[c]);
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string_with_format(r, c, t, format).map_err(failed)?;
                    }
                    Cell::Number(n) => {
                        let v: f64 = n.parse().map_err(|_| format!("\"{n}\" ไม่ใช่ตัวเลข"))?;
                        let v = if matches!(kind, Kind::Percent(_)) { v / 100.0 } else { v };
                        ws.write_number_with_format(r, c, v, format).map_err(failed)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sheet::{Column, Sheet};

    fn spec() -> Workbook {
        let col = |h: &str, kind| Column { header: h.into(), kind, width: 12 };
        Workbook {
            sheets: vec![
                Sheet {
                    name: "ตามสาขางาน".into(),
                    columns: vec![
                        col("สาขางาน", Kind::Text),
                        col("จำนวน", Kind::Integer),
                        col("ค่า p", Kind::Decimal(2)),
                        col("ร้อยละ", Kind::Percent(2)),
                    ],
                    rows: vec![
                        vec![Cell::text("ยานยนต์, ช่างกล"), Cell::number(120), Cell::number("0.45"), Cell::number("85.5")],
                        vec![Cell::text("=SUM(A1)"), Cell::Empty, Cell::number("-0.1"), Cell::number("100")],
                        vec![Cell::text("บรรทัด\nสอง"), Cell::number("1310100001")],
                    ],
                },
                Sheet { name: "ว่าง".into(), columns: vec![col("ก", Kind::Text)], rows: vec![] },
            ],
        }
    }

    #[test]
    fn a_written_workbook_reads_back_as_the_same_data() {
        let bytes = write(&spec()).unwrap();
        let first = read("x.xlsx", &bytes, None).unwrap();
        assert_eq!(first.sheets, ["ตามสาขางาน", "ว่าง"]);
        assert_eq!(first.sheet, "ตามสาขางาน");
        let parsed = crate::domain::csv::parse(&first.rows.to_csv()).unwrap();
        let rows: Vec<Vec<String>> = parsed.into_iter().map(|r| r.fields).collect();
        assert_eq!(
            rows,
            [
                vec!["สาขางาน", "จำนวน", "ค่า p", "ร้อยละ"],
                // A percent cell keeps the fraction (shown 85.50%).
                vec!["ยานยนต์, ช่างกล", "120", "0.45", "0.855"],
                // Text stays text, never a formula.
                vec!["=SUM(A1)", "", "-0.1", "1"],
                vec!["บรรทัด สอง", "1310100001", "", ""],
            ]
        );
        let second = read("x.xlsx", &bytes, Some("ว่าง")).unwrap();
        assert_eq!(second.rows.to_csv(), "ก\n");
        let numbers = first.rows.cells.iter().filter(|c| c.number).map(|c| c.text.as_str()).collect::<Vec<_>>();
        assert_eq!(numbers, ["120", "0.45", "0.855", "-0.1", "1", "1310100001"], "numbers are number cells, text is text");
        assert_eq!(read("x.xlsx", &bytes, Some("ไม่มี")).unwrap_err(), "x.xlsx: ไม่มีแผ่นงาน \"ไม่มี\"");
    }

    #[test]
    fn a_bad_spec_is_refused_before_writing() {
        let mut s = spec();
        s.sheets[0].rows[0][1] = Cell::Number("12a".into());
        assert!(write(&s).unwrap_err().contains("ไม่ใช่ตัวเลข"));
    }

    #[test]
    fn what_is_not_a_workbook_or_too_big_is_refused_in_thai() {
        let e = read("a.xlsx", b"level,code\n1,2\n", None).unwrap_err();
        assert_eq!(e, "a.xlsx: ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย ไม่ได้นำเข้าข้อมูลใด");
        let mut bytes = write(&spec()).unwrap();
        bytes.truncate(bytes.len() / 2);
        assert!(read("b.xlsx", &bytes, None).unwrap_err().contains("ไม่ใช่ไฟล์ Excel"));
        // A zip that is not a workbook.
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, b"hi").unwrap();
        let other = z.finish().unwrap().into_inner();
        assert!(read("c.xlsx", &other, None).unwrap_err().contains("ไม่ใช่ไฟล์ Excel"));
        // Past the cell limit: one cell far down and right makes the used area too big.
        let far = Workbook {
            sheets: vec![Sheet {
                name: "a".into(),
                columns: vec![Column { header: "h".into(), kind: Kind::Text, width: 8 }],
                rows: vec![],
            }],
        };
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "h").unwrap();
        ws.write_string(100_000, 100, "far").unwrap();
        let big = book.save_to_buffer().unwrap();
        let e = read("d.xlsx", &big, None).unwrap_err();
        assert!(e.contains("3000000 ช่อง"), "{e}");
        assert!(write(&far).is_ok());
        // A file over the size limit is refused before it is opened.
        let huge = vec![0u8; sheet::MAX_FILE_BYTES + 1];
        assert!(read("e.xlsx", &huge, None).unwrap_err().contains("ไฟล์ใหญ่เกิน 30 MB"));
    }

    #[test]
    fn a_formula_error_cell_is_refused_naming_its_row_and_column() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "a").unwrap();
        ws.write_formula(2, 1, rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let e = read("f.xlsx", &bytes, None).unwrap_err();
        assert!(e.starts_with("f.xlsx: แถว 3 คอลัมน์ 2: ช่องนี้มีข้อผิดพลาดของสูตร"), "{e}");
    }
}
