//! The most a sheet may be, in one place: every reader of a sheet (CSV or XLSX) checks these before it sets room
//! aside, so a small hostile file cannot make the app or `vk batch` ask for gigabytes. Checks only: no reading here.

use crate::sheet::SheetError;

/// The largest file read as a sheet (CSV or XLSX), in bytes: 100 MB. A million rows of a dozen short columns is
/// well under it. Callers that read from disk should check the file's size against it before reading.
pub const MAX_FILE_BYTES: u64 = 100 * MB;

/// The most columns a sheet may have: 16,384 (column XFD), as in Excel.
pub const MAX_COLUMNS: usize = 16_384;

/// The most rows a sheet may have, counting the row of column names: 1,048,576, as in Excel.
pub const MAX_ROWS: usize = 1_048_576;

/// The most cells kept for a sheet: rows below the column names times columns (every row is as wide as the widest),
/// 10 million. Each cell takes room even when empty, so this bounds the memory of a sheet whatever its shape.
pub const MAX_CELLS: usize = 10_000_000;

/// The most characters in one cell: 32,767, as in Excel.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The most an XLSX workbook may unpack to (all its parts together, counted as they are unpacked, not as the
/// file claims): 256 MB. Sheet data packs about ten to one, so this is far above any workbook under the file limit
/// that holds real data, and far below what a zip of whitespace claims.
pub const MAX_UNPACKED_BYTES: u64 = 256 * MB;

/// The most parts (zip entries) an XLSX workbook may hold: 10,000 (a workbook of data has a dozen or so).
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// A megabyte as these limits count it (1,048,576 bytes).
pub const MB: u64 = 1024 * 1024;

/// A file of `bytes` bytes may be read as a sheet.
pub fn check_file_size(bytes: u64) -> Result<(), SheetError> {
    if bytes > MAX_FILE_BYTES {
        return Err(SheetError::FileTooLarge { megabytes: bytes.div_ceil(MB) });
    }
    Ok(())
}

/// `rows` rows below the column names, `columns` wide, may be kept.
pub fn check_grid(rows: usize, columns: usize) -> Result<(), SheetError> {
    if columns > MAX_COLUMNS {
        return Err(SheetError::TooManyColumns {
            place: format!("The sheet has {} columns", thousands(columns as u64)),
        });
    }
    if rows >= MAX_ROWS {
        return Err(SheetError::TooManyRows { place: format!("The sheet has {} rows", thousands(rows as u64 + 1)) });
    }
    if rows.saturating_mul(columns) > MAX_CELLS {
        return Err(SheetError::TooManyCells { rows, columns });
    }
    Ok(())
}

/// A number as people write it: 16,384.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(16_384), "16,384");
        assert_eq!(thousands(1_048_576), "1,048,576");
        assert_eq!(thousands(100), "100");
    }

    #[test]
    fn the_file_size_limit_at_its_edge() {
        assert_eq!(check_file_size(MAX_FILE_BYTES), Ok(()));
        let err = check_file_size(MAX_FILE_BYTES + 1).unwrap_err();
        assert!(err.to_string().contains("101 MB") && err.to_string().contains("100 MB"), "{err}");
    }

    #[test]
    fn the_grid_limits_at_their_edges() {
        assert_eq!(check_grid(MAX_ROWS - 1, 1), Ok(()));
        assert!(matches!(check_grid(MAX_ROWS, 1), Err(SheetError::TooManyRows { .. })));
        assert_eq!(check_grid(1, MAX_COLUMNS), Ok(()));
        assert!(matches!(check_grid(1, MAX_COLUMNS + 1), Err(SheetError::TooManyColumns { .. })));
        assert_eq!(check_grid(MAX_CELLS / 10, 10), Ok(()));
        let err = check_grid(MAX_CELLS / 10 + 1, 10).unwrap_err();
        assert!(err.to_string().contains("10,000,000 cells"), "{err}");
    }
}
