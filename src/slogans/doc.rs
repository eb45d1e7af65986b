//! The per-document pass: one document's text to its additive statistics
//! ([`DocStats`]). Runs on any thread; documents are independent.
//!
//! Candidates are word n-grams of 1–8 jieba words (3–16 chars; 2 when they
//! open with a numeral) inside a run of Han words, that neither start nor
//! end with a function word; `X、Y` pairs of equal halves; `X+`; and
//! whatever stands between quotation marks. For each kept n-gram the
//! words (or punctuation classes) beside it are counted, looking through
//! quotation marks, for branching entropy.

use super::prep::{prepare, Prepared, Tok};
use super::shapes::{self, brackets, expansions, is_counted, is_numbered, is_numeral, is_nxny};
use super::stats::{CorpusStats, DocStats, Gram, Map, Side};
use super::words::*;
pub(crate) use super::words::{word_flags, EDGE_STOP, END_STOP};
use crate::corpus::Document;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;

const MAX_WORDS: usize = 8;
const MAX_CHARS: usize = 16;
const MAX_PAIR_HALF: usize = 8;
const MIN_PAIR_HALF: usize = 3;
const MAX_PLUS_WORDS: usize = 3;

/// May this token open (`first`) or close a phrase, by its word alone?
fn edge_ok(t: &Tok, first: bool) -> bool {
    t.han
        && t.flags & F_EDGE == 0
        && !(t.tag_is(b'u') || t.tag_is(b'y') || t.tag == *b"c\0")
        && if first {
            t.flags & F_FIRST == 0
        } else {
            t.flags & F_END == 0
        }
}

/// Year of a `YYYY…` date.
pub(crate) fn year_of(date: Option<&str>) -> Option<u16> {
    let d = date?;
    let y = d.get(..4)?;
    y.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| y.parse().ok())
        .flatten()
}

/// Is tokens `s..=e` of `p` a candidate? `Some(true)` when it is kept in
/// the statistics even if it occurs once (a dictionary word, a formula).
/// Asked by [`instances`] only, which gives what it knows already: `n`,
/// the chars of `s..=e`; `yi`, whether one of tokens `s..e` is 以; and it
/// asks of no span with a particle or conjunction inside.
fn candidate(p: &Prepared, s: usize, e: usize, n: usize, yi: bool) -> Option<bool> {
    let t = &p.toks;
    let (first, last) = (&t[s], &t[e]);
    let cs = &p.chars[first.c0 as usize..last.c1 as usize];
    debug_assert_eq!(n, cs.len());
    let f = cs[0];
    let numeral = is_numeral(f);
    let formula = numeral && (is_nxny(cs) || is_counted(cs) || is_numbered(cs));
    if n > MAX_CHARS || (n < 3 && !formula) {
        return None;
    }
    // A function word of its own at either end (和平 may open a phrase, 和 not).
    if first.flags & F_EDGE != 0 || last.flags & (F_EDGE | F_END) != 0 {
        return None;
    }
    if s == e {
        // One word: a dictionary word of three chars or more, not a
        // function word, or a numeric formula jieba knows as one word.
        let content = !bad_first(first.tag[0]) && !bad_last(first.tag[0]);
        // A person's name is no phrase (习近平); 毛泽东思想 is longer.
        let name = first.tag == *b"nr" && n <= 3;
        if name || first.flags & (F_HEAD | F_NAME) != 0 {
            return None;
        }
        return (first.dict && (content || formula) && first.flags & F_FIRST == 0)
            .then_some(true)
            .or(formula.then_some(true));
    }
    let frame = f == '以' && cs[1..].contains(&'为');
    if first.flags & F_FIRST != 0 && !frame {
        return None;
    }
    if last.flags & F_LAST != 0 && !formula {
        return None;
    }
    let opens_badly = bad_first(first.tag[0])
        && !(first.tag_is(b'm') && numeral)
        && !(first.tag_is(b'p') && frame);
    let ends_badly = bad_last(last.tag[0]) && !(formula || last.tag_is(b'm') && numeral);
    if opens_badly || ends_badly {
        return None;
    }
    // No particle or conjunction inside: `instances` stops at the first.
    debug_assert!(!t[s + 1..e]
        .iter()
        .any(|w| w.flags & F_INNER != 0 || w.tag_is(b'c')));
    // A manner word with one short word is a collocation (全面贯彻, 大力推进);
    // with a compound of four chars or more it may be a formulation
    // (全面深化改革, 全面从严治党: jieba takes 深化改革 as one word).
    let manner = e == s + 1 && first.flags & F_MANNER != 0 && last.chars() < 4;
    if last.flags & (F_HEAD | F_NAME | F_PROPER) != 0 || manner {
        return None;
    }
    // Names: a title and a person's name (国家主席习近平), or a surname and
    // a given name (栗战书).
    let person = |w: &Tok| w.tag == *b"nr";
    if person(last) && t[e - 1].flags & F_TITLE != 0 {
        return None;
    }
    if n <= 3 && person(first) && first.chars() == 1 {
        return None;
    }
    // An adverb or adjective with a bare verb is a collocation (稳步推进,
    // 牢固树立), not a name for anything.
    if e == s + 1 && matches!(&first.tag, b"d\0" | b"a\0" | b"ad") && last.tag == *b"v\0" {
        return None;
    }
    // X为Y without 以 before it is a piece of the 以…为… frame
    // (科学发展观为指导 in 以…科学发展观为指导); 为人民服务 goes on past 为.
    debug_assert_eq!(yi, t[s..e].iter().any(|w| p.word(w) == "以"));
    if e >= s + 2 && t[e - 1].flags & F_WEI != 0 && !yi {
        return None;
    }
    Some(formula)
}

