//! Where one answer's body is: in memory, or in the file it was streamed to.

use std::path::PathBuf;
use std::sync::Arc;

/// Where a body is.
#[derive(Debug, Clone)]
pub enum BodyRef {
    Memory(Arc<Vec<u8>>),
    File { path: PathBuf, len: u64 },
}

impl BodyRef {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> u64 {
        match self {
            BodyRef::Memory(bytes) => bytes.len() as u64,
            BodyRef::File { len, .. } => *len,
        }
    }

    /// The whole body. Reads the file for a streamed body: call off the async executor.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            BodyRef::Memory(bytes) => Ok(bytes.as_ref().clone()),
            BodyRef::File { path, .. } => std::fs::read(path),
        }
    }
}
