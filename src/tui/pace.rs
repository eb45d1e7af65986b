//! Frame pacing by acknowledgement: draw the next frame only when the
//! terminal has taken the last ones in, so a held key over a thin link
//! never builds a backlog of frames.
//!
//! The backend follows every frame with a device attributes query (DA1);
//! the terminal answers once it has read the frame. Until then the loop
//! keeps handling keys and only the drawing waits, so what changed in the
//! meantime goes out as one frame.
//!
//! Waiting for every answer would add up to a round trip to a link that
//! is not full (the last key's frame waits for the one before it), so a
//! frame may also go out while others are unanswered when the link is
//! free by an estimate of its rate: frames of `TIMED_FRAME` bytes or more
//! are bracketed by two queries, and the gap between the two answers is
//! the frame's time on the wire. With that rate the pacer knows when the
//! frames it sent have left the link, and sends the next then (at most
//! `MAX_IN_FLIGHT` unanswered). A link that only carries 8 KB/s gets a
//! page every 0.3 s; a fast one with a long delay gets every frame.
//!
//! What always holds:
//! - It never holds back a frame longer than `FIRST_TIMEOUT` before the
//!   terminal has answered once, nor `TIMEOUT` after: a terminal that never
//!   answers costs one wait of `FIRST_TIMEOUT`, then it is no longer asked
//!   (`asking` is false) and frames go out as they come, as without
//!   pacing. It is asked again if a late answer shows it does answer.
//! - Answers come in the order of the queries, so each answer belongs to
//!   the oldest query not yet answered.
//! - Pure: times are passed in, so it is tested without a terminal.

use super::backend::Sent;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Before any answer: how long to wait for the first one.
pub const FIRST_TIMEOUT: Duration = Duration::from_secs(1);
/// After answers have come: how long one may be late before its frame is
/// taken as seen (the answer lost, or the link stalled).
pub const TIMEOUT: Duration = Duration::from_secs(2);
/// Frames that may be unanswered at once when the link is free.
pub const MAX_IN_FLIGHT: usize = 8;
/// Rate samples kept; the estimate is their median.
const SAMPLES: usize = 5;

/// A frame the terminal has not answered for yet.
#[derive(Debug)]
struct Frame {
    sent: Instant,
    bytes: usize,
    /// Answers still to come: 2 for a timed frame, then 1.
    answers: u8,
    /// When the answer before a timed frame came.
    first: Option<Instant>,
}

#[derive(Debug)]
pub struct Pacer {
    asking: bool,
    answered: bool,
    frames: VecDeque<Frame>,
    /// Link rates measured, bytes per second, newest last.
    rates: VecDeque<f64>,
}

impl Pacer {
    /// A pacer that asks (`on`), or one that never holds a frame back.
    pub fn new(on: bool) -> Pacer {
        Pacer {
            asking: on,
            answered: false,
            frames: VecDeque::new(),
            rates: VecDeque::new(),
        }
    }

    /// Pacing unless `TIFA_PACING` is `off` (or `0`, `no`, `false`).
    pub fn from_env() -> Pacer {
        let off = std::env::var("TIFA_PACING").is_ok_and(|v| {
            matches!(
                v.to_ascii_lowercase().as_str(),
                "off" | "0" | "no" | "false"
            )
        });
        Pacer::new(!off)
    }

    /// Should frames be followed by a query?
    pub fn asking(&self) -> bool {
        self.asking
    }

    /// A frame went out (with its queries when `asking`).
    pub fn sent(&mut self, now: Instant, s: Sent) {
        if self.asking {
            self.frames.push_back(Frame {
                sent: now,
                bytes: s.bytes,
                answers: if s.timed { 2 } else { 1 },
                first: None,
            });
        }
    }

    /// The terminal answered a query.
    pub fn answer(&mut self, now: Instant) {
        self.answered = true;
        let Some(f) = self.frames.front_mut() else {
            // A late answer after giving up: this terminal does answer.
            self.asking = true;
            return;
        };
        f.answers -= 1;
        if f.answers == 1 {
            f.first = Some(now);
            return;
        }
        if let Some(first) = f.first {
            let secs = now.saturating_duration_since(first).as_secs_f64().max(1e-3);
            self.rates.push_back(f.bytes as f64 / secs);
            if self.rates.len() > SAMPLES {
                self.rates.pop_front();
            }
        }
        self.frames.pop_front();
    }

    /// The link's rate, bytes per second, once measured.
    pub fn rate(&self) -> Option<f64> {
        let mut r: Vec<f64> = self.rates.iter().copied().collect();
        r.sort_by(f64::total_cmp);
        r.get(r.len() / 2).copied()
    }

    fn timeout(&self) -> Duration {
        if self.answered {
            TIMEOUT
        } else {
            FIRST_TIMEOUT
        }
    }

    /// Give up on answers that are too late: before any came, stop
    /// asking; after, take the oldest frame as seen.
    pub fn tick(&mut self, now: Instant) {
        while let Some(f) = self.frames.front() {
            if now < f.sent + self.timeout() {
                break;
            }
            if self.answered {
                self.frames.pop_front();
            } else {
                self.asking = false;
                self.frames.clear();
            }
        }
    }