/// The neighbour before token `at` (or after), looking through quotation
/// marks and blanks; `None` for a boundary: the paragraph's edge,
/// punctuation, or a function word (的, 和, 是) — a phrase cannot go on
/// through them, so they leave it free. Digits and Latin are classes.
fn neighbour(p: &Prepared, at: usize, forward: bool) -> Option<u32> {
    let mut i = at as isize;
    loop {
        i += if forward { 1 } else { -1 };
        let t = p.toks.get(usize::try_from(i).ok()?)?;
        if !t.han {
            let w = p.word(t);
            if w.chars()
                .all(|c| shapes::is_quote_mark(c) || c.is_whitespace())
            {
                continue;
            }
            // 2: digits, 4: Latin; anything else is punctuation.
            return (t.id == 2 || t.id == 4).then_some(t.id);
        }
        return (t.flags & F_FUNCTION == 0).then_some(t.id);
    }
}

/// One occurrence to count: paragraph, first and last token.
#[derive(Clone, Copy)]
struct Inst {
    para: u32,
    s: u32,
    e: u32,
    keep: bool,
}

/// Candidate occurrences of one paragraph.
fn instances(pi: u32, p: &Prepared, out: &mut Vec<(Inst, usize, usize)>) {
    let t = &p.toks;
    let mut b = 0;
    while b < t.len() {
        // The next run of Han words, a..b.
        let Some(a) = (b..t.len()).find(|&i| t[i].han) else {
            break;
        };
        b = (a..t.len()).find(|&i| !t[i].han).unwrap_or(t.len());
        for s in a..b {
            // Most words cannot open a phrase: skip them before extending.
            let w = &t[s];
            let numeral = is_numeral(p.chars[w.c0 as usize]);
            let opens = w.flags & F_EDGE == 0
                && (!bad_first(w.tag[0])
                    || (w.tag_is(b'm') && numeral)
                    || (w.tag_is(b'p') && p.chars[w.c0 as usize] == '以'));
            if !opens {
                continue;
            }
            // What rules out an n-gram of two words or more by its ends
            // alone, as `candidate` would (it decides the rest): a first
            // word of F_FIRST outside 以…为…; a last word that is a
            // function word, a head or a name, or, without a numeral
            // first (no formula then), a localiser or a bad last tag; a
            // particle or conjunction inside rules out every longer one.
            let multi = w.flags & F_FIRST == 0 || p.chars[w.c0 as usize] == '以';
            let (mut chars, mut yi) = (0, false);
            for e in s..b.min(s + MAX_WORDS) {
                let last = &t[e];
                chars += last.chars();
                if chars > MAX_CHARS || (e > s && !multi) {
                    break;
                }
                let never = e > s
                    && (last.flags & (F_EDGE | F_END | F_HEAD | F_NAME | F_PROPER) != 0
                        || (!numeral && (last.flags & F_LAST != 0 || bad_last(last.tag[0]))));
                let found = if never {
                    None
                } else {
                    candidate(p, s, e, chars, yi)
                };
                yi |= last.flags & F_YI != 0;
                if let Some(keep) = found {
                    let i = Inst {
                        para: pi,
                        s: s as u32,
                        e: e as u32,
                        keep,
                    };
                    out.push((i, t[s].b0 as usize, t[e].b1 as usize));
                }
                if e > s && (last.flags & F_INNER != 0 || last.tag_is(b'c')) {
                    break;
                }
            }
        }
    }
    // Parallel pairs: X、Y (or X，Y with echoing halves), equal lengths,
    // the whole list.
    // A mark's class id is its char shifted (`prep::class_id`): compared
    // first, so that the words of most tokens are never looked at.
    const COMMA_IDS: [u32; 2] = [('、' as u32) << 3, ('，' as u32) << 3];
    for k in 1..t.len().saturating_sub(1) {
        if t[k].han || !COMMA_IDS.contains(&t[k].id) || !t[k - 1].han || !t[k + 1].han {
            continue;
        }
        let sep = p.word(&t[k]);
        if !(sep == "、" || sep == "，") {
            continue;
        }
        let (c0, c1) = (t[k].c0 as usize, t[k].c1 as usize);
        for len in MIN_PAIR_HALF..=MAX_PAIR_HALF {
            let Some(s) = (0..k)
                .rev()
                .take_while(|&i| t[i].han)
                .find(|&i| t[i].c0 as usize + len == c0)
            else {
                continue;
            };
            let Some(e) = (k + 1..t.len())
                .take_while(|&i| t[i].han)
                .find(|&i| t[i].c1 as usize == c1 + len)
            else {
                continue;
            };
            let x = &p.chars[c0 - len..c0];
            let y = &p.chars[c1..c1 + len];
            // Each half opens and ends as a phrase may: no 女士们、先生们.
            let ends = |w: &Tok| edge_ok(w, false) && w.flags & (F_LAST | F_HEAD) == 0;
            // No conjunction inside a half (老挝和越南: a list, not a pair;
            // 的 may be: 促进人的全面发展、全体人民共同富裕), and the pair does not
            // stop at an adverb that goes on into the next word (促进共同|发展,
            // 帝国主义特别|是, 大事不|出乡): it is cut out of a longer clause.
            if t[s..=e].iter().any(|w| w.tag_is(b'c')) {
                continue;
            }
            if t[e].tag_is(b'd') && t.get(e + 1).is_some_and(|w| w.han) {
                continue;
            }
            let ends_ok =
                edge_ok(&t[s], true) && ends(&t[k - 1]) && edge_ok(&t[k + 1], true) && ends(&t[e]);
            if !ends_ok || x == y {
                continue;
            }
            // Two items of a longer list (政治建设、文化建设 in
            // 经济建设、政治建设、文化建设…) are not a pair of their own.
            let sep_at =
                |i: Option<usize>| i.and_then(|i| t.get(i)).is_some_and(|t| p.word(t) == sep);
            if sep_at(s.checked_sub(1)) || sep_at(Some(e + 1)) {
                continue;
            }
            if sep == "，" {
                let echo = x.iter().zip(y).filter(|(a, b)| a == b).count();
                if echo * 3 < len {
                    continue;
                }
            }
            let i = Inst {
                para: pi,
                s: s as u32,
                e: e as u32,
                keep: false,
            };
            out.push((i, t[s].b0 as usize, t[e].b1 as usize));
        }
    }
    // A trailing +: 互联网+, 人工智能+.
    for k in 1..t.len() {
        if t[k].han || t[k].id != ('+' as u32) << 3 || !t[k - 1].han || p.word(&t[k]) != "+" {
            continue;
        }
        let mut chars = 0;
        for s in (0..k).rev().take_while(|&i| t[i].han).take(MAX_PLUS_WORDS) {
            chars += t[s].chars();
            if chars > 8 || !edge_ok(&t[s], true) || !edge_ok(&t[k - 1], false) {
                continue;
            }
            let i = Inst {
                para: pi,
                s: s as u32,
                e: k as u32,
                keep: false,
            };
            out.push((i, t[s].b0 as usize, t[k].b1 as usize));
        }
    }
}

