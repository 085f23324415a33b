//! `vk batch` given hostile sheets, run under a 2 GiB memory cap (`prlimit --as`) and a time cap: a clear message
//! and exit 2 before anything is sent, never an abort (exit 134) or a machine swapped to a halt. The workbooks are
//! made here by hand (a stored zip), so a cell can sit where Excel would not put one.

use std::path::PathBuf;
use std::process::Command;

struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `vk batch` on `bytes` (saved as `name`), capped: its exit code and what it wrote to stderr.
fn vk_batch_capped(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let input = TempFile(std::env::temp_dir().join(format!("vk-hostile-{}-{name}", std::process::id())));
    std::fs::write(&input.0, bytes).unwrap();
    let output = std::env::temp_dir().join(format!("vk-hostile-{}-{name}.out.csv", std::process::id()));
    let out = Command::new("prlimit")
        .arg(format!("--as={}", 2u64 << 30))
        .args(["--", "timeout", "120", env!("CARGO_BIN_EXE_vk"), "batch", "verify.pan", "--input"])
        .arg(&input.0)
        .arg("--output")
        .arg(&output)
        // Nothing listens here: the sheet must be refused before any sending.
        .args(["--base-url", "http://127.0.0.1:9", "--api-key", "k", "--tenant", "123456"])
        .env("VK_API_SECRET", "s")
        .output()
        .expect("prlimit runs vk");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_csv_row_of_200000_columns_is_exit_2_with_the_limit_named() {
    let mut csv = String::from("PAN,Name\n");
    for i in 0..20_000 {
        csv.push_str(&format!("P{i},N{i}\n"));
    }
    csv.push_str(&",".repeat(199_999));
    csv.push_str("x\n");
    let (code, stderr) = vk_batch_capped("wide.csv", csv.as_bytes());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Line 20002 has 200,000 cells") && stderr.contains("16,384 columns"), "{stderr}");
}

#[test]
fn a_csv_cell_past_excels_last_row_is_exit_2() {
    let csv = format!("PAN\n{}", "ABCPE1234F\n".repeat(1_048_576));
    let (code, stderr) = vk_batch_capped("tall.csv", csv.as_bytes());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Line 1048577 is one row too many") && stderr.contains("1,048,576 rows"), "{stderr}");
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

/// One part of a zip: its name, its bytes as stored, the method (0 stored, 8 deflated), the CRC-32 and the length
/// of what it unpacks to.
struct Part<'a> {
    name: &'a str,
    data: Vec<u8>,
    method: u16,
    crc: u32,
    unpacked: u32,
}

impl<'a> Part<'a> {
    fn stored(name: &'a str, text: &str) -> Self {
        let data = text.as_bytes().to_vec();
        Part { name, crc: crc32(&data), unpacked: data.len() as u32, data, method: 0 }
    }
}

/// A zip of `parts`, as the zip format lays it out.
fn zip_of(parts: &[Part]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for part in parts {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            for x in [20u16, 0, part.method, 0, 0x21] {
                v.extend(x.to_le_bytes());
            }
            for x in [part.crc, part.data.len() as u32, part.unpacked] {
                v.extend(x.to_le_bytes());
            }
            v.extend((part.name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(part.name.as_bytes());
        out.extend(&part.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        for x in [0u16, 0, 0, 0, 0] {
            central.extend(x.to_le_bytes());
        }
        central.extend(offset.to_le_bytes());
        central.extend(part.name.as_bytes());
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

/// Bits written least significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    used: u32,
}

impl Bits {
    fn push(&mut self, bit: u32) {
        if self.used.is_multiple_of(8) {
            self.out.push(0);
        }
        *self.out.last_mut().unwrap() |= ((bit & 1) as u8) << (self.used % 8);
        self.used += 1;
    }
    /// A Huffman code: its first bit first.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.push(code >> i);
        }
    }
}

/// `start`, then `spaces` spaces, then `end`, deflated in one block of the fixed codes: each run of 258 spaces is
/// one length-258 copy from one byte back (13 bits), so a gigabyte of spaces packs into about 6 MB.
fn deflated_spaces(start: &str, spaces: u64, end: &str) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.push(1); // the last block
                  // Fixed codes: BTYPE 01, a number, so written low bit first (unlike a Huffman code).
    bits.push(1);
    bits.push(0);
    let literal = |bits: &mut Bits, b: u8| bits.code(0x30 + b as u32, 8);
    start.bytes().for_each(|b| literal(&mut bits, b));
    literal(&mut bits, b' ');
    let (runs, rest) = ((spaces - 1) / 258, (spaces - 1) % 258);
    for _ in 0..runs {
        bits.code(0xC5, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
    }
    (0..rest).for_each(|_| literal(&mut bits, b' '));
    end.bytes().for_each(|b| literal(&mut bits, b));
    bits.code(0, 7); // end of block
    bits.out
}

/// A workbook whose one sheet holds these `<row>` elements.
fn workbook(rows: &str) -> Vec<u8> {
    let (start, end) = sheet_around();
    workbook_of(Part::stored("xl/worksheets/sheet1.xml", &format!("{start}{rows}{end}")))
}

/// The start and end of a worksheet part around its rows.
fn sheet_around() -> (String, &'static str) {
    let ns = "http://schemas.openxmlformats.org";
    (
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>"#),
        "</sheetData></worksheet>",
    )
}

/// A workbook of the parts every workbook has and this sheet part.
fn workbook_of(sheet: Part) -> Vec<u8> {
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
    zip_of(&[
        Part::stored("[Content_Types].xml", &types),
        Part::stored("_rels/.rels", &rels),
        Part::stored("xl/workbook.xml", &book),
        Part::stored("xl/_rels/workbook.xml.rels", &book_rels),
        sheet,
    ])
}

fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn a_workbook_with_a_cell_past_column_xfd_is_exit_2_with_the_limit_named() {
    let rows = format!(
        r#"<row r="1">{}</row><row r="2">{}{}</row>"#,
        cell("A1", "PAN"),
        cell("A2", "ABCPE1234F"),
        cell("XFE2", "x")
    );
    let bytes = workbook(&rows);
    assert!(bytes.len() < 4096, "a small file: {} bytes", bytes.len());
    let (code, stderr) = vk_batch_capped("past.xlsx", &bytes);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("16,384 columns"), "{stderr}");
}

#[test]
fn a_workbook_of_one_cell_at_xfd1048576_is_exit_2_as_a_sheet_with_no_rows() {
    let bytes = workbook(&format!(r#"<row r="1048576">{}</row>"#, cell("XFD1048576", "x")));
    let (code, stderr) = vk_batch_capped("last-cell.xlsx", &bytes);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("column names but no rows below them"), "{stderr}");
}

#[test]
fn a_workbook_unpacking_to_a_gigabyte_of_whitespace_is_exit_2_with_the_limit_named() {
    let (start, end) = sheet_around();
    let start = format!(r#"{start}<row r="1">{}</row>"#, cell("A1", "PAN"));
    let spaces: u64 = 1 << 30;
    let data = deflated_spaces(&start, spaces, end);
    let unpacked = (start.len() as u64 + spaces + end.len() as u64) as u32;
    // The CRC of a gigabyte is left at 0: a reader that unpacks it all finds that out only at the end.
    let sheet = Part { name: "xl/worksheets/sheet1.xml", data, method: 8, crc: 0, unpacked };
    let bytes = workbook_of(sheet);
    assert!(bytes.len() < 8 << 20, "a small file: {} bytes", bytes.len());
    let (code, stderr) = vk_batch_capped("whitespace.xlsx", &bytes);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("unpacks to more than 256 MB"), "{stderr}");
}
