//! The query language, like fzf's: space-separated terms that must all
//! match; `'term` exact substring, `^term` prefix, `term$` suffix, `!term`
//! excludes.
//!
//! What always holds: Han terms are normalised to Simplified and matched
//! case-sensitively with no Unicode normalisation (the settings that keep
//! nucleo fast on Han text); an all-ASCII term is matched case-insensitively
//! against the text *and* against the candidate's pinyin initials, and
//! scores the better of the two.

use crate::text::script::to_hans;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Matcher, Utf32Str};

/// One term of a query.
#[derive(Clone, Debug)]
pub struct Term {
    /// Always positive; `negative` says whether a match excludes.
    atom: Atom,
    /// For substring terms, the same needle as a suffix: nucleo-matcher
    /// 0.3.1's substring search on non-ASCII text stops one position short
    /// and misses a needle at the very end (`'改革开放` in 深化改革开放).
    tail: Option<Atom>,
    negative: bool,
    /// The term is ASCII: also try the initials.
    ascii: bool,
    /// For sentences, initials match only as a contiguous run: a fuzzy
    /// `sgzx` is found in the initials of almost any long sentence.
    contiguous: Option<Atom>,
    /// The distinct chars a positive Han term needs in the text: checked
    /// on the UTF-8 text before anything is decoded or matched.
    needs: Vec<char>,
    /// First char of the needle, lower-cased (ASCII terms).
    first: char,
    /// The needle lower-cased (ASCII terms): a plain substring test on the
    /// initials rules out almost every sentence before nucleo is asked.
    lower: String,
    /// The needle as nucleo sees it (see [`Term::text_may_match`]).
    needle: String,
}

/// Does an (ASCII) initials string hold `needle` as a run?
fn ascii_contains(hay: Utf32Str<'_>, needle: &str) -> bool {
    match hay {
        Utf32Str::Ascii(b) => std::str::from_utf8(b).is_ok_and(|h| h.contains(needle)),
        Utf32Str::Unicode(_) => true, // let nucleo decide
    }
}

fn has_ascii_char(hay: Utf32Str<'_>, first: char) -> bool {
    match hay {
        Utf32Str::Ascii(b) => b.iter().any(|&c| c.to_ascii_lowercase() as char == first),
        Utf32Str::Unicode(cs) => cs.iter().any(|c| c.to_ascii_lowercase() == first),
    }
}

impl Term {
    pub fn negative(&self) -> bool {
        self.negative
    }

    /// False only if the term cannot match `text` (the UTF-8 form of the
    /// text nucleo is given): a Han `'` `^` `$` term is its needle as a
    /// run, after leading / before trailing whitespace as nucleo skips it.
    /// Much cheaper than decoding the text and letting nucleo find out:
    /// its substring search works out a char class for every char.
    fn text_may_match(&self, text: &str) -> bool {
        let n = self.needle.as_str();
        // Case folding (ASCII terms) would need more than str's methods.
        self.ascii
            || match self.atom.kind {
                AtomKind::Fuzzy => true,
                AtomKind::Substring => text.contains(n),
                AtomKind::Prefix => text.trim_start().starts_with(n),
                AtomKind::Postfix => text.trim_end().ends_with(n),
                AtomKind::Exact => text.trim() == n,
                _ => true,
            }
    }

    /// What the matcher looks for: the term without its `!^'$` syntax,
    /// lower-cased when the term is ASCII.
    pub(super) fn needle(&self) -> Utf32Str<'_> {
        self.atom.needle_text()
    }

    /// The term is ASCII: it may match the initials, ignoring case.
    pub(super) fn ascii(&self) -> bool {
        self.ascii
    }

    fn hit(&self, hay: Utf32Str<'_>, m: &mut Matcher) -> Option<u16> {
        self.atom
            .score(hay, m)
            .or_else(|| self.tail.as_ref()?.score(hay, m))
    }
}