/// Lists of three or more items joined by 、 (or by ， when they echo each
/// other), recorded with 、; the middle items all of one
/// length L and the first and last cut to L where a word starts or ends
/// (坚持道路自信、理论自信、制度自信、文化自信 → the four). Items are 2–8 Han
/// chars.
fn lists(p: &Prepared) -> Vec<String> {
    let c = &p.chars;
    // Does a word start (end) at char `x`? Tokens are in order; asked only
    // of a list found, so most paragraphs never ask.
    let start = |x: usize| p.toks.binary_search_by_key(&x, |t| t.c0 as usize).is_ok();
    let end = |x: usize| p.toks.binary_search_by_key(&x, |t| t.c1 as usize).is_ok();
    let han = |x: char| crate::text::script::is_han(x);
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !(c[i] == '、' || c[i] == '，') || i == 0 || !han(c[i - 1]) {
            i += 1;
            continue;
        }
        let sep = c[i];
        // Separators of this list, from the first.
        let mut seps = vec![i];
        let mut j = i + 1;
        loop {
            let run = c[j..].iter().take_while(|&&x| han(x)).count();
            if run == 0 {
                break;
            }
            if c.get(j + run) == Some(&sep) {
                seps.push(j + run);
                j += run + 1;
            } else {
                break;
            }
        }
        i = *seps.last().unwrap_or(&i) + 1;
        if seps.len() < 2 {
            continue;
        }
        // The list ends where an item breaks the pattern (伟大梦想，紧密联系).
        let len = seps[1] - seps[0] - 1;
        let model = &c[seps[0] + 1..seps[1]];
        let fits = |w: &[usize]| {
            let item = &c[w[0] + 1..w[1]];
            item.len() == len && (sep == '、' || item.iter().zip(model).any(|(a, b)| a == b))
        };
        let keep = 1 + seps.windows(2).take_while(|w| fits(w)).count();
        seps.truncate(keep);
        // So may the item after the last separator.
        let tail_fits = |at: usize| {
            let item = &c[at + 1..(at + 1 + len).min(c.len())];
            item.len() == len
                && item.iter().all(|&x| han(x))
                && (sep == '、' || item.iter().zip(model).any(|(a, b)| a == b))
        };
        if seps.len() > 2 && !tail_fits(*seps.last().unwrap_or(&0)) {
            seps.pop();
        }
        let last_sep = *seps.last().unwrap_or(&i);
        if seps.len() < 2 || !(2..=8).contains(&len) {
            continue;
        }
        let (first, last) = (seps[0], last_sep + 1);
        let before = c[..first].iter().rev().take_while(|&&x| han(x)).count();
        let after = c[last..].iter().take_while(|&&x| han(x)).count();
        if before < len || after < len || !start(first - len) || !end(last + len) {
            continue;
        }
        let items: Vec<&[char]> = std::iter::once(&c[first - len..first])
            .chain(seps.windows(2).map(|w| &c[w[0] + 1..w[1]]))
            .chain(std::iter::once(&c[last..last + len]))
            .collect();
        // With commas, clauses are lists only when they echo each other
        // (伟大斗争，伟大工程，伟大事业，伟大梦想) and are not short clauses.
        let echo = |x: &[char]| x.iter().zip(items[0]).any(|(a, b)| a == b);
        if sep == '，' && (len < 3 || !items[1..].iter().all(|x| echo(x))) {
            continue;
        }
        out.push(
            items
                .iter()
                .map(|x| x.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("、"),
        );
    }
    out
}

