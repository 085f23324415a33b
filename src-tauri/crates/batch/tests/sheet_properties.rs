//! Property tests of the sheet readers under a 2 GiB memory cap and a deadline: arbitrary bytes, mutated real CSV
//! and mutated real XLSX (bytes flipped, inserted, cut; and the XML inside the zip edited, then zipped again) never
//! panic, abort or hang, and what they give back keeps every limit.

use std::io::{Cursor, Read, Write};
use std::time::Duration;

use proptest::prelude::*;
use rust_xlsxwriter::Workbook;
use vk_batch::limits::{MAX_CELLS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS};
use vk_batch::Sheet;

const CSV: &[u8] =
    b"\xef\xbb\xbfPAN,Name,Note\r\nABCPE1234F,\"Rao, Asha\",\"two\r\nlines\"\r\n\r\nBBBPB2222B,Ravi,=1+2\r\n";

fn xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [["PAN", "Name"], ["ABCPE1234F", "Asha"], ["BBBPB2222B", "Ravi"]].iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    sheet.write_number(3, 0, 42.0).unwrap();
    book.save_to_buffer().unwrap()
}

fn keeps_the_limits(bytes: &[u8]) {
    if let Ok(sheet) = Sheet::read(bytes) {
        assert!(sheet.headers.len() <= MAX_COLUMNS && sheet.rows.len() < MAX_ROWS);
        assert!(sheet.rows.len() * sheet.headers.len() <= MAX_CELLS);
        for row in &sheet.rows {
            assert_eq!(row.cells.len(), sheet.headers.len());
            assert!(row.cells.iter().all(|c| c.chars().count() <= MAX_CELL_CHARS));
        }
    }
}

/// `base` with up to 8 edits: a byte replaced, a byte inserted, or the rest cut off.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((0usize..3, any::<prop::sample::Index>(), any::<u8>()), 1..8).prop_map(move |edits| {
        let mut bytes = base.clone();
        for (kind, at, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => bytes.truncate(i),
            }
        }
        bytes
    })
}

/// The parts of `xlsx()`, unzipped: (name, bytes).
fn xlsx_parts() -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx())).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (part.name().to_string(), bytes)
        })
        .collect()
}

/// Pieces of XML a hostile workbook would put in: the last cell, one past it, huge claimed sizes and counts, an
/// index past the shared strings, nesting and entities.
const XML_PIECES: &[&str] = &[
    r#"<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>"#,
    r#"<c r="XFE1"><v>1</v></c>"#,
    r#"<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#,
    r#"<dimension ref="A1:XFD1048576"/>"#,
    r#" count="4294967295" uniqueCount="4294967295""#,
    r#"<c r="A2" t="s"><v>999999999</v></c>"#,
    r#"<c r="B2" t="s"><v>-1</v></c>"#,
    "<is><t>",
    "</row>",
    "&amp;&lt;&#0;&#xFFFFFF;",
    r#" r="0""#,
    r#" r="A0""#,
];

/// `xlsx()` with one of its parts edited (bytes replaced, pieces of XML inserted, the rest cut), zipped again.
fn mutated_xml() -> impl Strategy<Value = Vec<u8>> {
    let parts = xlsx_parts();
    let edits =
        prop::collection::vec((0usize..3, any::<prop::sample::Index>(), any::<u8>(), 0..XML_PIECES.len()), 1..6);
    (any::<prop::sample::Index>(), edits).prop_map(move |(which, edits)| {
        let mut parts = parts.clone();
        let target = which.index(parts.len());
        let bytes = &mut parts[target].1;
        for (kind, at, byte, piece) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => {
                    bytes.splice(i..i, XML_PIECES[piece].bytes());
                }
                _ => bytes.truncate(i),
            }
        }
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in &parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _guard = vk_testcap::hostile("arbitrary bytes", Duration::from_secs(300));
        keeps_the_limits(&bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        keeps_the_limits(&zipped);
    }

    #[test]
    fn mutated_csv(bytes in mutated(CSV.to_vec())) {
        let _guard = vk_testcap::hostile("mutated CSV", Duration::from_secs(300));
        keeps_the_limits(&bytes);
    }

    #[test]
    fn mutated_xlsx(bytes in mutated(xlsx())) {
        let _guard = vk_testcap::hostile("mutated XLSX", Duration::from_secs(300));
        keeps_the_limits(&bytes);
    }

    #[test]
    fn mutated_xml_inside_the_xlsx(bytes in mutated_xml()) {
        let _guard = vk_testcap::hostile("mutated XML in XLSX", Duration::from_secs(300));
        keeps_the_limits(&bytes);
    }
}
