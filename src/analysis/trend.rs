//! Trend series: how much a text is used, year by year or document by
//! document, over the dated documents of a corpus.
//!
//! What always holds:
//! - Only dated documents count (and, when years are asked for, only
//!   those of those years); a document's year is the first four digits
//!   of its date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
//! - A year series runs from the first to the last year that has a dated
//!   document. A year in between with no document is a gap
//!   ([`YearPoint::is_gap`]: no documents, no count, no rate), never a
//!   zero: "not used" and "nothing to read" are different answers.
//! - `per10k` is count × 10,000 ÷ chars, `chars` the total chars of the
//!   documents counted (their [`Document::chars`], as `tifa list` shows).
//! - The first and last use are the occurrences in the earliest and the
//!   latest dated document (by date, then corpus order, then position).

use crate::corpus::Document;
use crate::search::{occurrences, Candidates};
use crate::slogans::Occurrence;

/// The year of a date: its first four chars, when they are digits.
pub fn year_of(date: &str) -> Option<i32> {
    let y = date.get(..4)?;
    if y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

/// One year of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearPoint {
    pub year: i32,
    /// Dated documents of that year (0: a gap).
    pub docs: usize,
    /// Their total chars.
    pub chars: usize,
    /// Occurrences in them (0 in a gap, where it means nothing).
    pub count: usize,
}

impl YearPoint {
    /// No document of this year: nothing was counted.
    pub fn is_gap(&self) -> bool {
        self.docs == 0
    }
    /// The count, or `None` in a gap.
    pub fn count(&self) -> Option<usize> {
        (!self.is_gap()).then_some(self.count)
    }
    /// Occurrences per 10,000 chars, or `None` in a gap.
    pub fn per10k(&self) -> Option<f64> {
        per10k(self.count, self.chars).filter(|_| !self.is_gap())
    }
}

/// One dated document of a series.
#[derive(Clone, Debug, PartialEq)]
pub struct DocPoint {
    /// Index into the corpus's documents.
    pub doc: usize,
    pub date: String,
    pub year: i32,
    pub chars: usize,
    pub count: usize,
}

impl DocPoint {
    pub fn per10k(&self) -> Option<f64> {
        per10k(self.count, self.chars)
    }
}

/// `count` per 10,000 of `chars`; `None` for no chars.
pub fn per10k(count: usize, chars: usize) -> Option<f64> {
    (chars > 0).then(|| count as f64 * 10_000.0 / chars as f64)
}

/// The dated documents of a corpus: made once per corpus, then asked
/// for as many series as wanted.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    /// Per document: its year, if dated.
    years: Vec<Option<i32>>,
    /// Per document: its date, if dated (for ordering first and last use).
    dates: Vec<Option<String>>,
    /// Per document: its chars.
    chars: Vec<usize>,
    /// The dated documents, earliest first (then corpus order).
    order: Vec<usize>,
    /// Per document: its place in `order`, if dated.
    rank: Vec<Option<usize>>,
    /// Dated documents outside the years asked for.
    outside: usize,
    /// The first year with a dated document.
    first: i32,
    /// Per year from `first` on: (documents, chars).
    per_year: Vec<(usize, usize)>,
}

impl Calendar {
    pub fn new(docs: &[Document]) -> Calendar {
        Calendar::between(docs, None, None)
    }