    /// When the frames sent will have left the link, by its rate.
    fn link_free(&self) -> Option<Instant> {
        let rate = self.rate()?;
        let mut t = self.frames.front()?.sent;
        for f in &self.frames {
            t = t.max(f.sent) + Duration::from_secs_f64(f.bytes as f64 / rate);
        }
        Some(t)
    }

    /// May the next frame go out now?
    pub fn ready(&self, now: Instant) -> bool {
        self.wait(now).is_none()
    }

    /// How long the next frame has to wait, at most; `None`: not at all.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        let oldest = self.frames.front()?;
        if !self.asking {
            return None;
        }
        let mut until = oldest.sent + self.timeout();
        if self.frames.len() < MAX_IN_FLIGHT {
            if let Some(free) = self.link_free() {
                until = until.min(free);
            }
        }
        until.checked_duration_since(now).filter(|d| !d.is_zero())
    }

    /// The terminal was left and taken back (Ctrl-Z): answers to the
    /// queries before may never come.
    pub fn reset(&mut self) {
        self.frames.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn frame(bytes: usize) -> Sent {
        Sent {
            bytes,
            timed: bytes >= super::super::backend::TIMED_FRAME,
        }
    }

    #[test]
    fn the_next_frame_waits_for_the_answer() {
        let t0 = Instant::now();
        let mut p = Pacer::new(true);
        assert!(p.ready(t0));
        p.sent(t0, frame(200));
        assert!(!p.ready(t0 + ms(100)));
        assert_eq!(p.wait(t0 + ms(100)), Some(ms(900)));
        p.answer(t0 + ms(200));
        assert!(p.ready(t0 + ms(200)));
    }

    #[test]
    fn a_terminal_that_never_answers_is_waited_for_once_then_not_asked() {
        let t0 = Instant::now();
        let mut p = Pacer::new(true);
        p.sent(t0, frame(3000));
        p.tick(t0 + ms(999));
        assert!(p.asking() && !p.ready(t0 + ms(999)));
        p.tick(t0 + FIRST_TIMEOUT);
        assert!(!p.asking());
        assert!(p.ready(t0 + FIRST_TIMEOUT));
        // Frames now go out as they come, unasked.
        p.sent(t0 + ms(1001), frame(3000));
        assert!(p.ready(t0 + ms(1002)));
        // A late answer: it does answer after all.
        p.answer(t0 + ms(1500));
        assert!(p.asking());
    }

    #[test]
    fn the_gap_between_two_answers_measures_the_link() {
        let t0 = Instant::now();
        let mut p = Pacer::new(true);
        // 2,400 bytes took 300 ms on the wire: 8,000 B/s.
        p.sent(t0, frame(2400));
        p.answer(t0 + ms(200));
        assert!(!p.ready(t0 + ms(300)), "one answer of two");
        p.answer(t0 + ms(500));
        assert_eq!(p.rate().map(|r| r.round()), Some(8000.0));
        // The next frame is free to go when the one before has left the
        // link (300 ms after it was sent), answered or not.
        let t1 = t0 + ms(600);
        p.sent(t1, frame(2400));
        assert_eq!(p.wait(t1 + ms(100)), Some(ms(200)));
        assert!(p.ready(t1 + ms(300)));
        p.sent(t1 + ms(300), frame(2400));
        assert_eq!(p.wait(t1 + ms(300)), Some(ms(300)));
    }

    #[test]
    fn a_fast_link_with_a_long_delay_is_not_held_to_one_frame_a_round_trip() {
        let t0 = Instant::now();
        let mut p = Pacer::new(true);
        // Both answers at once: the frame took no time on the wire.
        p.sent(t0, frame(2400));
        p.answer(t0 + ms(200));
        p.answer(t0 + ms(200));
        let t1 = t0 + ms(300);
        for i in 0..MAX_IN_FLIGHT as u32 {
            let now = t1 + ms(33) * i;
            assert!(p.ready(now), "frame {i} waits");
            p.sent(now, frame(2400));
        }
        // But never more than MAX_IN_FLIGHT unanswered.
        let now = t1 + ms(33) * MAX_IN_FLIGHT as u32;
        assert!(!p.ready(now));
        p.answer(now);
        p.answer(now);
        assert!(p.ready(now));
    }

    #[test]
    fn a_late_answer_lets_the_frame_go_after_the_timeout() {
        let t0 = Instant::now();
        let mut p = Pacer::new(true);
        p.sent(t0, frame(100));
        p.answer(t0 + ms(100));
        p.sent(t0 + ms(200), frame(100));
        assert!(!p.ready(t0 + ms(2100)));
        p.tick(t0 + ms(2200));
        assert!(p.asking() && p.ready(t0 + ms(2200)));
    }

    #[test]
    fn off_never_waits() {
        let t0 = Instant::now();
        let mut p = Pacer::new(false);
        p.sent(t0, frame(5000));
        assert!(!p.asking() && p.ready(t0));
    }
}
