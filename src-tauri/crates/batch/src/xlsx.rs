//! The first sheet of an XLSX workbook as rows of text, in bounded memory: the workbook's parts are unpacked and
//! counted before calamine opens it (their sizes in the zip are only claims), and cells are read one at a time, each
//! checked against the limits, never through a grid sized by the `<dimension>` the file claims.

use std::collections::BTreeMap;
use std::io::{BufReader, Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Reader, Xlsx, XlsxError};
use quick_xml::events::Event;

use crate::limits::{self, thousands};
use crate::sheet::{cell_text, check_cell_length, is_blank, Row, SheetError};

/// Column names and rows of the first sheet (not yet made one width: `Sheet::finish` does that).
pub(crate) fn read_first_sheet(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), SheetError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(SheetError::Xlsx("it is not a zip archive, which every .xlsx file is".into()));
    }
    check_parts(bytes)?;
    // NOTE: calamine does arithmetic on cell references without checking it (a reference such as "B2:A1" or a
    // column of twenty letters overflows), which panics in a debug build. A damaged file is an error, not a crash.
    match catch_unwind(AssertUnwindSafe(|| read_cells(bytes))) {
        Ok(result) => result,
        Err(_) => Err(SheetError::Xlsx("its contents are damaged".into())),
    }
}

/// Unpacks every part of the workbook, counting the bytes that come out, and stops at the limit; also refuses a
/// shared-strings part that claims more strings than a sheet may have cells (calamine sets room aside for them).
///
/// Every part is counted, not only the ones calamine reads: which part it reads is decided by names inside the
/// workbook, and this way no choice of names can hide a bomb. The same zip code unpacks the same bytes both times.
fn check_parts(bytes: &[u8]) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| SheetError::Xlsx(e.to_string()))?;
    if zip.len() > limits::MAX_ZIP_ENTRIES {
        return Err(SheetError::TooManyParts);
    }
    let mut left = limits::MAX_UNPACKED_BYTES;
    for index in 0..zip.len() {
        // NOTE: a part that cannot be opened or unpacked (damaged, encrypted, an unknown method) is counted as far as
        // it unpacks: calamine fails on it the same way if it needs it, and does not read it otherwise.
        let Ok(mut part) = zip.by_index(index) else { continue };
        let shared_strings = part.name().replace('\\', "/").eq_ignore_ascii_case("xl/sharedStrings.xml");
        let mut limited = (&mut part).take(left + 1);
        if shared_strings {
            check_shared_strings_count(&mut limited)?;
        }
        let _ = std::io::copy(&mut limited, &mut std::io::sink());
        let unpacked = left + 1 - limited.limit();
        if unpacked > left {
            return Err(SheetError::Unpacked);
        }
        left -= unpacked;
    }
    Ok(())
}