    /// Only the documents dated from year `from` to year `to` (each
    /// included, when given); the others count as outside, not undated.
    pub fn between(docs: &[Document], from: Option<i32>, to: Option<i32>) -> Calendar {
        let all: Vec<Option<String>> = docs
            .iter()
            .map(|d| d.date.clone().filter(|s| year_of(s).is_some()))
            .collect();
        let inside = |y: i32| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t);
        let outside = all
            .iter()
            .flatten()
            .filter(|s| year_of(s).is_some_and(|y| !inside(y)))
            .count();
        let dates: Vec<Option<String>> = all
            .into_iter()
            .map(|d| d.filter(|s| year_of(s).is_some_and(inside)))
            .collect();
        let years: Vec<Option<i32>> = dates
            .iter()
            .map(|d| d.as_deref().and_then(year_of))
            .collect();
        let mut order: Vec<usize> = (0..docs.len()).filter(|&d| years[d].is_some()).collect();
        order.sort_by(|&a, &b| dates[a].cmp(&dates[b]).then(a.cmp(&b)));
        let mut rank = vec![None; docs.len()];
        for (r, &d) in order.iter().enumerate() {
            rank[d] = Some(r);
        }
        let (lo, hi) = years
            .iter()
            .flatten()
            .fold((i32::MAX, i32::MIN), |(lo, hi), &y| (lo.min(y), hi.max(y)));
        let mut per_year = Vec::new();
        let first = if lo <= hi { lo } else { 0 };
        if lo <= hi {
            per_year = vec![(0, 0); (hi - lo + 1) as usize];
            for (d, y) in years.iter().enumerate() {
                if let Some(y) = y {
                    let slot = &mut per_year[(y - lo) as usize];
                    slot.0 += 1;
                    slot.1 += docs[d].chars;
                }
            }
        }
        Calendar {
            years,
            dates,
            chars: docs.iter().map(|d| d.chars).collect(),
            order,
            rank,
            outside,
            first,
            per_year,
        }
    }

    /// The year of document `doc`, if it is dated.
    pub fn year(&self, doc: usize) -> Option<i32> {
        self.years.get(doc).copied().flatten()
    }

    /// Documents without a date (left out of every series).
    pub fn undated(&self) -> usize {
        self.years.iter().filter(|y| y.is_none()).count() - self.outside
    }

    /// Dated documents outside the years asked for (see [`Self::between`]).
    pub fn outside(&self) -> usize {
        self.outside
    }

    /// Dated documents.
    pub fn dated(&self) -> usize {
        self.order.len()
    }

    /// The first and last year with a dated document.
    pub fn span(&self) -> Option<(i32, i32)> {
        (!self.per_year.is_empty())
            .then(|| (self.first, self.first + self.per_year.len() as i32 - 1))
    }

    /// The year series of these occurrences: every year of [`Self::span`],
    /// gaps included.
    pub fn by_year(&self, occs: &[Occurrence]) -> Vec<YearPoint> {
        let mut counts = vec![0usize; self.per_year.len()];
        for o in occs {
            if let Some(y) = self.year(o.doc) {
                counts[(y - self.first) as usize] += 1;
            }
        }
        self.per_year
            .iter()
            .zip(counts)
            .enumerate()
            .map(|(i, (&(docs, chars), count))| YearPoint {
                year: self.first + i as i32,
                docs,
                chars,
                count,
            })
            .collect()
    }

    /// One point per dated document, earliest first.
    pub fn by_doc(&self, occs: &[Occurrence]) -> Vec<DocPoint> {
        let mut counts = vec![0usize; self.years.len()];
        for o in occs {
            if let Some(c) = counts.get_mut(o.doc) {
                *c += 1;
            }
        }
        self.order
            .iter()
            .filter_map(|&d| {
                Some(DocPoint {
                    doc: d,
                    date: self.dates[d].clone()?,
                    year: self.years[d]?,
                    chars: self.chars[d],
                    count: counts[d],
                })
            })
            .collect()
    }

    /// The first and the last use among dated documents.
    pub fn first_last(&self, occs: &[Occurrence]) -> Option<(Occurrence, Occurrence)> {
        let dated = || {
            occs.iter().filter_map(|o| {
                let r = self.rank.get(o.doc).copied().flatten()?;
                Some(((r, o.paragraph, o.offset), o))
            })
        };
        let first = dated().min_by_key(|k| k.0)?.1;
        let last = dated().max_by_key(|k| k.0)?.1;
        Some((*first, *last))
    }
}

/// A text's use over time.
#[derive(Clone, Debug)]
pub struct Trend {
    /// The text as asked for.
    pub text: String,
    /// Every occurrence, dated or not, in corpus order.
    pub occurrences: Vec<Occurrence>,
    pub years: Vec<YearPoint>,
    pub first: Option<Occurrence>,
    pub last: Option<Occurrence>,
}

impl Trend {
    /// The trend of `text` (either script, exact) through the candidates.
    pub fn of(cal: &Calendar, cands: &Candidates, text: &str) -> Trend {
        Trend::from_occurrences(cal, text, occurrences(cands, text))
    }

    /// The trend of occurrences found some other way (a slogan's).
    pub fn from_occurrences(cal: &Calendar, text: &str, occs: Vec<Occurrence>) -> Trend {
        let years = cal.by_year(&occs);
        let fl = cal.first_last(&occs);
        Trend {
            text: text.to_string(),
            years,
            first: fl.map(|f| f.0),
            last: fl.map(|f| f.1),
            occurrences: occs,
        }
    }

    /// The occurrences in documents of `year`, for listing them.
    pub fn in_year<'a>(
        &'a self,
        cal: &'a Calendar,
        year: i32,
    ) -> impl Iterator<Item = &'a Occurrence> {
        self.occurrences
            .iter()
            .filter(move |o| cal.year(o.doc) == Some(year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_come_from_the_first_four_digits() {
        assert_eq!(year_of("2008-03-05"), Some(2008));
        assert_eq!(year_of("1954"), Some(1954));
        assert_eq!(year_of("2016-03"), Some(2016));
        assert_eq!(year_of("20"), None);
        assert_eq!(year_of("二〇〇八"), None);
        assert_eq!(per10k(3, 30_000), Some(1.0));
        assert_eq!(per10k(3, 0), None);
    }
}
