//! The year axis that the trend chart and the slogan list's sparklines
//! share, and the sparklines themselves.
//!
//! The axis runs over the corpus's year range (the calendar's span), one
//! slot per year that has documents and **one slot per run of years
//! without any** (`Slot::Gap`), so a corpus with a 1937 speech and reports
//! from 2008 on does not squeeze the reports into a corner, and a gap is
//! still a gap — drawn as one, never as a zero.
//!
//! What always holds:
//! - slots are in year order and cover the span: consecutive slots are
//!   consecutive years or a gap run between them;
//! - a sparkline bar is a gap only where every year under it has no
//!   documents, blank where its years have documents and no use, and
//!   otherwise one of the eight levels ▁…█, `ceil(8 × count ÷ max)`,
//!   so any use shows and the largest count is a full block.

use crate::analysis::YearPoint;
use crate::text::width::{char_width, AmbiWidth};

/// One place on the year axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A year with documents.
    Year(i32),
    /// A run of years (first, last) without documents.
    Gap(i32, i32),
}

impl Slot {
    pub fn is_gap(self) -> bool {
        matches!(self, Slot::Gap(..))
    }

    /// The year of a year slot.
    pub fn year(self) -> Option<i32> {
        match self {
            Slot::Year(y) => Some(y),
            Slot::Gap(..) => None,
        }
    }
}

/// The slots of a year series (every year of the span, gaps included, as
/// `Calendar::by_year` gives it).
pub fn slots(points: &[YearPoint]) -> Vec<Slot> {
    let mut out: Vec<Slot> = Vec::new();
    for p in points {
        match (p.is_gap(), out.last_mut()) {
            (true, Some(Slot::Gap(_, last))) => *last = p.year,
            (true, _) => out.push(Slot::Gap(p.year, p.year)),
            (false, _) => out.push(Slot::Year(p.year)),
        }
    }
    out
}

/// The slot a year falls in.
pub fn slot_of(slots: &[Slot], year: i32) -> Option<usize> {
    slots.iter().position(|s| match *s {
        Slot::Year(y) => y == year,
        Slot::Gap(a, b) => (a..=b).contains(&year),
    })
}

/// One bar of a sparkline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bar {
    /// No documents in these years.
    Gap,
    /// Documents, and no use.
    Zero,
    /// 1 (▁) to 8 (█).
    Level(u8),
}

/// The bars of a series' sparkline in at most `cells` bars: one per slot,
/// or, when there are more slots than that, slots merged evenly into
/// `cells` buckets (counts added up).
pub fn sparkline(points: &[YearPoint], cells: usize) -> Vec<Bar> {
    // (any documents, count) per slot.
    let mut per_slot: Vec<(bool, usize)> = Vec::new();
    let mut last_gap = false;
    for p in points {
        if p.is_gap() {
            if !last_gap {
                per_slot.push((false, 0));
            }
        } else {
            per_slot.push((true, p.count));
        }
        last_gap = p.is_gap();
    }
    let n = per_slot.len();
    if n == 0 || cells == 0 {
        return Vec::new();
    }
    let buckets: Vec<(bool, usize)> = if n <= cells {
        per_slot
    } else {
        (0..cells)
            .map(|k| {
                let (a, b) = (k * n / cells, (k + 1) * n / cells);
                per_slot[a..b.max(a + 1)]
                    .iter()
                    .fold((false, 0), |(d, c), &(d2, c2)| (d || d2, c + c2))
            })
            .collect()
    };
    let max = buckets.iter().map(|b| b.1).max().unwrap_or(0);
    buckets
        .into_iter()
        .map(|(docs, count)| match (docs, count) {
            (false, _) => Bar::Gap,
            (true, 0) => Bar::Zero,
            (true, c) => Bar::Level(c.saturating_mul(8).div_ceil(max).clamp(1, 8) as u8),
        })
        .collect()
}

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Cells one bar takes: the block elements are East Asian Ambiguous, two
/// cells wide where the terminal draws ambiguous characters wide.
pub fn bar_width(ambi: AmbiWidth) -> usize {
    char_width('▁', ambi)
}

/// The bars as text: ▁…█, a space for no use, `·` for no documents (in
/// A=2 a blank is two spaces, as wide as a bar).
pub fn bars_text(bars: &[Bar], ambi: AmbiWidth) -> String {
    let blank = " ".repeat(bar_width(ambi));
    bars.iter()
        .map(|b| match *b {
            Bar::Gap => "·".to_string(),
            Bar::Zero => blank.clone(),
            Bar::Level(l) => LEVELS[(l.clamp(1, 8) - 1) as usize].to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(year: i32, docs: usize, count: usize) -> YearPoint {
        YearPoint {
            year,
            docs,
            chars: docs * 1000,
            count,
        }
    }

    #[test]
    fn gap_runs_are_one_slot_and_years_with_documents_one_each() {
        let pts = [
            pt(2000, 1, 0),
            pt(2001, 0, 0),
            pt(2002, 0, 0),
            pt(2003, 2, 5),
            pt(2004, 0, 0),
            pt(2005, 1, 1),
        ];
        let s = slots(&pts);
        assert_eq!(
            s,
            [
                Slot::Year(2000),
                Slot::Gap(2001, 2002),
                Slot::Year(2003),
                Slot::Gap(2004, 2004),
                Slot::Year(2005)
            ]
        );
        assert_eq!(slot_of(&s, 2002), Some(1));
        assert_eq!(slot_of(&s, 2005), Some(4));
        assert_eq!(slot_of(&s, 1999), None);
        let bars = sparkline(&pts, 10);
        assert_eq!(
            bars,
            [Bar::Zero, Bar::Gap, Bar::Level(8), Bar::Gap, Bar::Level(2)]
        );
        assert_eq!(bars_text(&bars, AmbiWidth::One), " ·█·▂");
        assert_eq!(bars_text(&bars, AmbiWidth::Two), "  ·█·▂");
    }

    #[test]
    fn more_slots_than_cells_are_merged_and_any_use_shows() {
        let pts: Vec<YearPoint> = (0..40)
            .map(|i| pt(1980 + i, 1, usize::from(i == 3) + 10 * usize::from(i == 39)))
            .collect();
        let bars = sparkline(&pts, 20);
        assert_eq!(bars.len(), 20);
        // Years 1982–1983 are bucket 1: one use against a largest of ten.
        assert_eq!(bars[1], Bar::Level(1));
        assert_eq!(bars[19], Bar::Level(8));
        assert_eq!(bars[5], Bar::Zero);
    }
}
