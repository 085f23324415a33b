//! Where the page may have the app write a file: only a path the user chose in the app's own save dialog, opened
//! by the app in this session. The page names the path back to a write command, but it cannot invent one: a path
//! never chosen (`~/.bashrc`, another app's settings) is refused and nothing is written. Knows nothing of Tauri.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::AppError;

/// The paths chosen in the save dialog and not yet written.
#[derive(Default)]
pub struct FileGrants {
    chosen: Mutex<HashSet<PathBuf>>,
}

impl FileGrants {
    /// Records a path the user chose in the app's save dialog.
    pub fn grant(&self, path: PathBuf) {
        self.chosen.lock().unwrap_or_else(|p| p.into_inner()).insert(path);
    }

    /// Takes the grant for `path`: each choice in the dialog allows one write.
    // NOTE: single use, so a page that once learnt a chosen path cannot write there again and again later.
    pub fn take(&self, path: &Path) -> Result<(), AppError> {
        if self.chosen.lock().unwrap_or_else(|p| p.into_inner()).remove(path) {
            return Ok(());
        }
        Err(AppError::invalid(format!(
            "{} was not chosen in the Save dialog, so nothing was written there. Press Save again and choose where \
                 the file goes.",
            path.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_path_is_written_once_and_no_other_ever() {
        let grants = FileGrants::default();
        let chosen = PathBuf::from("/home/user/Downloads/answer.json");
        assert!(grants.take(&chosen).is_err(), "not chosen yet");
        grants.grant(chosen.clone());
        assert!(grants.take(Path::new("/home/user/.bashrc")).is_err());
        assert!(grants.take(Path::new("/home/user/Downloads/answer.json/../../.bashrc")).is_err());
        assert!(grants.take(&chosen).is_ok());
        let again = grants.take(&chosen).unwrap_err();
        assert!(again.to_string().contains("Save dialog"), "{again}");
    }
}
