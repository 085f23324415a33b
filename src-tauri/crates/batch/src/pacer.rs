//! Spaces out the start of sends so a run never goes faster than its rate, whatever its concurrency; on
//! RATE_LIMITED everyone holds until `Retry-After` and the rate is halved. (governor's quotas are fixed once
//! made; a run has to slow down while it goes, so this is its own small clock.)

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A start is booked this much later than the rate alone says: arrival jitter on the network must never make
/// one second on the server's side hold one request too many.
const MARGIN: f64 = 1.02;
/// Once slowed down, a run never goes slower than this (one request every five seconds).
const SLOWEST: f64 = 0.2;
/// The rate a run without a limit falls back to on its first RATE_LIMITED.
const FIRST_LIMIT: f64 = 10.0;

struct Slots {
    /// `None`: no limit.
    rate: Option<f64>,
    next: Instant,
    hold_until: Option<Instant>,
}

pub struct Pacer {
    slots: Mutex<Slots>,
}

fn interval(rate: f64) -> Duration {
    Duration::from_secs_f64(MARGIN / rate)
}

impl Pacer {
    /// `rate` requests per second at most; 0 or less means no limit.
    pub fn new(rate: f64) -> Self {
        let rate = (rate > 0.0).then_some(rate);
        Self { slots: Mutex::new(Slots { rate, next: Instant::now(), hold_until: None }) }
    }

    /// The rate in force now (`None`: no limit).
    pub fn rate(&self) -> Option<f64> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner()).rate
    }

    /// Waits for this send's turn (not at all when it is due: a timer that is already due still waits for the
    /// timer's next tick, about a millisecond, which would cap a run without a limit).
    pub async fn wait_turn(&self) {
        let at = {
            let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            let mut at = slots.next.max(now);
            if let Some(hold) = slots.hold_until {
                at = at.max(hold);
            }
            if let Some(rate) = slots.rate {
                slots.next = at + interval(rate);
            }
            (at > now).then_some(at)
        };
        if let Some(at) = at {
            tokio::time::sleep_until(at).await;
        }
    }

    /// The server said to slow down: nobody starts before `retry_after` from now, and the rate is halved (once
    /// per hold, however many sends in flight got the same answer).
    pub fn slow_down(&self, retry_after: Duration) {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let already_holding = slots.hold_until.is_some_and(|h| h > now);
        let until = now + retry_after;
        slots.hold_until = Some(slots.hold_until.map_or(until, |h| h.max(until)));
        if !already_holding {
            slots.rate = Some(slots.rate.map_or(FIRST_LIMIT, |r| (r / 2.0).max(SLOWEST)));
        }
        slots.next = slots.next.max(until);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn starts_are_spaced_by_the_rate_and_held_on_rate_limited() {
        let pacer = Pacer::new(10.0);
        let start = Instant::now();
        for _ in 0..5 {
            pacer.wait_turn().await;
        }
        let spent = start.elapsed().as_secs_f64();
        assert!((0.40..0.45).contains(&spent), "five starts at 10/s take four intervals: {spent}");

        pacer.slow_down(Duration::from_secs(2));
        pacer.slow_down(Duration::from_secs(1));
        assert_eq!(pacer.rate(), Some(5.0), "halved once for one hold");
        let held = Instant::now();
        pacer.wait_turn().await;
        assert!(held.elapsed() >= Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn no_limit_until_the_server_asks() {
        let pacer = Pacer::new(0.0);
        let start = Instant::now();
        for _ in 0..100 {
            pacer.wait_turn().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        pacer.slow_down(Duration::from_secs(1));
        assert_eq!(pacer.rate(), Some(FIRST_LIMIT));
    }
}
