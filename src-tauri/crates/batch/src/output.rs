//! The results as a sheet: the input's columns as they came, then the result columns (how the row ended, the
//! HTTP status, the error code, a readable line, and the answer's fields), as CSV (UTF-8 with a byte-order mark,
//! so Excel reads it right) or XLSX. Aadhaar numbers are masked unless the user chose otherwise.

use std::collections::HashMap;

use vk_store::batch::{Outcome, RowResult};
use vk_store::mask_aadhaar;

use crate::sheet::Sheet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// XLSX for a name ending in `.xlsx`, else CSV.
    pub fn for_file(name: &str) -> Format {
        if name.to_ascii_lowercase().ends_with(".xlsx") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("The results could not be written as CSV: {0}")]
    Csv(String),
    #[error("The results could not be written as XLSX: {0}")]
    Xlsx(String),
    #[error("The results have {rows} rows but the sheet has {sheet}; the run does not belong to this sheet.")]
    Mismatch { rows: usize, sheet: usize },
}

/// How a row ended, in words.
pub fn outcome_words(result: Option<&RowResult>) -> &'static str {
    match result.map(|r| r.outcome) {
        Some(Outcome::Success) => "Success",
        Some(Outcome::ApiError) => "Refused by the API",
        Some(Outcome::NotSent) => "Not sent (no answer)",
        Some(Outcome::Skipped) => "Skipped",
        None => "Not sent yet",
    }
}

/// Header and rows of the output, as text.
fn table(sheet: &Sheet, results: &[Option<RowResult>], mask: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let masked = |s: &str| if mask { mask_aadhaar(s) } else { s.to_string() };
    let mut answer_keys: Vec<String> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for result in results.iter().flatten() {
        for (key, _) in &result.summary {
            if !seen.contains_key(key) {
                seen.insert(key.clone(), answer_keys.len());
                answer_keys.push(key.clone());
            }
        }
    }
    let mut headers = sheet.headers.clone();
    headers.extend(["Result", "HTTP status", "Error code", "Message"].map(String::from));
    headers.extend(answer_keys.iter().map(|k| format!("Answer: {k}")));
    let rows = sheet
        .rows
        .iter()
        .zip(results)
        .map(|(row, result)| {
            let mut cells: Vec<String> = row.cells.iter().map(|c| masked(c)).collect();
            cells.push(outcome_words(result.as_ref()).to_string());
            cells.push(result.as_ref().and_then(|r| r.status).map_or(String::new(), |s| s.to_string()));
            cells.push(result.as_ref().and_then(|r| r.error_code.clone()).unwrap_or_default());
            cells.push(result.as_ref().map_or(String::new(), |r| masked(&r.message)));
            let mut answers = vec![String::new(); answer_keys.len()];
            for (key, value) in result.iter().flat_map(|r| &r.summary) {
                answers[seen[key]] = masked(value);
            }
            cells.extend(answers);
            cells
        })
        .collect();
    (headers, rows)
}

