//! Comma-separated values as spreadsheets write them (RFC 4180): fields may be quoted with `"`, a quote inside a
//! quoted field is doubled, and a quoted field may hold commas and line breaks. Used for every CSV import (each record
//! keeps the line number it started on, so errors can name the line) and export (with a UTF-8 byte-order mark, so
//! Excel opens Thai text correctly).

/// One record of a CSV text: the 1-based line it starts on and its fields (unquoted, not trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits `text` into records. A leading byte-order mark is dropped, `\r\n` and `\n` both end a line, and lines that
/// are entirely empty are skipped. The only error is a quote left open at the end of the text (named by the line the
/// field started on).
pub fn parse(text: &str) -> Result<Vec<CsvRecord>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut quote_line = 0;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    let mut finish = |fields: &mut Vec<String>, field: &mut String, start: usize| {
        fields.push(std::mem::take(field));
        let done = std::mem::take(fields);
        if !(done.len() == 1 && done[0].trim().is_empty()) {
            records.push(CsvRecord { line: start, fields: done });
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                finish(&mut fields, &mut field, start_line);
                line += 1;
                start_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!("บรรทัด {quote_line}: เครื่องหมายคำพูด (\") เปิดไว้แต่ไม่ได้ปิด"));
    }
    if !field.is_empty() || !fields.is_empty() {
        finish(&mut fields, &mut field, start_line);
    }
    Ok(records)
}

/// One field written for CSV: quoted when it holds a comma, quote or line break, or starts with a character a
/// spreadsheet would read as a formula (`=`, `+`, `-`, `@`), which is then prefixed with `'`.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
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
    fn an_open_quote_is_an_error_naming_its_line() {
        assert_eq!(parse("a\n\"open,b\nc").unwrap_err(), "บรรทัด 2: เครื่องหมายคำพูด (\") เปิดไว้แต่ไม่ได้ปิด");
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
