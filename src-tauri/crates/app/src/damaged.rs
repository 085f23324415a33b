//! The unfinished batch runs of a data file found damaged at start: what to tell the user, and which starts to confirm.

/// The unfinished batch runs of a data file that was damaged when the app started.
pub enum DamagedRuns {
    /// Nothing was damaged.
    Nothing,
    /// The runs it still showed (running or paused): their results are lost with it.
    Runs(Vec<vk_store::DamagedRun>),
    /// It could not be read at all: any sheet may have been running.
    Unreadable,
}

impl DamagedRuns {
    /// Why starting the run of `fingerprint` must be confirmed first, if it must.
    pub fn question(&self, fingerprint: &str, sheet: &str) -> Option<String> {
        let again = "Starting again sends every row again (on the live API, each is paid for again).";
        match self {
            DamagedRuns::Nothing => None,
            DamagedRuns::Runs(runs) => runs.iter().find(|r| r.fingerprint == fingerprint).map(|lost| {
                let done = lost.done.map_or("some".to_string(), |n| n.to_string());
                format!(
                    "“{}” was being run when the data file was damaged: {done} of its {} rows were already sent, and \
                     their results were lost with the file. {again}",
                    lost.name, lost.row_count
                )
            }),
            DamagedRuns::Unreadable => Some(format!(
                "The data file was damaged and what it held cannot be read: a run of “{sheet}” may have been under way, \
                 and its results are lost. Check your records of which rows were sent. {again}"
            )),
        }
    }
}

/// What a damaged data file's unfinished batch runs mean, for the startup notice (empty when it held none).
pub fn damaged_runs_notice(runs: Option<&[vk_store::DamagedRun]>) -> String {
    match runs {
        Some([]) => String::new(),
        None => " Whether it held unfinished batch runs cannot be read: before running a sheet again, check in \
                 your records which rows were already sent."
            .into(),
        Some(runs) => {
            let names: Vec<String> = runs.iter().take(3).map(|r| format!("“{}”", r.name)).collect();
            let done: u32 = runs.iter().filter_map(|r| r.done).sum();
            format!(
                " It held {} unfinished batch run(s) ({}), with at least {done} rows already sent. Their results are \
                 lost with it: running the same sheet again sends every row again, so VK Workspace asks first.",
                runs.len(),
                names.join(", ")
            )
        }
    }
}
