//! Workbooks made by hand for the hostile-sheet tests: the few parts an XLSX needs, zipped with the `zip` crate, so a
//! test can put any XML (a claimed size, a cell past the last column, gigabytes of whitespace) where Excel would not.

#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// The start and end of a worksheet part around its rows.
pub const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
pub const SHEET_END: &str = "</sheetData></worksheet>";

/// A workbook whose first sheet's part is written by `sheet` (streamed, so it can be gigabytes), with an optional
/// shared-strings part.
pub fn workbook_streamed(sheet: impl FnOnce(&mut dyn Write), shared_strings: Option<&str>) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let part = |zip: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(&mut zip, "[Content_Types].xml", CONTENT_TYPES);
    part(&mut zip, "_rels/.rels", RELS);
    part(&mut zip, "xl/workbook.xml", WORKBOOK);
    part(&mut zip, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
    if let Some(strings) = shared_strings {
        part(&mut zip, "xl/sharedStrings.xml", strings);
    }
    // Level 9: whitespace packs a thousand to one, as a bomb would be made.
    zip.start_file("xl/worksheets/sheet1.xml", options.compression_level(Some(9)).large_file(true)).unwrap();
    sheet(&mut zip);
    zip.finish().unwrap().into_inner()
}

/// The bytes of the parts every workbook here has besides its sheet (and shared strings).
pub fn fixed_parts_len() -> usize {
    CONTENT_TYPES.len() + RELS.len() + WORKBOOK.len() + WORKBOOK_RELS.len()
}

/// A workbook whose first sheet has these rows (`<row>` elements, written as they are).
pub fn workbook(rows: &str) -> Vec<u8> {
    workbook_streamed(|w| write!(w, "{SHEET_START}{rows}{SHEET_END}").unwrap(), None)
}

/// A cell with text of its own (an inline string) at `reference` (such as "B2").
pub fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A row element numbered `number` (1-based, as Excel shows it) holding `cells`.
pub fn row(number: u32, cells: &[String]) -> String {
    format!(r#"<row r="{number}">{}</row>"#, cells.concat())
}

/// The column letters Excel shows for a 0-based column index: 0 is A, 16,383 is XFD.
pub fn column_name(mut index: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}
