//! The trend chart: up to four slogans' use by year over the dated
//! documents, per 10,000 chars (or raw counts, `c`), drawn with ratatui's
//! `Chart` (`chart`). ←/→ (h/l) move between the years that have
//! documents; Enter lists the focused slogan's uses in that year (the
//! occurrence list, filtered), Enter there reads one. `a` picks another
//! slogan in a slogan finder of its own, `d` removes the focused one,
//! Tab focuses the next.
//!
//! The series are `analysis::Calendar::by_year` of each slogan's own
//! occurrences (the slogan index's), with `first_last` for the first and
//! last use, computed once when a slogan is added: the screen's own work
//! is a pass over one slogan's occurrences.
//!
//! What always holds: at most `MAX_SERIES` slogans, at least one; the
//! selected year is always one with documents; a year without documents
//! is a gap in every series (no point, the line broken), never a zero.

mod chart;

use super::finder::Finder;
use super::occurrences::Occurrences;
use crate::analysis::YearPoint;
use crate::config::{Action, Key, View};
use crate::slogans::Occurrence;
use crate::tui::component::{Component, Outcome, Screen};
use crate::tui::context::Context;
use crate::tui::indexes::Indexes;
use crate::tui::years::{slots, Slot};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Slogans one chart overlays.
pub const MAX_SERIES: usize = 4;

/// One slogan on the chart.
#[derive(Clone, Debug)]
pub struct Series {
    /// Index into the slogan index.
    pub slogan: usize,
    pub text: String,
    /// Every year of the calendar's span, gaps included.
    pub years: Vec<YearPoint>,
    /// Its first and last use among dated documents.
    pub first: Option<Occurrence>,
    pub last: Option<Occurrence>,
}

impl Series {
    fn of(ix: &Indexes, slogan: usize) -> Series {
        let s = &ix.slogans.slogans[slogan];
        let cal = &ix.calendar;
        let fl = cal.first_last(&s.occurrences);
        Series {
            slogan,
            text: s.text.clone(),
            years: cal.by_year(&s.occurrences),
            first: fl.map(|f| f.0),
            last: fl.map(|f| f.1),
        }
    }

    /// The value charted for `p`: per 10,000 chars, or the count.
    pub fn value(p: &YearPoint, counts: bool) -> Option<f64> {
        if counts {
            p.count().map(|c| c as f64)
        } else {
            p.per10k()
        }
    }
}

/// The trend screen.
pub struct TrendScreen {
    pub series: Vec<Series>,
    /// The series Enter and `d` act on.
    pub focus: usize,
    /// Raw counts instead of per 10,000 chars.
    pub counts: bool,
    /// The selected slot (always a year with documents, when there is one).
    pub slot: usize,
    /// The year axis: the calendar's years, a gap run one slot.
    pub slots: Vec<Slot>,
    /// Where Esc goes back to.
    pub back: Screen,
    /// The selected year's uses, when listed.
    pub occurrences: Option<Occurrences>,
    /// A slogan finder to pick one more slogan, when open.
    pub picker: Option<Finder>,
}

impl TrendScreen {
    /// The chart of `slogan` (the index must be there: a slogan was chosen
    /// from it); Esc goes back to `back`.
    pub fn new(cx: &Context, slogan: usize, back: Screen) -> TrendScreen {
        let mut t = TrendScreen {
            series: Vec::new(),
            focus: 0,
            counts: false,
            slot: 0,
            slots: Vec::new(),
            back,
            occurrences: None,
            picker: None,
        };
        if let Some(ix) = cx.indexes.as_ref() {
            t.slots = slots(&ix.calendar.by_year(&[]));
            t.add(ix, slogan);
            // Start on the latest year with documents.
            t.slot = t.year_slots().last().copied().unwrap_or(0);
        }
        t
    }

    /// Add a slogan (focused; one already there is focused, not added twice).
    pub fn add(&mut self, ix: &Indexes, slogan: usize) -> bool {
        if let Some(k) = self.series.iter().position(|s| s.slogan == slogan) {
            self.focus = k;
            return false;
        }
        if self.series.len() >= MAX_SERIES {
            return false;
        }
        self.series.push(Series::of(ix, slogan));
        self.focus = self.series.len() - 1;
        true
    }

    /// The slots that are years with documents, in order.
    pub fn year_slots(&self) -> Vec<usize> {
        (0..self.slots.len())
            .filter(|&i| !self.slots[i].is_gap())
            .collect()
    }

    /// The selected year.
    pub fn year(&self) -> Option<i32> {
        self.slots.get(self.slot).and_then(|s| s.year())
    }

