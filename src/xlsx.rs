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
    let not_xlsx = || refuse(NOT_XLSX.into());
    // What the parts would decompress to, by the zip directory, before anything is decompressed (a zip bomb is
    // refused here). A part that inflates to more than it declares is cut off there by `zip` itself (its reader
    // fails past the declared size), so these sizes bound what any part inflates to.
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
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| not_xlsx())?;
        let path = part.name().map_err(|_| not_xlsx())?.into_owned();
        if let Some(kind) = Held::of(&path) {
            kind.check(&path, part).map_err(refuse)?;
        }
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|_| not_xlsx())
}

const NOT_XLSX: &str = "ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย ไม่ได้นำเข้าข้อมูลใด";

/// The most cell formats, fonts, fills, borders or number formats of a workbook read (each counted on its own):
/// Excel's own limit on a workbook's cell formats.
const MAX_STYLES: u64 = 65_490;

/// The parts calamine reads whole when it opens a workbook, keeping something per element: the shared strings (a
/// `String` each, after reserving room for as many as the part's `uniqueCount` says) and the styles (a style, font,
/// fill, border or number format each, with its own allocations). Their declared sizes bound the bytes, not what is
/// built from them: a few bytes of `uniqueCount="50000000"` reserve over 1 GB, 300 MB of `<xf/>` would be 60 million
/// styles. So each is read through once before calamine opens the workbook (streamed, as calamine's own XML reader
/// sees it) and refused past [`sheet::MAX_CELLS`] strings or [`MAX_STYLES`] of any kind of style. (The sheet itself
/// is streamed and capped cell by cell in [`read`]; the workbook's and relationships' parts keep a few strings per
/// element, about the size of the element's own text.)
#[derive(Clone, Copy)]
enum Held {
    Strings,
    Styles,
}

impl Held {
    /// The kind of a part by its path as calamine finds it (any folder, any case, `\` or `/`).
    fn of(path: &str) -> Option<Held> {
        let path = path.to_ascii_lowercase();
        if path.ends_with("sharedstrings.xml") {
            Some(Held::Strings)
        } else if path.ends_with("styles.xml") {
            Some(Held::Styles)
        } else {
            None
        }
    }

    /// The part `path` read through, refused (in Thai, naming the part) when it holds or declares too many of its
    /// elements, when it does not inflate (or inflates past its declared size), or is not XML.
    fn check(self, path: &str, part: impl std::io::Read) -> Result<(), String> {
        use quick_xml::events::Event;
        const COUNTED: [&str; 5] = ["xf", "font", "fill", "border", "numFmt"];
        let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
        let config = xml.config_mut();
        (config.check_end_names, config.check_comments) = (false, false);
        let (mut buf, mut counts) = (Vec::new(), [0u64; COUNTED.len()]);
        let too_many = |what: String| format!("ส่วน {path} {what} ไม่ได้นำเข้าข้อมูลใด");
        loop {
            buf.clear();
            let e = match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => e,
                Ok(Event::Eof) => return Ok(()),
                Ok(_) => continue,
                Err(quick_xml::Error::Io(_)) => {
                    return Err(format!("ส่วน {path} ของไฟล์แตกออกไม่ได้ หรือใหญ่กว่าขนาดที่ไฟล์ระบุไว้ ไม่ได้นำเข้าข้อมูลใด"));
                }
                Err(_) => return Err(NOT_XLSX.into()),
            };
            let name = e.local_name();
            match self {
                Held::Strings if name.as_ref() == "sst" => {
                    let declared = e.try_get_attribute("uniqueCount").map_err(|_| NOT_XLSX.to_string())?;
                    let digits = declared.as_ref().map_or(&[][..], |a| a.value.as_bytes());
                    let digits = digits.strip_prefix(b"+").unwrap_or(digits);
                    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
                        let n = digits.iter().fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')));
                        if n > sheet::MAX_CELLS {
                            return Err(too_many(format!("ระบุข้อความ {n} ข้อความ เกิน {} ที่รับได้", sheet::MAX_CELLS)));
                        }
                    }
                }
                Held::Strings if name.as_ref() == "si" => {
                    counts[0] += 1;
                    if counts[0] > sheet::MAX_CELLS {
                        return Err(too_many(format!("มีข้อความเกิน {} ข้อความที่รับได้", sheet::MAX_CELLS)));
                    }
                }
                Held::Strings => {}
                Held::Styles => {
                    if let Some(k) = COUNTED.iter().position(|c| *c == name.as_ref()) {
                        counts[k] += 1;
                        if counts[k] > MAX_STYLES {
                            let kind = COUNTED[k];
                            return Err(too_many(format!("มีรูปแบบ ({kind}) เกิน {MAX_STYLES} รายการที่รับได้")));
                        }
                    }
                }
            }
        }
    }
}

