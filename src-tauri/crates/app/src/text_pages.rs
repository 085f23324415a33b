//! A large answer read as text, page by page: the raw body or its pretty form (written beside it once), cut
//! into rows of at most `ROW_BYTES` so one huge line becomes many short rows, indexed by where each row starts.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::body::BodyRef;

/// Pretty-printing reads the whole answer at once: above this size, Raw, the tree and saving remain.
pub const PRETTY_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The longest row shown; a longer line continues on the next row (cut between characters, never inside one).
pub const ROW_BYTES: usize = 240;

/// Rows of one text, by the byte each starts at.
pub struct TextPages {
    source: Source,
    starts: Vec<u64>,
    len: u64,
}

enum Source {
    Memory(Arc<Vec<u8>>),
    File(PathBuf),
}

/// Bytes read at a time while indexing: a file of any size is never held whole.
const BLOCK: usize = 1 << 20;

/// Where each row starts, and the length of the text.
fn row_starts(mut reader: impl Read) -> std::io::Result<(Vec<u64>, u64)> {
    let mut starts = Vec::new();
    let mut window: Vec<u8> = Vec::new(); // the text from `base` on
    let mut base = 0u64;
    let mut row = 0usize; // where the current row starts, in `window`
    let mut block = vec![0; BLOCK];
    let mut eof = false;
    loop {
        // Always more than a row's worth ahead of the row's start, unless the text ends sooner.
        while !eof && window.len() - row <= ROW_BYTES {
            let n = reader.read(&mut block)?;
            eof = n == 0;
            window.extend_from_slice(&block[..n]);
        }
        if row >= window.len() {
            break;
        }
        starts.push(base + row as u64);
        let line_end = window[row..].iter().take(ROW_BYTES).position(|&b| b == b'\n').map(|p| row + p + 1);
        row = match line_end {
            Some(next) => next,
            None if window.len() - row <= ROW_BYTES => window.len(),
            None => {
                let mut cut = row + ROW_BYTES;
                while cut > row + 1 && (window[cut] & 0b1100_0000) == 0b1000_0000 {
                    cut -= 1;
                }
                cut
            }
        };
        if row >= BLOCK {
            window.drain(..row);
            base += row as u64;
            row = 0;
        }
    }
    Ok((starts, base + window.len() as u64))
}

/// The pretty form of a body kept in a file: written once beside it, as `<body>.pretty`.
pub fn pretty_path(body: &Path) -> PathBuf {
    let mut name = body.as_os_str().to_owned();
    name.push(".pretty");
    PathBuf::from(name)
}

impl TextPages {
    /// Indexes a body as it is, or pretty-printed (written once beside a body kept in a file). Reads files:
    /// call off the async executor.
    pub fn build(body: &BodyRef, pretty: bool) -> std::io::Result<TextPages> {
        let (source, (starts, len)) = match (body, pretty) {
            (BodyRef::Memory(bytes), false) => (Source::Memory(bytes.clone()), row_starts(&bytes[..])?),
            (BodyRef::Memory(bytes), true) => {
                let mut out = Vec::with_capacity(bytes.len() * 2);
                vk_core::pretty::reformat(bytes, &mut out)?;
                let index = row_starts(&out[..])?;
                (Source::Memory(Arc::new(out)), index)
            }
            (BodyRef::File { path, .. }, false) => {
                (Source::File(path.clone()), row_starts(std::io::BufReader::new(std::fs::File::open(path)?))?)
            }
            (BodyRef::File { path, .. }, true) => {
                let target = pretty_path(path);
                if !target.exists() {
                    let raw = std::fs::read(path)?;
                    let mut partial = target.as_os_str().to_owned();
                    partial.push(".partial");
                    let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
                    if let Err(e) = vk_core::pretty::reformat(&raw, &mut out) {
                        // Refused (nested too deep) or not written: no half-written pretty file is left behind.
                        drop(out);
                        let _ = std::fs::remove_file(&partial);
                        return Err(e);
                    }
                    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                    std::fs::rename(&partial, &target)?;
                }
                let index = row_starts(std::io::BufReader::new(std::fs::File::open(&target)?))?;
                (Source::File(target), index)
            }
        };
        Ok(TextPages { source, starts, len })
    }

