//! A spreadsheet as rows of text, first row as headers: CSV as people and Excel write it (quoted fields with
//! commas and line breaks inside, a UTF-8 byte-order mark, CRLF, semicolons or tabs between fields, Windows-1252
//! text from older Excel) or the first sheet of an XLSX workbook.

use std::collections::{HashMap, HashSet};

use calamine::Data;

use crate::limits::{self, thousands};

/// Why a file could not be read as a sheet. Each message says what to do; each limit's message names the limit.
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
    #[error("This is an old Excel workbook (.xls) or one with a password. Save it from Excel as .xlsx without a password, or as CSV UTF-8.")]
    OldOrProtected,
    #[error("The file is {megabytes} MB, more than the {max} MB a sheet may be. Split it into smaller files and run each one.", max = limits::MAX_FILE_BYTES / limits::MB)]
    FileTooLarge { megabytes: u64 },
    #[error("{place}: more than the {max} columns a sheet may have (as in Excel). Delete what is to the right of your last column, or check the separators and quotes on that line.", max = thousands(limits::MAX_COLUMNS as u64))]
    TooManyColumns { place: String },
    #[error("{place}: more than the {max} rows a sheet may have (as in Excel). Split it into smaller files and run each one.", max = thousands(limits::MAX_ROWS as u64))]
    TooManyRows { place: String },
    #[error("The sheet is {rows} rows by {columns} columns: more than the {max} cells a sheet may have (every row is as wide as the widest). Delete stray cells far to the right or below your data, or split the file.", rows = thousands(*rows as u64), columns = thousands(*columns as u64), max = thousands(limits::MAX_CELLS as u64))]
    TooManyCells { rows: usize, columns: usize },
    #[error("{place} has more than the {max} characters a cell may hold (as in Excel). If a quote (\") on that line is never closed, close it; otherwise shorten the cell.", max = thousands(limits::MAX_CELL_CHARS as u64))]
    CellTooLong { place: String },
    #[error("The workbook unpacks to more than {max} MB, the most a workbook may unpack to. Save the sheet as CSV UTF-8, or split it into smaller workbooks.", max = limits::MAX_UNPACKED_BYTES / limits::MB)]
    Unpacked,
    #[error("The workbook holds more than {max} parts (a workbook of data has a dozen or so), so it is damaged or not a workbook. Save it again from your spreadsheet program as .xlsx, or as CSV UTF-8.", max = thousands(limits::MAX_ZIP_ENTRIES as u64))]
    TooManyParts,
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
/// What an old .xls workbook, and an .xlsx with a password, begin with (an OLE compound file).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

impl Sheet {
    /// Reads an XLSX workbook (by its content, whatever the file is called) or else CSV.
    pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
        if bytes.starts_with(XLSX_MAGIC) {
            Sheet::from_xlsx(bytes)
        } else if bytes.starts_with(OLE_MAGIC) {
            Err(SheetError::OldOrProtected)
        } else {
            Sheet::from_csv(bytes)
        }
    }

    pub fn from_csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
        limits::check_file_size(bytes.len() as u64)?;
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
        let mut lines = LineCounter::default();
        let headers = loop {
            match records.next() {
                None => return Err(SheetError::Empty),
                Some(Err(e)) => return Err(csv_error(e)),
                Some(Ok(r)) if is_blank(r.iter()) => continue,
                Some(Ok(r)) => {
                    let number = lines.line_at(text.as_bytes(), r.position().map_or(0, |p| p.byte() as usize));
                    break csv_cells(&r, number)?;
                }
            }
        };
        let mut rows = Vec::new();
        let mut width = headers.len();
        for record in records {
            let record = record.map_err(csv_error)?;
            if is_blank(record.iter()) {
                continue;
            }
            let number = lines.line_at(text.as_bytes(), record.position().map_or(0, |p| p.byte() as usize));
            if rows.len() + 1 >= limits::MAX_ROWS {
                return Err(SheetError::TooManyRows { place: format!("Line {number} is one row too many") });
            }
            let cells = csv_cells(&record, number)?;
            width = width.max(cells.len());
            // Checked as the rows come: one very wide row would make every row that wide.
            if (rows.len() + 1).saturating_mul(width) > limits::MAX_CELLS {
                return Err(SheetError::TooManyCells { rows: rows.len() + 1, columns: width });
            }
            rows.push(Row { number, cells });
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

    /// Reads the first sheet of an XLSX workbook. Its parts are unpacked once to count their size, before the
    /// workbook is opened, and its cells are read one at a time, each checked against the limits.
    pub fn from_xlsx(bytes: &[u8]) -> Result<Sheet, SheetError> {
        limits::check_file_size(bytes.len() as u64)?;
        let (headers, rows) = crate::xlsx::read_first_sheet(bytes)?;
        Sheet::finish(headers, rows)
    }

    /// Trims and de-duplicates the column names, and gives every row one cell per column.
    pub(crate) fn finish(headers: Vec<String>, mut rows: Vec<Row>) -> Result<Sheet, SheetError> {
        let width = headers.len().max(rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
        // The readers check as they go; this is the last word before every row is made this wide.
        limits::check_grid(rows.len(), width)?;
        for row in &mut rows {
            row.cells.resize(width, String::new());
        }
        if rows.is_empty() {
            return Err(SheetError::NoRows);
        }
        Ok(Sheet { headers: column_names(&headers, width), rows })
    }

    /// The column called `name`, if any.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// `width` column names from the header row: trimmed, "Column N" where there is none, and a name met again
/// numbered ("PAN (2)"). Linear time: each base name remembers the next number to try.
fn column_names(headers: &[String], width: usize) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::with_capacity(width);
    let mut next_number: HashMap<String, usize> = HashMap::new();
    let mut names = Vec::with_capacity(width);
    for i in 0..width {
        let base = match headers.get(i).map(|h| h.trim()) {
            None | Some("") => format!("Column {}", i + 1),
            Some(name) => name.to_string(),
        };
        let name = if used.contains(&base) {
            // Each (base, number) is tried once at most, so all the tries together are fewer than twice the names.
            let n = next_number.entry(base.clone()).or_insert(2);
            loop {
                let candidate = format!("{base} ({n})");
                *n += 1;
                if !used.contains(&candidate) {
                    break candidate;
                }
            }
        } else {
            base
        };
        used.insert(name.clone());
        names.push(name);
    }
    names
}

/// A CSV record's cells, each within the limits: no more columns than a sheet may have, no cell too long.
fn csv_cells(record: &csv::StringRecord, line: u64) -> Result<Vec<String>, SheetError> {
    if record.len() > limits::MAX_COLUMNS {
        let place = format!("Line {line} has {} cells", thousands(record.len() as u64));
        return Err(SheetError::TooManyColumns { place });
    }
    record
        .iter()
        .map(|cell| {
            check_cell_length(cell, || format!("A cell on line {line}"))?;
            Ok(cell.to_string())
        })
        .collect()
}

/// A cell holds no more characters than a cell may (`place` says where, for the message).
pub(crate) fn check_cell_length(cell: &str, place: impl FnOnce() -> String) -> Result<(), SheetError> {
    // Bytes first: never fewer than characters, so most cells are passed without counting.
    if cell.len() > limits::MAX_CELL_CHARS && cell.chars().count() > limits::MAX_CELL_CHARS {
        return Err(SheetError::CellTooLong { place: place() });
    }
    Ok(())
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

pub(crate) fn is_blank<'a, S: AsRef<str> + 'a>(mut cells: impl Iterator<Item = S>) -> bool {
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
pub(crate) fn cell_text(cell: &Data) -> std::borrow::Cow<'_, str> {
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