/// Reads sheet `sheet` (the first when `None`) of the workbook `bytes` from the file `name`. Refused, in Thai and
/// naming the file: anything that is not an `.xlsx` workbook, a workbook over the limits of `domain::sheet` (file size,
/// decompressed size, cells), a sheet that is not there, and a cell holding a formula error (naming its row and
/// column).
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Read, String> {
    let refuse = |why: String| format!("{name}: {why}");
    let not_xlsx = || refuse(NOT_XLSX.into());
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

    /// The heap one thread holds, counted by the test binary's allocator, so a test can say how much reading a
    /// crafted workbook allocated at its peak (what a zip bomb would blow up in the spreadsheet worker).
    mod heap {
        use std::alloc::{GlobalAlloc, Layout, System};
        use std::cell::Cell;

        thread_local! {
            static LIVE: Cell<isize> = const { Cell::new(0) };
            static PEAK: Cell<isize> = const { Cell::new(0) };
        }

        struct Counting;

        fn add(n: isize) {
            let _ = LIVE.try_with(|live| {
                let now = live.get() + n;
                live.set(now);
                let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
            });
        }

        // SAFETY: every call is passed to the system allocator unchanged; the counting touches thread-local cells
        // with constant initialisers (no allocation, no destructor).
        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                let p = unsafe { System.alloc(layout) };
                if !p.is_null() {
                    add(layout.size() as isize);
                }
                p
            }
            unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
                let p = unsafe { System.alloc_zeroed(layout) };
                if !p.is_null() {
                    add(layout.size() as isize);
                }
                p
            }
            unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
                unsafe { System.dealloc(p, layout) };
                add(-(layout.size() as isize));
            }
            unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
                let q = unsafe { System.realloc(p, layout, size) };
                if !q.is_null() {
                    add(size as isize - layout.size() as isize);
                }
                q
            }
        }

        #[global_allocator]
        static COUNTING: Counting = Counting;

        /// `f`'s result and the most heap this thread held at once while it ran, above what it held before (MB).
        pub fn peak_mb<T>(f: impl FnOnce() -> T) -> (T, isize) {
            let base = LIVE.with(Cell::get);
            PEAK.with(|p| p.set(base));
            let out = f();
            (out, (PEAK.with(Cell::get) - base) / (1024 * 1024))
        }
    }

    /// A raw deflate stream (one block, fixed Huffman codes) of each `(pattern, times)` in turn: the pattern once as
    /// literals, then copies of it 258 bytes at a time, so hundreds of MB cost a few MB and a fraction of a second.
    fn deflate(runs: &[(&[u8], u64)]) -> Vec<u8> {
        #[derive(Default)]
        struct Bits {
            out: Vec<u8>,
            acc: u8,
            n: u8,
        }
        impl Bits {
            fn put(&mut self, v: u32, len: u32) {
                for i in 0..len {
                    self.acc |= (((v >> i) & 1) as u8) << self.n;
                    self.n += 1;
                    if self.n == 8 {
                        self.out.push(self.acc);
                        (self.acc, self.n) = (0, 0);
                    }
                }
            }
            fn huffman(&mut self, code: u32, len: u32) {
                for i in (0..len).rev() {
                    self.put((code >> i) & 1, 1);
                }
            }
            fn literal(&mut self, b: u8) {
                match b {
                    0..=143 => self.huffman(0x30 + u32::from(b), 8),
                    _ => self.huffman(0x190 + u32::from(b - 144), 9),
                }
            }
        }
        // Distance codes 0–9 (distances 1–32): the first distance of each and its extra bits.
        const BASE: [u32; 10] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25];
        const EXTRA: [u32; 10] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3];
        let mut bits = Bits::default();
        bits.put(1, 1); // the last block
        bits.put(1, 2); // fixed Huffman codes
        for &(pattern, times) in runs {
            pattern.iter().for_each(|&b| bits.literal(b));
            let dist = pattern.len() as u32;
            assert!(times == 1 || (1..=32).contains(&dist));
            let code = BASE.iter().rposition(|&b| b <= dist).unwrap_or(0);
            let mut left = (times - 1) * u64::from(dist);
            while left >= 258 {
                bits.huffman(0b1100_0101, 8); // length 258
                bits.huffman(code as u32, 5);
                bits.put(dist - BASE[code], EXTRA[code]);
                left -= 258;
            }
            let done = (times - 1) * u64::from(dist) - left;
            (0..left).for_each(|k| bits.literal(pattern[((done + k) % u64::from(dist)) as usize]));
        }
        bits.huffman(0, 7); // end of block
        bits.put(0, 7);
        bits.out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        !bytes.iter().fold(!0u32, |mut c, &b| {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
            }
            c
        })
    }

    /// One entry of a zip written by hand: its name, method (0 stored, 8 deflated), bytes as stored, and the
    /// inflated size and CRC-32 it declares (both free to lie).
    struct Entry {
        name: String,
        method: u16,
        data: Vec<u8>,
        size: u32,
        crc: u32,
    }

    impl Entry {
        fn stored(name: &str, data: &[u8]) -> Entry {
            Entry { name: name.into(), method: 0, data: data.to_vec(), size: data.len() as u32, crc: crc32(data) }
        }
        /// `prefix`, `fill` repeated `times`, `suffix`, deflated, declaring `size` (and a CRC nobody computed: a
        /// reader that gets to the end of it refuses it anyway).
        fn bomb(name: &str, prefix: &str, fill: &str, times: u64, suffix: &str, size: u32) -> Entry {
            let data = deflate(&[(prefix.as_bytes(), 1), (fill.as_bytes(), times), (suffix.as_bytes(), 1)]);
            Entry { name: name.into(), method: 8, data, size, crc: 0 }
        }
        fn honest_size(prefix: &str, fill: &str, times: u64, suffix: &str) -> u32 {
            (prefix.len() as u64 + fill.len() as u64 * times + suffix.len() as u64).try_into().unwrap()
        }
    }

    fn zip_of(entries: &[Entry]) -> Vec<u8> {
        let (mut out, mut dir) = (Vec::new(), Vec::new());
        for e in entries {
            let offset = out.len() as u32;
            let common = |v: &mut Vec<u8>| {
                v.extend(20u16.to_le_bytes()); // version needed
                v.extend(0u16.to_le_bytes()); // flags
                v.extend(e.method.to_le_bytes());
                v.extend(0u16.to_le_bytes()); // time
                v.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
                v.extend(e.crc.to_le_bytes());
                v.extend((e.data.len() as u32).to_le_bytes());
                v.extend(e.size.to_le_bytes());
                v.extend((e.name.len() as u16).to_le_bytes());
                v.extend(0u16.to_le_bytes()); // extra field
            };
            out.extend(0x0403_4b50u32.to_le_bytes());
            common(&mut out);
            out.extend(e.name.as_bytes());
            out.extend(&e.data);
            dir.extend(0x0201_4b50u32.to_le_bytes());
            dir.extend(20u16.to_le_bytes()); // made by
            common(&mut dir);
            dir.extend([0u8; 8]); // comment length, disk, internal and external attributes
            dir.extend([0u8; 2]);
            dir.extend(offset.to_le_bytes());
            dir.extend(e.name.as_bytes());
        }
        let (at, len, n) = (out.len() as u32, dir.len() as u32, entries.len() as u16);
        out.extend(dir);
        out.extend(0x0605_4b50u32.to_le_bytes());
        out.extend([0u8; 4]);
        out.extend(n.to_le_bytes());
        out.extend(n.to_le_bytes());
        out.extend(len.to_le_bytes());
        out.extend(at.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    /// The parts of a real workbook (the test spec's, as `write` makes it), stored, with some replaced.
    fn workbook_with(replaced: Vec<Entry>) -> Vec<u8> {
        let real = write(&spec()).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(&real)).unwrap();
        let mut entries: Vec<Entry> = (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut part, &mut data).unwrap();
                Entry::stored(&part.name().unwrap(), &data)
            })
            .collect();
        for r in replaced {
            let at = entries.iter().position(|e| e.name == r.name).expect("a part of the real workbook");
            entries[at] = r;
        }
        zip_of(&entries)
    }

    const STRINGS: &str = "xl/sharedStrings.xml";
    const SHEET: &str = "xl/worksheets/sheet1.xml";
    const STYLES: &str = "xl/styles.xml";
    const SST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;
    const WS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#;
    const MB: u64 = 1024 * 1024;

    #[test]
    fn the_crafted_zips_of_these_tests_are_read_as_real_workbooks() {
        // The hand-made zip of the real parts reads like the real workbook, and so does one whose shared strings are
        // deflated by the bomb-maker (honestly: literals, and a run copied by distance).
        let real = write(&spec()).unwrap();
        let original = read("x.xlsx", &real, None).unwrap();
        assert_eq!(read("x.xlsx", &workbook_with(vec![]), None).unwrap(), original);
        let mut text = String::new();
        let mut zip = zip::ZipArchive::new(Cursor::new(&real)).unwrap();
        std::io::Read::read_to_string(&mut zip.by_name(STRINGS).unwrap(), &mut text).unwrap();
        let (head, tail) = text.split_at(text.find("</sst>").unwrap());
        let padded = format!("{head}<si><t>{}</t></si>{tail}", "กข".repeat(1000));
        let deflated = Entry {
            name: STRINGS.into(),
            method: 8,
            data: deflate(&[(format!("{head}<si><t>").as_bytes(), 1), ("กข".as_bytes(), 1000), (format!("</t></si>{tail}").as_bytes(), 1)]),
            size: padded.len() as u32,
            crc: crc32(padded.as_bytes()),
        };
        assert_eq!(read("x.xlsx", &workbook_with(vec![deflated]), None).unwrap(), original);
    }

    #[test]
    fn a_workbook_whose_parts_declare_more_than_the_limit_together_is_refused_before_any_is_inflated() {
        // Two real zip bombs, each 160 MB of one letter when inflated (each under the limit, together over it),
        // 2.6 MB of file in all.
        let n = 160 * MB;
        let strings = Entry::bomb(STRINGS, SST, "a", n, "</sst>", Entry::honest_size(SST, "a", n, "</sst>"));
        let sheet = Entry::bomb(SHEET, WS, "a", n, "</t></is></c></row></sheetData></worksheet>", 0);
        let sheet = Entry { size: Entry::honest_size(WS, "a", n, "</t></is></c></row></sheetData></worksheet>"), ..sheet };
        let bytes = workbook_with(vec![strings, sheet]);
        assert!(bytes.len() < sheet::MAX_FILE_BYTES);
        let (e, peak) = heap::peak_mb(|| read("bomb.xlsx", &bytes, None).unwrap_err());
        assert!(peak < 4, "{peak} MB held while refusing it");
        assert_eq!(e, "bomb.xlsx: ข้อมูลในไฟล์เมื่อแตกออกใหญ่เกิน 300 MB ที่รับได้ ไม่ได้นำเข้าข้อมูลใด");
        let names = heap::peak_mb(|| read_sheet_names("bomb.xlsx", &bytes).unwrap_err()).0;
        assert_eq!(names, e);
    }

    #[test]
    fn a_part_that_inflates_past_its_declared_size_is_cut_off_there() {
        // 300 MB of one letter, declared as 4 KB: in the shared strings (which the reader keeps whole, one string
        // of 300 MB) and in the sheet (which it streams). `zip` stops each at its declared size.
        let n = 300 * MB;
        let strings = Entry::bomb(STRINGS, &format!("{SST}<si><t>"), "a", n, "</t></si></sst>", 4096);
        let bytes = workbook_with(vec![strings]);
        let (e, peak) = heap::peak_mb(|| read("lie.xlsx", &bytes, None).unwrap_err());
        assert!(peak < 4, "{peak} MB held while refusing it");
        assert_eq!(
            e,
            "lie.xlsx: ส่วน xl/sharedStrings.xml ของไฟล์แตกออกไม่ได้ หรือใหญ่กว่าขนาดที่ไฟล์ระบุไว้ ไม่ได้นำเข้าข้อมูลใด"
        );
        let sheet = Entry::bomb(SHEET, WS, "a", n, "</t></is></c></row></sheetData></worksheet>", 4096);
        let bytes = workbook_with(vec![sheet]);
        let (e, peak) = heap::peak_mb(|| read("lie.xlsx", &bytes, None).unwrap_err());
        assert!(peak < 4, "{peak} MB held while refusing it");
        assert_eq!(e, "lie.xlsx: ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย ไม่ได้นำเข้าข้อมูลใด");
    }

    #[test]
    fn shared_strings_and_styles_past_what_the_reader_would_hold_are_refused_before_it_reads_them() {
        // Each within its declared size, but what the reader builds from it is far larger: a count of strings it
        // reserves room for, millions of empty strings, a million styles from 5 MB of `<xf/>`.
        let refused = |part: Entry| heap::peak_mb(|| read("s.xlsx", &workbook_with(vec![part]), None).unwrap_err());
        let lying_count = SST.replace("<sst ", "<sst uniqueCount=\"50000000\" ");
        let (e, peak) = refused(Entry::stored(STRINGS, format!("{lying_count}<si><t>a</t></si></sst>").as_bytes()));
        assert!(peak < 4, "{peak} MB held while refusing it");
        assert_eq!(e, "s.xlsx: ส่วน xl/sharedStrings.xml ระบุข้อความ 50000000 ข้อความ เกิน 3000000 ที่รับได้ ไม่ได้นำเข้าข้อมูลใด");

        let n = sheet::MAX_CELLS + 1;
        let size = Entry::honest_size(SST, "<si/>", n, "</sst>");
        let (e, peak) = refused(Entry::bomb(STRINGS, SST, "<si/>", n, "</sst>", size));
        assert!(peak < 4, "{peak} MB held while refusing it");
        assert_eq!(e, "s.xlsx: ส่วน xl/sharedStrings.xml มีข้อความเกิน 3000000 ข้อความที่รับได้ ไม่ได้นำเข้าข้อมูลใด");

        let head = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>"#;
        let size = Entry::honest_size(head, "<xf/>", 1_000_000, "</cellXfs></styleSheet>");
        let (e, peak) = refused(Entry::bomb(STYLES, head, "<xf/>", 1_000_000, "</cellXfs></styleSheet>", size));
        assert!(peak < 4, "{peak} MB held while refusing it");
        assert_eq!(e, "s.xlsx: ส่วน xl/styles.xml มีรูปแบบ (xf) เกิน 65490 รายการที่รับได้ ไม่ได้นำเข้าข้อมูลใด");
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
