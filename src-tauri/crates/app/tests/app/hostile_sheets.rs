//! Hostile sheets loaded through the workspace's `batch_load`, as the window loads them: a tiny workbook with a cell
//! at XFD1048576, a CSV row of 200,000 columns, 3,000 columns of one name. Each is read in bounded memory or refused
//! with the limit named, and the app stays up: a normal sheet loads right after. The work runs in a copy of this
//! test binary under a 2 GiB memory cap (`prlimit --as`), so a regression aborts that copy, never the machine.

use std::collections::HashSet;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{workspace, DataDir};

/// Set in the capped copy of this binary: run the test's body instead of spawning the copy.
const CHILD: &str = "VK_HOSTILE_SHEETS_CHILD";

/// Runs `test` (this module's test of that name) in a copy of this binary capped at 2 GiB and 120 s.
fn capped(test: &str) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return false;
    }
    let out = Command::new("prlimit")
        .arg(format!("--as={}", 2u64 << 30))
        .args(["--", "timeout", "120"])
        .arg(std::env::current_exe().unwrap())
        .args([&format!("hostile_sheets::{test}"), "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, "1")
        .output()
        .expect("prlimit runs the test binary");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the capped copy failed ({:?}):\n{text}", out.status.code());
    assert!(text.contains("1 passed"), "the capped copy ran no test:\n{text}");
    true
}

/// CRC-32 (the zip one), bit by bit: the parts here are small.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip of `parts`, stored (not compressed), as the zip format lays it out.
fn stored_zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, text) in parts {
        let (crc, len, offset) = (crc32(text.as_bytes()), text.len() as u32, out.len() as u32);
        let common = |v: &mut Vec<u8>| {
            for x in [20u16, 0, 0, 0, 0x21] {
                v.extend(x.to_le_bytes());
            }
            for x in [crc, len, len] {
                v.extend(x.to_le_bytes());
            }
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(text.as_bytes());
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        for x in [0u16, 0, 0, 0, 0] {
            central.extend(x.to_le_bytes());
        }
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let (cd_offset, cd_len, n) = (out.len() as u32, central.len() as u32, parts.len() as u16);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    for x in [0u16, 0, n, n] {
        out.extend(x.to_le_bytes());
    }
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A workbook whose one sheet holds these `<row>` elements.
fn workbook(rows: &str) -> Vec<u8> {
    let ns = "http://schemas.openxmlformats.org";
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let book_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    );
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    stored_zip(&[
        ("[Content_Types].xml", &types),
        ("_rels/.rels", &rels),
        ("xl/workbook.xml", &book),
        ("xl/_rels/workbook.xml.rels", &book_rels),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn clients_csv() -> Vec<u8> {
    b"PAN,Name\nABCPE1234F,Asha\nABCPF1234G,Ravi\n".to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workbook_with_a_cell_at_xfd1048576_loads_without_a_grid_of_17_billion_cells() {
    if capped("a_workbook_with_a_cell_at_xfd1048576_loads_without_a_grid_of_17_billion_cells") {
        return;
    }
    let dir = DataDir::new("hostile-xfd");
    let ws = workspace(&dir).await;
    let rows = format!(
        r#"<row r="1">{}</row><row r="2">{}</row><row r="1048576">{}</row>"#,
        cell("A1", "PAN"),
        cell("A2", "ABCPE1234F"),
        cell("XFD1048576", "x")
    );
    let bytes = workbook(&rows);
    assert!(bytes.len() < 4096, "a small file: {} bytes", bytes.len());
    let view = ws.batch_load("last-cell.xlsx".into(), bytes).await.unwrap();
    assert_eq!((view.headers.len(), view.row_count), (16_384, 2));
    assert_eq!(view.preview[0][0], "ABCPE1234F");

    // One column past Excel's last: refused, the limit named, the app still loads the next sheet.
    let rows = format!(r#"<row r="1">{}{}</row>"#, cell("A1", "PAN"), cell("XFE1", "x"));
    let err = ws.batch_load("past.xlsx".into(), workbook(&rows)).await.unwrap_err();
    assert!(
        err.to_string().starts_with("past.xlsx: ") && err.to_string().contains("16,384 columns"),
        "{}",
        err.to_string()
    );
    let view = ws.batch_load("clients.csv".into(), clients_csv()).await.unwrap();
    assert_eq!(view.row_count, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_row_of_200000_columns_is_refused_and_the_app_stays_up() {
    if capped("a_csv_row_of_200000_columns_is_refused_and_the_app_stays_up") {
        return;
    }
    let dir = DataDir::new("hostile-wide");
    let ws = workspace(&dir).await;
    let mut csv = String::from("PAN,Name\n");
    for i in 0..20_000 {
        csv.push_str(&format!("P{i},N{i}\n"));
    }
    csv.push_str(&",".repeat(199_999));
    csv.push_str("x\n");
    let err = ws.batch_load("wide.csv".into(), csv.into_bytes()).await.unwrap_err();
    assert!(
        err.to_string().starts_with("wide.csv: ")
            && err.to_string().contains("200,000 cells")
            && err.to_string().contains("16,384 columns"),
        "{}",
        err.to_string()
    );
    let view = ws.batch_load("clients.csv".into(), clients_csv()).await.unwrap();
    assert_eq!((view.row_count, view.headers.len()), (2, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_thousand_columns_of_one_name_load_at_once_each_named_apart() {
    if capped("three_thousand_columns_of_one_name_load_at_once_each_named_apart") {
        return;
    }
    let dir = DataDir::new("hostile-names");
    let ws = workspace(&dir).await;
    let csv = format!("{}\n{}\n", vec!["PAN"; 3000].join(","), vec!["ABCPE1234F"; 3000].join(","));
    let started = Instant::now();
    let view = ws.batch_load("names.csv".into(), csv.into_bytes()).await.unwrap();
    // NOTE: a guard against the cubic renaming (40 s for these columns), not a speed figure: linear takes
    // milliseconds, so the margin holds on any machine, however busy.
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(view.headers.len(), 3000);
    assert_eq!(view.headers.iter().collect::<HashSet<_>>().len(), 3000, "every column has a name of its own");
    assert_eq!(view.headers[0], "PAN");
}