/// A cell as written to CSV: text a spreadsheet would run as a formula (beginning with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading `'`, so opening the export in Excel runs nothing. Every CSV export (the
/// input columns, the result columns and the column names) goes through here; XLSX cells are written as strings.
pub fn csv_text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The output file's bytes. `results` has one entry per row of `sheet` (`None`: no result yet).
pub fn render(
    sheet: &Sheet,
    results: &[Option<RowResult>],
    format: Format,
    mask: bool,
) -> Result<Vec<u8>, OutputError> {
    if results.len() != sheet.rows.len() {
        return Err(OutputError::Mismatch { rows: results.len(), sheet: sheet.rows.len() });
    }
    let (headers, rows) = table(sheet, results, mask);
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
            let csv_error = |e: csv::Error| OutputError::Csv(e.to_string());
            writer.write_record(headers.iter().map(|c| csv_text(c).into_owned())).map_err(csv_error)?;
            for row in &rows {
                writer.write_record(row.iter().map(|c| csv_text(c).into_owned())).map_err(csv_error)?;
            }
            writer.into_inner().map_err(|e| OutputError::Csv(e.to_string()))
        }
        Format::Xlsx => {
            let xlsx_error = |e: rust_xlsxwriter::XlsxError| OutputError::Xlsx(e.to_string());
            let mut workbook = rust_xlsxwriter::Workbook::new();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let sheet_out = workbook.add_worksheet();
            sheet_out.set_name("Results").map_err(xlsx_error)?;
            for (col, name) in headers.iter().enumerate() {
                sheet_out.write_string_with_format(0, col as u16, name, &bold).map_err(xlsx_error)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (col, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                    // Text throughout: account numbers, PINs and PANs keep their leading zeros and every digit.
                    sheet_out.write_string(r as u32 + 1, col as u16, cell).map_err(xlsx_error)?;
                }
            }
            sheet_out.set_freeze_panes(1, 0).map_err(xlsx_error)?;
            workbook.save_to_buffer().map_err(xlsx_error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(row_index: u32, outcome: Outcome, summary: &[(&str, &str)], message: &str) -> RowResult {
        RowResult {
            row_index,
            outcome,
            status: Some(200),
            error_code: None,
            summary: summary.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            message: message.into(),
            attempts: 1,
            finished_ms: 0,
        }
    }

    #[test]
    fn input_columns_then_results_with_aadhaar_masked() {
        let sheet = Sheet::read(b"Aadhaar,Name\n234123412346,\"Rao, Asha\"\n999941057058,Ravi\n12,x\n").unwrap();
        let results = vec![
            Some(result(0, Outcome::Success, &[("status", "VALID"), ("name_match.score", "92")], "ok")),
            Some(result(1, Outcome::ApiError, &[("masked", "234123412346")], "refused")),
            None,
        ];
        let bytes = render(&sheet, &results, Format::Csv, true).unwrap();
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let back = Sheet::read(text.as_bytes()).unwrap();
        assert_eq!(
            back.headers,
            [
                "Aadhaar",
                "Name",
                "Result",
                "HTTP status",
                "Error code",
                "Message",
                "Answer: status",
                "Answer: name_match.score",
                "Answer: masked"
            ]
        );
        assert_eq!(back.rows[0].cells[..3], ["XXXX XXXX 2346", "Rao, Asha", "Success"]);
        assert_eq!(back.rows[0].cells[6..8], ["VALID", "92"]);
        assert_eq!(back.rows[1].cells[8], "XXXX XXXX 2346", "answers are masked too");
        assert_eq!(back.rows[2].cells[2], "Not sent yet");
        assert!(!text.contains("234123412346"));
        let unmasked = render(&sheet, &results, Format::Csv, false).unwrap();
        assert!(String::from_utf8(unmasked).unwrap().contains("234123412346"));

        let xlsx = render(&sheet, &results, Format::Xlsx, true).unwrap();
        let back = Sheet::read(&xlsx).unwrap();
        assert_eq!(back.rows[0].cells[..3], ["XXXX XXXX 2346", "Rao, Asha", "Success"]);
        assert_eq!(back.rows[1].cells[2], "Refused by the API");
        assert!(render(&sheet, &results[..1], Format::Csv, true).is_err());
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_written_as_text() {
        let sheet = Sheet::read(b"Name,=Header\n=HYPERLINK(\"http://x\"),+1\n@SUM(A1),-2\n").unwrap();
        let results = vec![
            Some(result(0, Outcome::Success, &[("note", "=cmd|' /C calc'!A0"), ("tab", "\tx")], "ok")),
            Some(result(1, Outcome::Success, &[("cr", "\rx"), ("plain", "a=b")], "ok")),
        ];
        let text = String::from_utf8(render(&sheet, &results, Format::Csv, false).unwrap()).unwrap();
        let back = Sheet::read(text.as_bytes()).unwrap();
        assert_eq!(back.headers[1], "'=Header");
        assert_eq!(back.rows[0].cells[..2], ["'=HYPERLINK(\"http://x\")", "'+1"]);
        assert_eq!(back.rows[1].cells[..2], ["'@SUM(A1)", "'-2"]);
        assert_eq!(back.rows[0].cells[6..8], ["'=cmd|' /C calc'!A0", "'\tx"]);
        assert_eq!(back.rows[1].cells[8..10], ["'\rx", "a=b"], "only the first character counts");

        // XLSX cells are strings, never formulas: the text comes back as written.
        let xlsx = render(&sheet, &results, Format::Xlsx, false).unwrap();
        let back = Sheet::read(&xlsx).unwrap();
        assert_eq!(back.rows[0].cells[0], "=HYPERLINK(\"http://x\")");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut sheet_xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet_xml).unwrap();
        assert!(!sheet_xml.contains("<f>") && !sheet_xml.contains("<f "), "{sheet_xml}");
    }
}
