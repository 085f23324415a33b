//! Caps for tests that feed hostile input to a reader: a memory cap on the whole test process, so an allocation
//! sized by what the input claims fails (and the test binary aborts, loudly) instead of swapping the machine, and
//! a deadline that ends the process when a test hangs. Dev-only: never linked into a shipped binary.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Once;
use std::time::Duration;

/// Limits the address space of this process to `bytes` (`RLIMIT_AS`), once per process; later calls keep the
/// first cap. Put property tests in a test binary of their own: the cap covers every test in that binary.
///
/// Leave room for the test harness's threads (each reserves its stack) and the allocator's arenas: 2 GiB holds
/// every reader here with a wide margin, and fails at once on an allocation of the sizes hostile files claim.
pub fn cap_memory(bytes: u64) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
        // SAFETY: setrlimit reads the struct we pass; it has no other effect on memory.
        let rc = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
        assert_eq!(rc, 0, "setrlimit(RLIMIT_AS) failed: {}", std::io::Error::last_os_error());
    });
}

/// The default memory cap for property tests of readers: 2 GiB.
pub const DEFAULT_MEMORY: u64 = 2 << 30;

/// Ends the whole process (exit code 124, as `timeout` does) unless dropped within `limit`: a test that hangs
/// fails with its name instead of holding CI until its own time runs out.
#[must_use = "the deadline holds only while the guard lives"]
pub struct Deadline {
    done: Option<Sender<()>>,
}

pub fn deadline(name: &'static str, limit: Duration) -> Deadline {
    let (done, wait) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(limit) {
            eprintln!("{name}: still running after {} s; a reader hung on its input", limit.as_secs());
            std::process::exit(124);
        }
    });
    Deadline { done: Some(done) }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
    }
}

/// Both caps at once, with the default memory cap: the usual first line of a hostile-input property test.
pub fn hostile(name: &'static str, limit: Duration) -> Deadline {
    cap_memory(DEFAULT_MEMORY);
    deadline(name, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_dropped_in_time_ends_nothing() {
        let guard = deadline("quick", Duration::from_secs(30));
        drop(guard);
        std::thread::sleep(Duration::from_millis(1));
        // Still here: the watcher thread saw the drop and did not end the process.
        let v: Vec<u8> = Vec::with_capacity(1024);
        assert_eq!(v.capacity(), 1024);
    }
}
