//! What changed in the workspace's data: every write announces it, and the window refreshes only that.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;
use vk_batch::Progress;
use vk_store::history::HistorySummary;

/// One change, as the window hears it (the shell forwards each as the one event `vk-change`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "what", rename_all = "snake_case")]
#[ts(export)]
pub enum Change {
    /// A send was recorded: the list shows it at the top without reading the list again.
    HistoryAdded {
        entry: HistorySummary,
    },
    /// History changed otherwise (deleted, cleared, retention, a run's sends).
    History,
    Collections,
    Environments,
    /// A batch run moved on or changed state.
    BatchRun {
        event: BatchEvent,
    },
}

/// What the page hears about runs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum BatchEvent {
    Progress {
        #[ts(type = "number")]
        run_id: i64,
        progress: Progress,
    },
    /// A run started, paused, finished, was cancelled or deleted.
    Changed {
        #[ts(type = "number")]
        run_id: i64,
    },
}

type Listener = Arc<dyn Fn(Change) + Send + Sync>;

/// Where changes are announced: one listener (the shell's), none in tests that do not ask.
#[derive(Default)]
pub struct Changes {
    listener: Mutex<Option<Listener>>,
}

impl Changes {
    pub fn set_listener(&self, listener: impl Fn(Change) + Send + Sync + 'static) {
        *self.listener.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(listener));
    }

    pub fn announce(&self, change: Change) {
        let listener = self.listener.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(listener) = listener {
            listener(change);
        }
    }
}