    /// Move to the `step`-th year with documents from here (clamped).
    fn move_year(&mut self, step: isize) -> bool {
        let ys = self.year_slots();
        let Some(at) = ys.iter().position(|&s| s == self.slot) else {
            return false;
        };
        let to = at
            .saturating_add_signed(step)
            .min(ys.len().saturating_sub(1));
        let changed = ys[to] != self.slot;
        self.slot = ys[to];
        changed
    }

    /// Enter: the focused slogan's uses in the selected year.
    fn list_year(&mut self, cx: &mut Context) -> Outcome {
        let (Some(ix), Some(year)) = (cx.indexes.clone(), self.year()) else {
            return Outcome::Done(false);
        };
        let Some(s) = self.series.get(self.focus) else {
            return Outcome::Done(false);
        };
        let cal = &ix.calendar;
        let o = Occurrences::filtered(&ix, s.slogan, format!("{year} 年"), |o| {
            cal.year(o.doc) == Some(year)
        });
        if o.is_empty(&ix) {
            cx.message = Some(format!("{} 在 {year} 年没有用例", s.text));
            return Outcome::Done(true);
        }
        self.occurrences = Some(o);
        Outcome::Done(true)
    }

    /// Take what the picker's search worker has sent.
    pub fn poll(&mut self) -> bool {
        self.picker.as_mut().is_some_and(|f| f.poll())
    }

    /// The index arrived (or changed): the picker matches again.
    pub fn refresh(&mut self, cx: &Context) {
        if let Some(f) = self.picker.as_mut() {
            f.refresh(cx);
        }
    }

    pub fn busy(&self) -> bool {
        self.picker.as_ref().is_some_and(|f| f.busy())
    }

    /// What the picker or the occurrence list handed back.
    fn handle_sub(&mut self, cx: &mut Context, out: Outcome) -> Outcome {
        match out {
            Outcome::Close => {
                self.picker = None;
                self.occurrences = None;
                Outcome::Done(true)
            }
            Outcome::Pick(i) => {
                self.picker = None;
                if let Some(ix) = cx.indexes.clone() {
                    self.add(&ix, i);
                }
                Outcome::Done(true)
            }
            // `t` in the year's list: this is its chart.
            Outcome::Trend(_) => {
                self.occurrences = None;
                Outcome::Done(true)
            }
            out => out,
        }
    }
}

impl Component for TrendScreen {
    fn view(&self) -> View {
        if let Some(f) = &self.picker {
            return f.view();
        }
        if self.occurrences.is_some() {
            return View::Occurrences;
        }
        View::Trend
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        let out = if let Some(f) = self.picker.as_mut() {
            f.key(cx, key)
        } else if let Some(o) = self.occurrences.as_mut() {
            o.key(cx, key)
        } else {
            return Outcome::Ignored;
        };
        self.handle_sub(cx, out)
    }

    fn action(&mut self, cx: &mut Context, action: Action) -> Outcome {
        if let Some(f) = self.picker.as_mut() {
            let out = f.action(cx, action);
            return self.handle_sub(cx, out);
        }
        if let Some(o) = self.occurrences.as_mut() {
            let out = o.action(cx, action);
            return self.handle_sub(cx, out);
        }
        let done = Outcome::Done;
        match action {
            Action::PrevYear => done(self.move_year(-1)),
            Action::NextYear => done(self.move_year(1)),
            Action::Top => done(self.move_year(isize::MIN)),
            Action::Bottom => done(self.move_year(isize::MAX)),
            Action::Open => self.list_year(cx),
            Action::ToggleCounts => {
                self.counts = !self.counts;
                done(true)
            }
            Action::NextSeries => {
                let n = self.series.len().max(1);
                let old = self.focus;
                self.focus = (self.focus + 1) % n;
                done(self.focus != old)
            }
            Action::AddSeries if self.series.len() >= MAX_SERIES => {
                cx.message = Some(format!("最多 {MAX_SERIES} 条 (d 删去一条)"));
                done(true)
            }
            Action::AddSeries => {
                self.picker = Some(Finder::picker(cx, Screen::Trend));
                done(true)
            }
            Action::RemoveSeries if self.series.len() <= 1 => {
                cx.message = Some("图上只剩这一条 (Esc 返回)".into());
                done(true)
            }
            Action::RemoveSeries => {
                self.series.remove(self.focus);
                self.focus = self.focus.min(self.series.len() - 1);
                done(true)
            }
            Action::Back => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        if let Some(f) = &self.picker {
            return f.draw(cx, buf, area);
        }
        if let Some(o) = &self.occurrences {
            // The occurrence list draws under a title row of its own.
            chart::title(self, cx, buf, area);
            return o.draw(cx, buf, area);
        }
        chart::draw(self, cx, buf, area);
    }
}
