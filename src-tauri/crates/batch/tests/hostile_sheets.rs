//! Sheets made to hurt: a tiny workbook claiming the last cell of Excel's grid, a zip of gigabytes of whitespace, a
//! CSV row of 200,000 columns, thousands of columns of one name. Each is read in bounded memory and time, or refused
//! with a message that names the limit. Under a 2 GiB memory cap and a deadline (one binary, since the cap covers it).

mod support;

use std::time::Duration;

use rust_xlsxwriter::Workbook;
use support::{cell, row, workbook, workbook_streamed, SHEET_END, SHEET_START};
use vk_batch::{Sheet, SheetError};

fn hostile(name: &'static str) -> vk_testcap::Deadline {
    vk_testcap::hostile(name, Duration::from_secs(120))
}

fn message(result: Result<Sheet, SheetError>) -> String {
    match result {
        Ok(sheet) => panic!("read as a sheet of {} columns and {} rows", sheet.headers.len(), sheet.rows.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn one_cell_at_xfd1048576_is_read_without_a_grid_of_17_billion_cells() {
    let _guard = hostile("xfd1048576");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "PAN").unwrap();
    sheet.write_string(1, 0, "ABCPE1234F").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 8 * 1024, "a small file: {} bytes", bytes.len());

    // Excel's own last cell: allowed, and only the rows that have something take room.
    let sheet = Sheet::read(&bytes).unwrap();
    assert_eq!(sheet.headers.len(), 16_384);
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!((sheet.rows[1].number, sheet.rows[1].cells[16_383].as_str()), (1_048_576, "x"));

    // The same cell alone: nothing below the column names.
    let mut book = Workbook::new();
    book.add_worksheet().write_string(1_048_575, 16_383, "x").unwrap();
    assert_eq!(Sheet::read(&book.save_to_buffer().unwrap()), Err(SheetError::NoRows));
}

#[test]
fn a_zip_of_whitespace_is_refused_before_it_is_unpacked() {
    let _guard = hostile("whitespace zip");
    let spaces = vec![b' '; 1 << 20];
    let bytes = workbook_streamed(
        |w| {
            write!(w, "{SHEET_START}{}", row(1, &[cell("A1", "PAN")])).unwrap();
            for _ in 0..2048 {
                w.write_all(&spaces).unwrap();
            }
            w.write_all(SHEET_END.as_bytes()).unwrap();
        },
        None,
    );
    assert!(bytes.len() < 8 << 20, "a small file: {} bytes", bytes.len());
    let text = message(Sheet::read(&bytes));
    assert!(text.contains("unpacks to more than") && text.contains("MB"), "{text}");
}

#[test]
fn a_csv_row_of_200000_columns_is_refused() {
    let _guard = hostile("200,000 columns");
    let mut csv = String::from("PAN,Name\n");
    for i in 0..20_000 {
        csv.push_str(&format!("P{i},N{i}\n"));
    }
    csv.push_str(&",".repeat(199_999));
    csv.push_str("x\n");
    assert!(csv.len() < 500 * 1024);
    let text = message(Sheet::read(csv.as_bytes()));
    assert!(text.contains("Line 20002") && text.contains("16,384 columns"), "{text}");
}

#[test]
fn ten_thousand_columns_of_one_name_are_renamed_at_once() {
    // Before: each name was compared with every name before it, for every number tried (25 minutes for these).
    let _guard = vk_testcap::hostile("10,000 duplicate names", Duration::from_secs(20));
    let csv = format!("{}\n{}\n", vec!["PAN"; 10_000].join(","), vec!["x"; 10_000].join(","));
    let sheet = Sheet::read(csv.as_bytes()).unwrap();
    assert_eq!(sheet.headers[..3], ["PAN", "PAN (2)", "PAN (3)"]);
    assert_eq!(sheet.headers[9_999], "PAN (10000)");
    let unique: std::collections::HashSet<&String> = sheet.headers.iter().collect();
    assert_eq!(unique.len(), 10_000);
}

#[test]
fn hand_made_workbooks_read_as_excel_would() {
    let _guard = hostile("hand-made workbook");
    let rows = [row(1, &[cell("A1", "PAN"), cell("B1", "Name")]), row(2, &[cell("A2", "ABCPE1234F"), cell("C2", "x")])];
    let sheet = Sheet::read(&workbook(&rows.concat())).unwrap();
    assert_eq!(sheet.headers, ["PAN", "Name", "Column 3"]);
    assert_eq!(sheet.rows[0].cells, ["ABCPE1234F", "", "x"]);
}
