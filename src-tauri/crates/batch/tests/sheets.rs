//! Sheets as they come from clients: CSVs with quotes, embedded commas and line breaks, a byte-order mark,
//! CRLF, blank lines, semicolons, Windows-1252 text; an XLSX made by a spreadsheet library; 100,000 rows.
//! Then the mapping and the pre-check on them.

use rust_xlsxwriter::Workbook;
use vk_batch::sheet::Row;
use vk_batch::{auto_map, precheck, Sheet, SheetError};
use vk_core::catalog::find;

fn cells(row: &Row) -> Vec<&str> {
    row.cells.iter().map(String::as_str).collect()
}

#[test]
fn quotes_commas_line_breaks_bom_crlf_and_blank_lines() {
    let csv = "\u{feff}PAN Number,Name,Note\r\n\
               ABCPE1234F,\"Kumar, Ramesh\",\"said \"\"hello\"\"\r\non two lines\"\r\n\
               \r\n\
               , ,\r\n\
               BBBPB2222B,Asha,plain\r\n";
    let sheet = Sheet::read(csv.as_bytes()).unwrap();
    assert_eq!(sheet.headers, ["PAN Number", "Name", "Note"]);
    assert_eq!(sheet.rows.len(), 2, "blank lines and rows of blanks are left out");
    assert_eq!(cells(&sheet.rows[0]), ["ABCPE1234F", "Kumar, Ramesh", "said \"hello\"\r\non two lines"]);
    assert_eq!(cells(&sheet.rows[1]), ["BBBPB2222B", "Asha", "plain"]);
    assert_eq!(sheet.rows[0].number, 2);
    assert_eq!(sheet.rows[1].number, 6, "the row number counts the line break inside the quoted note");
}

#[test]
fn excel_habits_semicolons_windows_1252_short_and_long_rows() {
    // Excel with European settings separates with semicolons; older Excel writes Windows-1252 ("é" is 0xE9).
    let mut bytes = b"pan;name;city\nABCPE1234F;Ren".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b";Pune\nBBBPB2222B\nCCCPC3333C;x;y;extra\n");
    let sheet = Sheet::read(&bytes).unwrap();
    assert_eq!(cells(&sheet.rows[0]), ["ABCPE1234F", "René", "Pune", ""]);
    assert_eq!(cells(&sheet.rows[1]), ["BBBPB2222B", "", "", ""], "a short row is filled with empty cells");
    assert_eq!(sheet.headers, ["pan", "name", "city", "Column 4"], "a longer row gets a column of its own");
}

#[test]
fn sheets_that_cannot_be_used_say_why() {
    assert_eq!(Sheet::read(b""), Err(SheetError::Empty));
    assert_eq!(Sheet::read(b"\n\n"), Err(SheetError::Empty));
    assert_eq!(Sheet::read(b"pan,name\n"), Err(SheetError::NoRows));
    let err = Sheet::read(b"pan,name\nABCPE1234F,\"never closed\n").unwrap_err();
    assert!(err.to_string().contains("Line 2") && err.to_string().contains("never closed"), "{err}");
    assert!(matches!(Sheet::read(b"PK\x03\x04 not really a zip"), Err(SheetError::Xlsx(_))));
    // A lone quote inside a cell is not a quote left open.
    let sheet = Sheet::read(b"item,size\npizza,12\" wide\n").unwrap();
    assert_eq!(cells(&sheet.rows[0]), ["pizza", "12\" wide"]);
}

#[test]
fn duplicate_and_empty_column_names_are_told_apart() {
    let sheet = Sheet::read(b"pan,,pan\nA,B,C\n").unwrap();
    assert_eq!(sheet.headers, ["pan", "Column 2", "pan (2)"]);
}

#[test]
fn an_xlsx_made_by_a_spreadsheet_library() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in ["Account No.", "IFSC Code", "Account Holder Name"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    // Account numbers typed into Excel become numbers; the IFSC and names stay text.
    sheet.write_number(1, 0, 123456789012.0).unwrap();
    sheet.write_string(1, 1, "SBIN0001234").unwrap();
    sheet.write_string(1, 2, "रमेश कुमार").unwrap();
    sheet.write_number(3, 0, 12.0).unwrap(); // after a blank row: too short for an account number
    sheet.write_string(3, 1, "SBIN001234").unwrap(); // one character short
    let bytes = workbook.save_to_buffer().unwrap();

    let sheet = Sheet::read(&bytes).unwrap();
    assert_eq!(sheet.headers, ["Account No.", "IFSC Code", "Account Holder Name"]);
    assert_eq!(cells(&sheet.rows[0]), ["123456789012", "SBIN0001234", "रमेश कुमार"]);
    assert_eq!((sheet.rows[0].number, sheet.rows[1].number), (2, 4));

    let endpoint = find("verify.bank_account").unwrap();
    let mapping = auto_map(&sheet.headers, endpoint);
    assert_eq!(mapping.columns.len(), 3);
    let bad = precheck(&sheet, endpoint, &mapping);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].number, 4);
    let fields: Vec<&str> = bad[0].problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["account_number", "ifsc"]);
}

#[test]
fn a_hundred_thousand_rows_are_read_mapped_and_checked() {
    // Valid PANs (the fourth letter says who holds it), with every 1,000th broken in a different way.
    let mut csv = String::from("pan,name\n");
    for i in 0..100_000u32 {
        let pan = match i % 1000 {
            0 => format!("ABC{:05}F", i % 100_000), // digits where letters belong
            1 => String::new(),                     // missing
            _ => format!("ABCP{}{:04}F", (b'A' + (i % 26) as u8) as char, i % 10_000),
        };
        csv.push_str(&format!("{pan},Customer {i}\n"));
    }
    let sheet = Sheet::read(csv.as_bytes()).unwrap();
    assert_eq!(sheet.rows.len(), 100_000);
    let endpoint = find("verify.pan").unwrap();
    let mapping = auto_map(&sheet.headers, endpoint);
    let bad = precheck(&sheet, endpoint, &mapping);
    assert_eq!(bad.len(), 200);
    assert_eq!(bad[0].number, 2);
    assert!(bad[1].problems[0].reason.contains("required"), "{:?}", bad[1]);
}