/// The per-document pass: a document's body text to its statistics.
pub fn doc_stats(doc: &Document) -> DocStats {
    doc_stats_and_text(doc).0
}

/// [`doc_stats`], and the Simplified form of each body paragraph that
/// differs from it (for [`super::locate_in`]).
pub fn doc_stats_and_text(doc: &Document) -> (DocStats, Vec<Option<String>>) {
    let mut st = DocStats::default();
    let paras = pass(doc, &mut st);
    let changed = paras
        .into_iter()
        .zip(doc.body())
        .map(|(p, (_, orig))| match p.text {
            std::borrow::Cow::Owned(t) if t != orig.text => Some(t),
            _ => None,
        })
        .collect();
    (st, changed)
}

/// Add one document's statistics to `acc` straight from its text: what
/// `acc.merge(doc_stats(doc).into())` gives, without making the
/// document's own maps, their keys and neighbour lists first (most keys
/// are in the sum already and would be freed again).
pub(crate) fn add_doc(acc: &mut CorpusStats, doc: &Document) {
    pass(doc, acc);
}

/// Where the per-document pass puts what it counts: a document's own
/// [`DocStats`], or a running sum. Texts are borrowed from the document's
/// Simplified text; each call is one document's total for that text.
trait Sink {
    fn totals(&mut self, chars: u64, words: u64, year: Option<u16>);
    /// Han words and their counts (`n` of them), each word once.
    fn words<'a>(&mut self, n: usize, words: impl Iterator<Item = (&'a str, u32)>);
    /// A kept n-gram, each once, with (left, right) neighbours of each
    /// occurrence counted.
    fn gram(&mut self, text: &str, neighbours: &[(Option<u32>, Option<u32>)]);
    fn list(&mut self, list: String);
    fn bracket(&mut self, text: String, title: bool);
    fn expansion(&mut self, head: String, parts: String);
}

