//! A spreadsheet as rows of text, first row as headers: CSV as people and Excel write it (quoted fields with
//! commas and line breaks inside, a UTF-8 byte-order mark, CRLF, semicolons or tabs between fields, Windows-1252
//! text from older Excel) or the first sheet of an XLSX workbook.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// Why a file could not be read as a sheet. Each message says what to do.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SheetError {
    #[error("The file is empty: it needs a first row of column names and at least one row below it.")]
    Empty,
    #[error("The file has column names but no rows below them.")]
    NoRows,
    #[error("Line {row} could not be read as CSV: {reason}. Check the quotes on that line.")]
    Csv { row: u64, reason: String },
    #[error("The workbook could not be opened ({0}). Save it again from your spreadsheet program as .xlsx, or as CSV UTF-8.")]
    Xlsx(String),
    #[error("The workbook has no sheets.")]
    NoSheet,
}

/// One row of the sheet: the number a spreadsheet program shows for it, and a cell per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

const XLSX_MAGIC: &[u8] = b"PK\x03\x04";

impl Sheet {
    /// Reads an XLSX workbook (by its content, whatever the file is called) or else CSV.
    pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
        if bytes.starts_with(XLSX_MAGIC) {
            Sheet::from_xlsx(bytes)
        } else {
            Sheet::from_csv(bytes)
        }
    }

    pub fn from_csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            // Not UTF-8: what Excel on Windows writes for "CSV" is Windows-1252.
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter(text))
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let headers = loop {
            match records.next() {
                None => return Err(SheetError::Empty),
                Some(Err(e)) => return Err(csv_error(e)),
                Some(Ok(r)) if is_blank(r.iter()) => continue,
                Some(Ok(r)) => break r.iter().map(str::to_string).collect::<Vec<_>>(),
            }
        };
        let mut rows = Vec::new();
        let mut lines = LineCounter::default();
        for record in records {
            let record = record.map_err(csv_error)?;
            if is_blank(record.iter()) {
                continue;
            }
            let number = lines.line_at(text.as_bytes(), record.position().map_or(0, |p| p.byte() as usize));
            rows.push(Row { number, cells: record.iter().map(str::to_string).collect() });
        }
        // The CSV reader takes a quote left open as running to the end of the file, swallowing the lines after it
        // into one cell: say so instead. (A lone quote inside a cell, as in 12" pizza, is fine.)
        let runaway = rows.last().is_some_and(|r| r.cells.iter().any(|c| c.contains('\n')));
        if runaway && text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
            let row = rows.last().map_or(1, |r| r.number);
            return Err(SheetError::Csv { row, reason: "a quote (\") is opened but never closed".into() });
        }
        Sheet::finish(headers, rows)
    }

    pub fn from_xlsx(bytes: &[u8]) -> Result<Sheet, SheetError> {
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map_err(|e: calamine::XlsxError| SheetError::Xlsx(e.to_string()))?;
        let range =
            workbook.worksheet_range_at(0).ok_or(SheetError::NoSheet)?.map_err(|e| SheetError::Xlsx(e.to_string()))?;
        let first_row = range.start().map_or(0, |(r, _)| r as u64);
        let mut lines = range.rows().enumerate().map(|(i, cells)| (first_row + i as u64 + 1, cells));
        let headers = loop {
            match lines.next() {
                None => return Err(SheetError::Empty),
                Some((_, cells)) if is_blank(cells.iter().map(cell_text)) => continue,
                Some((_, cells)) => break cells.iter().map(|c| cell_text(c).into_owned()).collect::<Vec<_>>(),
            }
        };
        let rows = lines
            .filter(|(_, cells)| !is_blank(cells.iter().map(cell_text)))
            .map(|(number, cells)| Row { number, cells: cells.iter().map(|c| cell_text(c).into_owned()).collect() })
            .collect();
        Sheet::finish(headers, rows)
    }

    /// Trims and de-duplicates the column names, and gives every row one cell per column.
    fn finish(headers: Vec<String>, mut rows: Vec<Row>) -> Result<Sheet, SheetError> {
        let mut names: Vec<String> = Vec::with_capacity(headers.len());
        for (i, header) in headers.iter().enumerate() {
            let base = match header.trim() {
                "" => format!("Column {}", i + 1),
                name => name.to_string(),
            };
            let mut name = base.clone();
            let mut n = 2;
            while names.contains(&name) {
                name = format!("{base} ({n})");
                n += 1;
            }
            names.push(name);
        }
        let width = names.len().max(rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
        while names.len() < width {
            names.push(format!("Column {}", names.len() + 1));
        }
        for row in &mut rows {
            row.cells.resize(width, String::new());
        }
        if rows.is_empty() {
            return Err(SheetError::NoRows);
        }
        Ok(Sheet { headers: names, rows })
    }

    /// The column called `name`, if any.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Line numbers of records, counted as the file goes (records come in order), so a line break inside a quoted
/// cell counts as it does in a text editor.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// The line where the record whose reading starts at `byte` begins (after the line breaks before it).
    fn line_at(&mut self, text: &[u8], mut byte: usize) -> u64 {
        while byte < text.len() && matches!(text[byte], b'\r' | b'\n') {
            byte += 1;
        }
        self.line += text[self.offset..byte].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = byte;
        self.line + 1
    }
}

fn csv_error(e: csv::Error) -> SheetError {
    let row = e.position().map_or(0, |p| p.line());
    SheetError::Csv { row, reason: e.to_string() }
}

fn is_blank<'a, S: AsRef<str> + 'a>(mut cells: impl Iterator<Item = S>) -> bool {
    cells.all(|c| c.as_ref().trim().is_empty())
}

/// The separator of the header line: a comma unless semicolons (Excel in many countries) or tabs are used instead.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    match [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))].into_iter().max_by_key(|(_, n)| *n) {
        Some((d, n)) if n > 0 => d,
        _ => b',',
    }
}

/// A cell as the text a person sees: whole numbers without ".0" (account and phone numbers are often numbers).
fn cell_text(cell: &Data) -> std::borrow::Cow<'_, str> {
    match cell {
        Data::String(s) => s.as_str().into(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", *f as i64).into(),
        Data::Empty => "".into(),
        other => other.to_string().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_found_from_the_header_line() {
        assert_eq!(delimiter("pan,name\n"), b',');
        assert_eq!(delimiter("\n\npan;name;city\n"), b';');
        assert_eq!(delimiter("pan\tname\n"), b'\t');
        assert_eq!(delimiter("pan\n"), b',');
    }
}
