//! Property tests of the sheet readers under a 2 GiB memory cap and a deadline: arbitrary bytes, mutated real CSV
//! and mutated real XLSX (bytes flipped, inserted, cut) never panic, abort or hang, and what they give back keeps
//! every limit.

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
}