fn side_of(ids: impl Iterator<Item = Option<u32>>) -> Side {
    let mut s = Side::default();
    for id in ids {
        s.push(id);
    }
    s
}

fn gram_of(neighbours: &[(Option<u32>, Option<u32>)]) -> Gram {
    Gram {
        count: neighbours.len() as u32,
        docs: 1,
        left: side_of(neighbours.iter().map(|n| n.0)),
        right: side_of(neighbours.iter().map(|n| n.1)),
    }
}

fn bump(map: &mut Map<Box<str>, u32>, key: &str, n: u32) {
    match map.get_mut(key) {
        Some(v) => *v += n,
        None => {
            map.insert(key.into(), n);
        }
    }
}

impl Sink for DocStats {
    fn totals(&mut self, chars: u64, words: u64, year: Option<u16>) {
        self.chars = chars;
        self.words = words;
        self.year = year;
    }
    fn words<'a>(&mut self, n: usize, words: impl Iterator<Item = (&'a str, u32)>) {
        self.vocab.reserve(n);
        for (w, n) in words {
            self.vocab.insert(w.into(), n);
        }
    }
    fn gram(&mut self, text: &str, neighbours: &[(Option<u32>, Option<u32>)]) {
        self.grams.insert(text.into(), gram_of(neighbours));
    }
    fn list(&mut self, list: String) {
        *self.lists.entry(list.into_boxed_str()).or_default() += 1;
    }
    fn bracket(&mut self, text: String, title: bool) {
        let map = if title {
            &mut self.titles
        } else {
            &mut self.quoted
        };
        *map.entry(text.into_boxed_str()).or_default() += 1;
    }
    fn expansion(&mut self, head: String, parts: String) {
        *self
            .expansions
            .entry(head.into_boxed_str())
            .or_default()
            .entry(parts.into_boxed_str())
            .or_default() += 1;
    }
}

thread_local! {
    /// One document's neighbours on one side, sorted (reused).
    static SCRATCH: std::cell::RefCell<(Side, Side)> = Default::default();
}