/// A parsed query: every term must match (or, for `!` terms, must not).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub terms: Vec<Term>,
    /// Rule out Han `'` `^` `$` terms on the UTF-8 text before nucleo is
    /// asked (see [`Term::text_may_match`]); same results either way.
    prechecks: bool,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        Query {
            prechecks: true,
            ..Query::parse_plain(raw)
        }
    }

    /// One exact substring term holding `needle` as it is: no `'` `^` `$`
    /// `!` syntax, no escapes, no splitting at spaces, case respected.
    /// `needle` must already be Simplified. What [`crate::search::occurrences`]
    /// asks the posting index with: every char of the needle is required,
    /// and the initials never stand in for it.
    pub fn exact(needle: &str) -> Query {
        let atom = Atom::new(
            needle,
            CaseMatching::Respect,
            Normalization::Never,
            AtomKind::Substring,
            false,
        );
        let mut needs: Vec<char> = needle.chars().collect();
        needs.sort_unstable();
        needs.dedup();
        let terms = if needle.is_empty() {
            Vec::new()
        } else {
            vec![Term {
                atom,
                tail: None,
                negative: false,
                ascii: false,
                contiguous: None,
                needs,
                first: needle.chars().next().unwrap_or(' '),
                lower: needle.to_string(),
                needle: needle.to_string(),
            }]
        };
        Query {
            terms,
            prechecks: true,
        }
    }

    /// [`Query::parse`] without the prechecks: the plain path the faster
    /// one is tested against.
    pub fn parse_plain(raw: &str) -> Query {
        let terms = raw
            .split_whitespace()
            .filter_map(|t| {
                let ascii = t.is_ascii();
                let (text, case) = if ascii {
                    (t.to_string(), CaseMatching::Ignore)
                } else {
                    (to_hans(t), CaseMatching::Respect)
                };
                let mut atom = Atom::parse(&text, case, Normalization::Never);
                let negative = std::mem::replace(&mut atom.negative, false);
                let needle: String = atom.needle_text().chars().collect();
                let tail = (atom.kind == AtomKind::Substring).then(|| {
                    Atom::new(
                        &needle,
                        case,
                        Normalization::Never,
                        AtomKind::Postfix,
                        false,
                    )
                });
                let contiguous = (ascii && atom.kind == AtomKind::Fuzzy).then(|| {
                    Atom::new(
                        &needle,
                        case,
                        Normalization::Never,
                        AtomKind::Substring,
                        false,
                    )
                });
                let mut needs: Vec<char> = if ascii || negative {
                    Vec::new()
                } else {
                    needle.chars().collect()
                };
                needs.sort_unstable();
                needs.dedup();
                // A bare `!`, `^` or `'` has nothing to match.
                (!needle.is_empty()).then_some(Term {
                    atom,
                    tail,
                    negative,
                    ascii,
                    contiguous,
                    first: needle.chars().next().unwrap_or(' ').to_ascii_lowercase(),
                    lower: needle.to_ascii_lowercase(),
                    needs,
                    needle,
                })
            })
            .collect();
        Query {
            terms,
            prechecks: false,
        }
    }

    /// Whether scoring may look at the initials: some term is ASCII.
    pub fn reads_initials(&self) -> bool {
        self.terms.iter().any(|t| t.ascii)
    }

    /// Nothing to match: no term, or only exclusions.
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(|t| t.negative())
    }

    /// A cheap necessary condition on the (Simplified) text: every char of
    /// every positive Han term occurs in it, as a run where it must.
    pub fn could_match(&self, text: &str) -> bool {
        self.terms.iter().all(|t| {
            t.needs.iter().all(|&c| text.contains(c))
                && (t.negative || !self.prechecks || t.text_may_match(text))
        })
    }

    /// Whether matching needs the text at all: a query of ASCII terms
    /// only looks at a Han text's initials unless it holds the term's
    /// first letter.
    pub fn needs_text(&self, text: &str) -> bool {
        self.terms.iter().any(|t| {
            // str::contains(char) is a memchr: much faster than a loop.
            !t.ascii || text.contains(t.first) || text.contains(t.first.to_ascii_uppercase())
        })
    }

    /// The summed score of the positive terms; `None` when a term does not
    /// match or an excluded one does. `raw` is the text `text` was decoded
    /// from (or that an empty `text` stands for). `long` candidates
    /// (sentences) match initials only as a contiguous run.
    pub fn score(
        &self,
        raw: &str,
        text: Utf32Str<'_>,
        initials: Utf32Str<'_>,
        long: bool,
        m: &mut Matcher,
    ) -> Option<u32> {
        let mut total = 0u32;
        for t in &self.terms {
            if self.prechecks && t.negative && !t.text_may_match(raw) {
                continue; // a Han term: nothing to find in the initials
            }
            let on_text = if t.ascii && !has_ascii_char(text, t.first) {
                // Case-folding every Han char only to find no Latin letter
                // costs more than the rest of the match.
                None
            } else {
                t.hit(text, m)
            };
            let on_initials = match (&t.contiguous, long) {
                (Some(_), true) if !ascii_contains(initials, &t.lower) => None,
                (Some(c), true) => c.score(initials, m),
                _ if t.ascii => t.hit(initials, m),
                _ => None,
            };
            if t.negative {
                if on_text.is_some() || on_initials.is_some() {
                    return None;
                }
                continue;
            }
            total += on_text.max(on_initials)? as u32;
        }
        Some(total)
    }
}

