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

#[test]
fn each_limit_at_its_edge_passes_and_one_past_it_is_named() {
    use vk_batch::limits::{MAX_CELLS, MAX_CELL_CHARS, MAX_COLUMNS};
    let _guard = hostile("limits at their edges");
    // Columns: XFD is the last; XFE is refused by name.
    let past = message(Sheet::read(&workbook(&row(1, &[cell("A1", "PAN"), cell("XFE1", "x")]))));
    assert!(past.contains("column XFE (cell XFE1)") && past.contains("16,384 columns"), "{past}");
    let wide = |n: usize| format!("{}\n{}\n", vec!["c"; n].join(","), "x");
    assert_eq!(Sheet::read(wide(MAX_COLUMNS).as_bytes()).unwrap().headers.len(), MAX_COLUMNS);
    assert!(message(Sheet::read(wide(MAX_COLUMNS + 1).as_bytes())).contains("Line 1 has 16,385 cells"));
    // Rows: 1,048,576 is Excel's last row; one past it is refused by name.
    let past = message(Sheet::read(&workbook(
        &[row(1, &[cell("A1", "PAN")]), row(1_048_577, &[cell("A1048577", "x")])].concat(),
    )));
    assert!(past.contains("row 1,048,577 (cell A1048577)"), "{past}");
    // Cells: 1,000 rows of 10,000 columns are 10 million; one row more is refused before the rows are widened.
    let grid = |rows: usize| format!("{}\n{}", vec!["c"; MAX_CELLS / 1_000].join(","), "x\n".repeat(rows));
    assert_eq!(Sheet::read(grid(1_000).as_bytes()).unwrap().rows.len(), 1_000);
    assert!(message(Sheet::read(grid(1_001).as_bytes())).contains("1,001 rows by 10,000 columns"));
    // A cell's characters (not bytes): 32,767 of "é" pass, one more is refused.
    let long = |n: usize| format!("PAN\n{}\n", "é".repeat(n));
    assert_eq!(Sheet::read(long(MAX_CELL_CHARS).as_bytes()).unwrap().rows[0].cells[0].chars().count(), MAX_CELL_CHARS);
    assert!(message(Sheet::read(long(MAX_CELL_CHARS + 1).as_bytes()))
        .contains("A cell on line 2 has more than the 32,767 characters"));
    // A shared-strings part claiming a trillion strings (calamine reserves room for them first).
    let strings = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1000000000000"><si><t>PAN</t></si></sst>"#;
    let book = workbook_streamed(|w| write!(w, "{SHEET_START}{SHEET_END}").unwrap(), Some(strings));
    assert!(message(Sheet::read(&book)).contains("1,000,000,000,000 different texts"));
}