impl Sink for CorpusStats {
    fn totals(&mut self, chars: u64, words: u64, year: Option<u16>) {
        self.docs += 1;
        self.chars += chars;
        self.words += words;
        if let Some(y) = year {
            *self.years.entry(y).or_default() += 1;
        }
    }
    fn words<'a>(&mut self, _: usize, words: impl Iterator<Item = (&'a str, u32)>) {
        for (w, n) in words {
            bump(&mut self.vocab, w, n);
        }
    }
    fn gram(&mut self, text: &str, neighbours: &[(Option<u32>, Option<u32>)]) {
        let Some(g) = self.grams.get_mut(text) else {
            self.grams.insert(text.into(), gram_of(neighbours));
            return;
        };
        g.count += neighbours.len() as u32;
        g.docs += 1;
        SCRATCH.with(|cell| {
            let (l, r) = &mut *cell.borrow_mut();
            for (side, mine, pick) in [
                (&mut g.left, &mut *l, 0usize),
                (&mut g.right, &mut *r, 1usize),
            ] {
                mine.edges = 0;
                mine.ids.clear();
                for n in neighbours {
                    mine.push(if pick == 0 { n.0 } else { n.1 });
                }
                side.add(mine);
            }
        });
    }
    fn list(&mut self, list: String) {
        bump(&mut self.lists, &list, 1);
    }
    fn bracket(&mut self, text: String, title: bool) {
        let map = if title {
            &mut self.titles
        } else {
            &mut self.quoted
        };
        bump(map, &text, 1);
    }
    fn expansion(&mut self, head: String, parts: String) {
        let m = match self.expansions.get_mut(head.as_str()) {
            Some(m) => m,
            None => self.expansions.entry(head.into_boxed_str()).or_default(),
        };
        bump(m, &parts, 1);
    }
}

/// The pass's working lists, kept per thread so that a document does
/// not grow them from empty (and rehash its maps) again.
#[derive(Default)]
struct Scratch {
    inst: Vec<(Inst, usize, usize)>,
    /// Word hash → index into `words`: (paragraph, token, count).
    vocab_ids: FxHashMap<u64, u32>,
    words: Vec<(u32, u32, u32)>,
    /// N-gram hash → id; per id its count and its first occurrence.
    ids: FxHashMap<u64, u32>,
    counts: Vec<u32>,
    first: Vec<u32>,
    of: Vec<u32>,
    slot: Vec<u32>,
    kept: Vec<u32>,
    per: Vec<u32>,
    nb: Vec<(Option<u32>, Option<u32>)>,
}

impl Scratch {
    fn clear(&mut self) {
        // A huge document's lists (past 8 MB of instances) are not kept
        // for the rest.
        if self.inst.capacity() > 1 << 18 {
            *self = Scratch::default();
        }
        self.inst.clear();
        self.vocab_ids.clear();
        self.words.clear();
        self.ids.clear();
        self.counts.clear();
        self.first.clear();
        self.of.clear();
        self.slot.clear();
        self.kept.clear();
        self.per.clear();
        self.nb.clear();
    }
}

thread_local! {
    static PASS: std::cell::RefCell<Scratch> = Default::default();
}

/// The pass itself, into `sink`; gives back the prepared paragraphs.
fn pass<'d>(doc: &'d Document, sink: &mut impl Sink) -> Vec<Prepared<'d>> {
    let paras: Vec<Prepared<'d>> = doc.body().map(|(_, p)| prepare(&p.text)).collect();
    PASS.with(|cell| {
        let Ok(mut sc) = cell.try_borrow_mut() else {
            // Never nested; if it were, fresh lists do as well.
            count(doc, &paras, &mut Scratch::default(), sink);
            return;
        };
        sc.clear();
        count(doc, &paras, &mut sc, sink);
    });
    paras
}