    pub fn rows(&self) -> u64 {
        self.starts.len() as u64
    }

    /// Rows `start..start + count` (fewer at the end), without their line breaks.
    pub fn page(&self, start: u64, count: u32) -> std::io::Result<Vec<String>> {
        let first = (start as usize).min(self.starts.len());
        let last = (first + count as usize).min(self.starts.len());
        if first == last {
            return Ok(Vec::new());
        }
        let from = self.starts[first];
        let to = self.starts.get(last).copied().unwrap_or(self.len);
        let bytes = match &self.source {
            Source::Memory(bytes) => bytes[from as usize..to as usize].to_vec(),
            Source::File(path) => {
                let mut file = std::fs::File::open(path)?;
                file.seek(SeekFrom::Start(from))?;
                let mut buf = vec![0; (to - from) as usize];
                file.read_exact(&mut buf)?;
                buf
            }
        };
        Ok((first..last)
            .map(|r| {
                let a = (self.starts[r] - from) as usize;
                let b = (self.starts.get(r + 1).copied().unwrap_or(self.len) - from) as usize;
                let row = &bytes[a..b];
                let row = row.strip_suffix(b"\n").unwrap_or(row);
                String::from_utf8_lossy(row.strip_suffix(b"\r").unwrap_or(row)).into_owned()
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_become_rows_cut_between_characters() {
        let line = "अ".repeat(200); // 600 bytes of three-byte characters
        let text = format!("first\n{line}\nlast");
        let pages = TextPages::build(&BodyRef::Memory(Arc::new(text.clone().into_bytes())), false).unwrap();
        let rows = pages.page(0, 100).unwrap();
        assert_eq!(rows.first().unwrap(), "first");
        assert_eq!(rows.last().unwrap(), "last");
        assert!(rows.len() >= 5, "{rows:?}");
        assert_eq!(rows[1..rows.len() - 1].concat(), line);
        assert!(rows.iter().all(|r| r.len() <= ROW_BYTES && !r.contains('\u{fffd}')));
        assert_eq!(pages.page(1, 2).unwrap(), rows[1..3]);
        assert!(pages.page(pages.rows(), 10).unwrap().is_empty());
    }

    #[test]
    fn a_long_text_is_indexed_across_blocks_as_in_one_piece() {
        let text: String = (0..40_000).map(|i| format!("line {i} {}\n", "é".repeat(i % 300))).collect();
        assert!(text.len() > 3 * BLOCK);
        let (starts, len) = row_starts(std::io::Cursor::new(text.as_bytes())).unwrap();
        assert_eq!(len, text.len() as u64);
        // Every row starts at the start of a line or inside a long one, never inside a character.
        assert!(starts.iter().all(|&s| text.is_char_boundary(s as usize)));
        let lines = starts.iter().filter(|&&s| s == 0 || text.as_bytes()[s as usize - 1] == b'\n').count();
        assert_eq!(lines, 40_000);
        assert!(starts.windows(2).all(|w| w[1] - w[0] <= ROW_BYTES as u64));
    }

    #[test]
    fn a_file_is_paged_as_it_is_and_pretty_printed_beside_it() {
        let dir = std::env::temp_dir().join(format!("vk-text-pages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("answer.body");
        std::fs::write(&path, br#"{"success":true,"data":{"items":[1,2,3]}}"#).unwrap();
        let body = BodyRef::File { path: path.clone(), len: 0 };
        assert_eq!(TextPages::build(&body, false).unwrap().page(0, 10).unwrap().len(), 1);
        let pretty = TextPages::build(&body, true).unwrap();
        assert!(pretty_path(&path).exists());
        assert_eq!(pretty.page(0, 3).unwrap(), ["{", "  \"success\": true,", "  \"data\": {"]);
        assert_eq!(pretty.rows(), 10);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