impl Query {
    /// Where the positive terms match: char indices into `text`, sorted,
    /// for highlighting. A term that matches the text marks the chars it
    /// matched there; an ASCII term found only in the initials marks the
    /// chars whose initials it matched (one initial per char). `long` as
    /// for [`Query::score`].
    pub fn indices(&self, text: &str, initials: &str, long: bool, m: &mut Matcher) -> Vec<u32> {
        let (mut b1, mut b2) = (Vec::new(), Vec::new());
        let hay = Utf32Str::new(text, &mut b1);
        let init = Utf32Str::new(initials, &mut b2);
        let mut out = Vec::new();
        let mut idx = Vec::new();
        for t in self.terms.iter().filter(|t| !t.negative) {
            idx.clear();
            let mut found = t.atom.indices(hay, m, &mut idx).is_some();
            if !found {
                idx.clear();
                found = t
                    .tail
                    .as_ref()
                    .is_some_and(|a| a.indices(hay, m, &mut idx).is_some());
            }
            if !found && t.ascii {
                idx.clear();
                let atom = match (&t.contiguous, long) {
                    (Some(c), true) => c,
                    _ => &t.atom,
                };
                found = atom.indices(init, m, &mut idx).is_some();
            }
            if found {
                out.extend_from_slice(&idx);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn prechecks_change_no_result(
            q in r"(!?[\^']?[改革开放深化a]{1,3}\$?)( !?[\^']?[改革开放]{1,3}\$?){0,1}",
            text in r"[ \x{3000}\t]{0,2}[改革开放深化aA \x{3000}\t]{0,8}[ \x{3000}\t]{0,2}",
            long in any::<bool>(),
        ) {
            let init = crate::search::initials(&text);
            let mut m = Matcher::new(nucleo_matcher::Config::DEFAULT);
            let mut eval = |q: &Query| {
                let chars: Vec<char> = text.chars().collect();
                let hay = if text.is_ascii() {
                    Utf32Str::Ascii(text.as_bytes())
                } else {
                    Utf32Str::Unicode(&chars)
                };
                let init = Utf32Str::Ascii(init.as_bytes());
                q.could_match(&text)
                    .then(|| q.score(&text, hay, init, long, &mut m))
                    .flatten()
            };
            prop_assert_eq!(eval(&Query::parse(&q)), eval(&Query::parse_plain(&q)));
        }
    }

    fn matches(q: &str, text: &str) -> bool {
        let q = Query::parse(q);
        let init = crate::search::initials(text);
        let mut m = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let (mut b1, mut b2) = (Vec::new(), Vec::new());
        q.score(
            text,
            Utf32Str::new(text, &mut b1),
            Utf32Str::new(&init, &mut b2),
            false,
            &mut m,
        )
        .is_some()
    }

    proptest! {
        /// Whatever matches has something to show: a match marks at least
        /// one char, and only chars of the text.
        #[test]
        fn a_match_marks_chars_of_the_text(
            q in r"(!?[\^']?[改革开放深化gkaA]{1,3}\$?)( !?[\^']?[改革开放gk]{1,3}\$?){0,1}",
            text in r"[改革开放深化aA ]{0,10}",
            long in any::<bool>(),
        ) {
            let query = Query::parse(&q);
            let init = crate::search::initials(&text);
            let mut m = Matcher::new(nucleo_matcher::Config::DEFAULT);
            let chars: Vec<char> = text.chars().collect();
            let (mut b1, mut b2) = (Vec::new(), Vec::new());
            let score = query.score(
                &text,
                Utf32Str::new(&text, &mut b1),
                Utf32Str::new(&init, &mut b2),
                long,
                &mut m,
            );
            let marks = query.indices(&text, &init, long, &mut m);
            prop_assert!(marks.iter().all(|&i| (i as usize) < chars.len()));
            if score.is_some() && query.terms.iter().any(|t| !t.negative()) {
                prop_assert!(!marks.is_empty(), "{} on {:?}", q, text);
            }
        }
    }

    fn marks(q: &str, text: &str) -> Vec<u32> {
        let init = crate::search::initials(text);
        let mut m = Matcher::new(nucleo_matcher::Config::DEFAULT);
        Query::parse(q).indices(text, &init, true, &mut m)
    }

    #[test]
    fn indices_mark_what_matched() {
        // 坚定四个自信: 四 个 自 信 are chars 2..6.
        assert_eq!(marks("'四个自信", "坚定四个自信"), vec![2, 3, 4, 5]);
        assert_eq!(marks("四自信", "坚定四个自信"), vec![2, 4, 5]);
        // Initials: s g z x are those of 四个自信.
        assert_eq!(marks("sgzx", "坚定四个自信"), vec![2, 3, 4, 5]);
        // Two terms, one excluded: only the positive one marks.
        assert_eq!(marks("坚定 !改革", "坚定四个自信"), vec![0, 1]);
        // A needle at the very end (nucleo's substring search misses it).
        assert_eq!(marks("'改革开放", "深化改革开放"), vec![2, 3, 4, 5]);
        assert!(marks("'改革", "坚定四个自信").is_empty());
    }

    #[test]
    fn syntax() {
        assert!(matches("四自信", "坚定四个自信"));
        assert!(matches("'四个 ^坚定", "坚定四个自信"));
        assert!(!matches("'四自信", "坚定四个自信"));
        assert!(!matches("^四个", "坚定四个自信"));
        assert!(matches("自信$", "坚定四个自信"));
        assert!(!matches("坚定$", "坚定四个自信"));
        assert!(!matches("四个 !坚定", "坚定四个自信"));
        // At the very end of the text (nucleo 0.3.1 misses it on its own).
        assert!(!matches("四个 !坚定", "四个自信要坚定"));
        assert!(matches("'坚定", "四个自信要坚定"));
        assert!(matches("四个 !维护", "坚定四个自信"));
        assert!(matches("兩個維護", "两个维护"));
        assert!(matches("sgzx", "四个自信"));
        assert!(!matches("sgzx", "两个维护"));
        assert!(!matches("!sgzx", "四个自信"));
        assert!(Query::parse("!四个").is_empty());
        assert!(Query::parse("  ").is_empty());
    }
}