/// Reads the shared-strings part up to its `<sst>` element, as calamine does, and refuses a `uniqueCount` larger
/// than a sheet may have cells: calamine reserves room for that many strings before reading any.
fn check_shared_strings_count(part: &mut impl Read) -> Result<(), SheetError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    // As calamine reads it, so the same element is found.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"sst" => {
                for attribute in e.attributes().flatten() {
                    if attribute.key.as_ref() == b"uniqueCount" {
                        return check_claimed_count(&attribute.value);
                    }
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn check_claimed_count(value: &[u8]) -> Result<(), SheetError> {
    let digits: Vec<u8> = value.iter().copied().skip_while(|&b| b == b'+').take_while(u8::is_ascii_digit).collect();
    let claimed = std::str::from_utf8(&digits).ok().and_then(|d| d.parse::<u64>().ok());
    match claimed {
        // Too many digits for a number at all: refused too (it cannot be a real count).
        None if !digits.is_empty() => Err(too_many_strings(u64::MAX)),
        Some(n) if n > limits::MAX_CELLS as u64 => Err(too_many_strings(n)),
        _ => Ok(()),
    }
}

fn too_many_strings(claimed: u64) -> SheetError {
    let claimed = if claimed == u64::MAX { "an impossible number of".to_string() } else { thousands(claimed) };
    SheetError::Xlsx(format!(
        "it says it holds {claimed} different texts, more than the {} cells a sheet may have",
        thousands(limits::MAX_CELLS as u64)
    ))
}

/// A row's cells as they come (sparse), and whether any of them is more than blanks.
#[derive(Default)]
struct SparseRow {
    cells: Vec<(u32, String)>,
    width: usize,
    has_text: bool,
}

fn read_cells(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), SheetError> {
    let xlsx_error = |e: XlsxError| SheetError::Xlsx(e.to_string());
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(xlsx_error)?;
    let name = workbook.sheet_names().into_iter().next().ok_or(SheetError::NoSheet)?;
    let mut reader = match workbook.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        // A chart as the first sheet: no cells, as calamine's own range would say.
        Err(XlsxError::NotAWorksheet(_)) => return Err(SheetError::Empty),
        Err(e) => return Err(xlsx_error(e)),
    };
    let mut rows: BTreeMap<u32, SparseRow> = BTreeMap::new();
    let (mut stored, mut rows_with_text, mut width) = (0usize, 0usize, 0usize);
    while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
        let (row, column) = cell.get_position();
        let data = Data::from(cell.get_value().clone());
        let text = cell_text(&data);
        if text.is_empty() {
            continue;
        }
        let reference = || format!("{}{}", column_name(column), row as u64 + 1);
        if column as usize >= limits::MAX_COLUMNS {
            let place = format!("The sheet has a cell in column {} (cell {})", column_name(column), reference());
            return Err(SheetError::TooManyColumns { place });
        }
        if row as usize >= limits::MAX_ROWS {
            let place = format!("The sheet has a cell in row {} (cell {})", thousands(row as u64 + 1), reference());
            return Err(SheetError::TooManyRows { place });
        }
        check_cell_length(&text, || format!("Cell {}", reference()))?;
        stored += 1;
        let entry = rows.entry(row).or_default();
        entry.width = entry.width.max(column as usize + 1);
        if !entry.has_text && !is_blank(std::iter::once(&*text)) {
            entry.has_text = true;
            rows_with_text += 1;
        }
        entry.cells.push((column, text.into_owned()));
        if entry.has_text {
            width = width.max(entry.width);
        }
        // Rows below the column names, each as wide as the widest: what the sheet will take once made one width.
        let grid = rows_with_text.saturating_sub(1).saturating_mul(width);
        if grid > limits::MAX_CELLS || stored > limits::MAX_CELLS {
            return Err(SheetError::TooManyCells { rows: rows_with_text.saturating_sub(1), columns: width });
        }
    }
    let mut kept = rows.into_iter().filter(|(_, r)| r.has_text).map(|(number, sparse)| {
        let mut cells = vec![String::new(); sparse.width];
        for (column, text) in sparse.cells {
            cells[column as usize] = text;
        }
        Row { number: number as u64 + 1, cells }
    });
    let headers = kept.next().ok_or(SheetError::Empty)?.cells;
    Ok((headers, kept.collect()))
}

/// The letters Excel shows for a column (0 is A, 16,383 is XFD).
fn column_name(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_shows_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(column_name(16_384), "XFE");
        assert_eq!(column_name(u32::MAX), "MWLQKWV");
    }

    #[test]
    fn a_claimed_count_of_strings_at_its_edge() {
        assert_eq!(check_claimed_count(b"10000000"), Ok(()));
        assert!(check_claimed_count(b"10000001").unwrap_err().to_string().contains("10,000,001 different texts"));
        assert!(check_claimed_count(b"99999999999999999999999").is_err());
        assert_eq!(check_claimed_count(b"many"), Ok(()));
    }
}