/// Count the prepared paragraphs of `doc` into `sink`.
fn count(doc: &Document, paras: &[Prepared], sc: &mut Scratch, sink: &mut impl Sink) {
    let Scratch {
        inst,
        vocab_ids,
        words: vocab,
        ids,
        counts,
        first,
        of,
        slot,
        kept,
        per,
        nb,
    } = sc;
    // Words counted by hash first (no string compares), named at the end.
    let (mut chars, mut words) = (0u64, 0u64);
    for (pi, p) in paras.iter().enumerate() {
        chars += p.chars.len() as u64;
        for (ti, t) in p.toks.iter().enumerate() {
            if !t.han {
                continue;
            }
            words += 1;
            let next = vocab.len() as u32;
            let id = *vocab_ids.entry(t.key).or_insert(next);
            if id == next {
                vocab.push((pi as u32, ti as u32, 0));
            }
            vocab[id as usize].2 += 1;
        }
        instances(pi as u32, p, inst);
        for l in lists(p) {
            sink.list(l);
        }
        for span in brackets(&p.chars) {
            sink.bracket(span.text, span.title);
        }
        for (head, parts) in expansions(&p.chars) {
            sink.expansion(head, parts.join("、"));
        }
    }
    sink.totals(chars, words, year_of(doc.date.as_deref()));
    sink.words(
        vocab.len(),
        vocab.iter().map(|&(pi, ti, n)| {
            let p = &paras[pi as usize];
            (p.word(&p.toks[ti as usize]), n)
        }),
    );
    // Count in the document first (borrowed keys, one hash per occurrence,
    // no allocation), then keep what recurs here or has a shape of its own.
    // Keyed by a 64-bit hash of the text: no string compares; two texts of
    // one document sharing a hash (odds about 1 in 10^9) would share counts.
    let text = |k: usize| {
        let (i, b0, b1) = &inst[k];
        &paras[i.para as usize].text[*b0..*b1]
    };
    of.reserve(inst.len());
    for k in 0..inst.len() {
        let next = counts.len() as u32;
        let id = *ids.entry(FxBuildHasher.hash_one(text(k))).or_insert(next);
        if id == next {
            counts.push(0);
            first.push(k as u32);
        }
        counts[id as usize] += 1;
        of.push(id);
    }
    // Kept n-grams get a slot, in order of first kept occurrence; each
    // slot's occurrences' neighbours are laid out together (a counting
    // sort), so that each kept text is handed over once.
    const NONE: u32 = u32::MAX;
    slot.resize(counts.len(), NONE);
    for ((i, _, _), id) in inst.iter().zip(of.iter_mut()) {
        if !i.keep && counts[*id as usize] < 2 {
            *id = NONE;
            continue;
        }
        let sl = &mut slot[*id as usize];
        if *sl == NONE {
            *sl = kept.len() as u32;
            kept.push(*id);
            per.push(0);
        }
        per[*sl as usize] += 1;
        *id = *sl;
    }
    // `per[s]` becomes the start of slot s, then its end as it fills.
    let mut at = 0;
    for n in per.iter_mut() {
        let c = *n;
        *n = at;
        at += c;
    }
    nb.resize(at as usize, (None, None));
    for ((i, _, _), &sl) in inst.iter().zip(of.iter()) {
        if sl == NONE {
            continue;
        }
        let p = &paras[i.para as usize];
        let k = &mut per[sl as usize];
        nb[*k as usize] = (
            neighbour(p, i.s as usize, false),
            neighbour(p, i.e as usize, true),
        );
        *k += 1;
    }
    let mut start = 0;
    for (&id, &end) in kept.iter().zip(per.iter()) {
        let t = text(first[id as usize] as usize);
        sink.gram(t, &nb[start as usize..end as usize]);
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use std::path::Path;

    fn stats_of(text: &str) -> DocStats {
        let mut c = Corpus::default();
        c.add_bytes(Path::new("t.txt"), text.as_bytes());
        doc_stats(&c.docs[0])
    }

    #[test]
    fn years_from_dates() {
        assert_eq!(year_of(Some("2017-10-18")), Some(2017));
        assert_eq!(year_of(Some("2017")), Some(2017));
        assert_eq!(year_of(Some("17")), None);
        assert_eq!(year_of(None), None);
    }

    #[test]
    fn pairs_plus_and_three_char_phrases_are_counted() {
        let s = stats_of(
            "我们推动大众创业、万众创新，实施互联网+政务服务。\n\
             大众创业、万众创新蓬勃发展，互联网+监管全面推开，实现中国梦。\n\
             中国梦是人民的梦，“中国梦”激励人心，实事求是。\n",
        );
        let g = |t: &str| s.grams.get(t).map(|g| g.count);
        assert_eq!(g("大众创业、万众创新"), Some(2));
        assert_eq!(g("互联网+"), Some(2));
        assert_eq!(g("中国梦"), Some(3));
        // A dictionary word is kept even when used once.
        assert_eq!(g("实事求是"), Some(1));
        assert_eq!(s.quoted.get("中国梦"), Some(&1));
        // Neighbours: 推动 and the paragraph start before the pair.
        let pair = &s.grams["大众创业、万众创新"];
        assert_eq!(pair.left.total(), 2);
        assert_eq!(pair.left.edges, 1);
    }

    #[test]
    fn a_modal_verb_opens_no_phrase() {
        let s = stats_of(
            "各地要坚持高质量发展。我们必须坚持高质量发展。\n\
             要坚持高质量发展，务必坚持高质量发展。\n",
        );
        assert_eq!(s.grams.get("坚持高质量发展").map(|g| g.count), Some(4));
        for k in s.grams.keys() {
            assert!(
                !["要", "必须", "务必"].iter().any(|m| k.starts_with(m)),
                "{k}"
            );
        }
    }

    #[test]
    fn a_pair_cut_out_of_a_clause_is_no_pair() {
        // 世界和平、促进共同 stops at an adverb that goes on (共同|发展);
        // 老挝和越南 is a list. 维护世界和平、促进共同发展 is a pair.
        let s = stats_of(
            &"我们要维护世界和平、促进共同发展。关于柬埔寨、老挝和越南的问题。\n".repeat(3),
        );
        assert_eq!(
            s.grams.get("维护世界和平、促进共同发展").map(|g| g.count),
            Some(3)
        );
        for bad in ["世界和平、促进共同", "关于柬埔寨、老挝和越南"] {
            assert!(!s.grams.contains_key(bad), "{bad}");
        }
    }

    #[test]
    fn lists_of_parallel_items() {
        let s = stats_of("坚定道路自信、理论自信、制度自信、文化自信。统筹教育、医疗和养老。");
        let lists: Vec<&str> = s.lists.keys().map(|k| &**k).collect();
        assert_eq!(lists, vec!["道路自信、理论自信、制度自信、文化自信"]);
        let s = stats_of(
            "统揽伟大斗争，伟大工程，伟大事业，伟大梦想，紧密联系。我们要干，要快，要好。",
        );
        let lists: Vec<&str> = s.lists.keys().map(|k| &**k).collect();
        assert_eq!(lists, vec!["伟大斗争、伟大工程、伟大事业、伟大梦想"]);
    }

    #[test]
    fn names_peoples_and_frame_pieces_are_not_candidates() {
        let para = "女士们、先生们，国家主席习近平出席二十国集团峰会，全国各族人民纪念中国人民抗日战争胜利，\
                    以科学发展观为指导，我国经济社会发展，推进乡村振兴战略。\n";
        let s = stats_of(&para.repeat(3));
        for name in [
            "国家主席习近平",
            "二十国集团",
            "全国各族人民",
            "中国人民抗日战争",
            "科学发展观为",
            "我国经济社会发展",
            "女士们、先生们",
        ] {
            assert!(!s.grams.contains_key(name), "{name}");
        }
        assert_eq!(s.grams.get("乡村振兴战略").map(|g| g.count), Some(3));
    }

    #[test]
    fn fragments_are_not_candidates() {
        let s = stats_of("发展的成果，发展的成果。领导干部要带头，领导干部要带头。");
        assert!(s.grams.keys().all(|k| !super::super::is_fragment(k)));
        assert!(!s.grams.contains_key("领导干部要"));
    }

    #[test]
    fn a_manner_word_opens_a_compound_but_not_a_bare_verb() {
        let para = "我们全面深化改革，全面推进各项工作，大力推进改革，全面从严治党。\n";
        let s = stats_of(&para.repeat(3));
        let g = |t: &str| s.grams.get(t).map(|g| g.count);
        // One word of four chars after 全面: a formulation.
        assert_eq!(g("全面深化改革"), Some(3));
        assert_eq!(g("全面从严治党"), Some(3));
        // A manner word and a bare verb: a collocation.
        assert_eq!(g("全面推进"), None);
        assert_eq!(g("大力推进"), None);
    }
}
