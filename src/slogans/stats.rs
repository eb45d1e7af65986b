//! Recurring phrases by statistics over the segmentation: word n-grams of
//! 4–10 chars that recur and hold together.
//!
//! "Recur": in at least two documents, or often in one. "Hold together":
//! every split of the n-gram into two parts has a high pointwise mutual
//! information (the parts occur together far more than by chance), and the
//! n-gram is free at both ends: the words before and after it vary (left
//! and right branching entropy), so it is not the middle of a longer
//! phrase. Boundaries of the text (punctuation, paragraph ends) count as
//! distinct neighbours each time.
//!
//! What always holds: every phrase returned is Simplified Han text made of
//! whole jieba words, with no particle, conjunction or pronoun at its ends
//! and no particle inside.

use super::{Para, Tok};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's): these maps take a lookup per n-gram of the corpus, and
/// SipHash's resistance to crafted keys is worth nothing here.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

const MIN_CHARS: usize = 4;
const MAX_CHARS: usize = 10;
const MAX_WORDS: usize = 4;
/// Minimum occurrences, and documents; or `MIN_COUNT_ONE_DOC` in one.
const MIN_COUNT: u32 = 3;
const MIN_DOCS: u32 = 2;
const MIN_COUNT_ONE_DOC: u32 = 5;
/// log2 of how much more often the parts co-occur than chance would have it.
const MIN_PMI: f64 = 3.0;
/// Bits of left and right branching entropy.
const MIN_ENTROPY: f64 = 1.0;

/// Tags that may not open a phrase: particles, prepositions, conjunctions,
/// pronouns, numerals, measure words, adverbs, localisers, time words,
/// interjections, modal particles, non-words.
const BAD_FIRST: &[u8] = b"upcrmqdftyeoxza";
/// Chars that may not open a statistical phrase: prepositions and
/// localisers that jieba's HMM sometimes glues into a "word" (以神 in
/// 以神山镇为例). Quoted phrases may start with them (为人民服务).
const FIRST_CHAR_STOP: &str = "以为把被对从向给将于按据经由让使当就其这那每各该此";
/// Localisers that end a place phrase (推进会上), not a slogan.
const LAST_CHAR_STOP: &str = "上中下里内外间前后时";
/// A phrase that ends in a person is a title for people (书记镇长), not a
/// slogan.
const PEOPLE: &[&str] = &[
    "书记", "镇长", "县长", "市长", "乡长", "主任", "部长", "局长", "干部", "党员", "同志", "群众",
    "代表", "成员", "委员", "主席", "总理", "领导",
];
/// Reporting verbs: 习近平强调, 会议指出 report speech, they are not slogans.
const SAYING: &[&str] = &[
    "强调", "指出", "表示", "认为", "提出", "要求", "讲话", "主持", "出席", "说", "称",
];
/// Bodies and documents: 有关部门, 工作会议 name an institution.
const BODIES: &[&str] = &["部门", "单位", "会议", "报告", "机关", "人员", "工作"];
/// Manner words that, with one verb, make a collocation (全面贯彻,
/// 大力推进), not a slogan; with more words they may open one (全面深化改革).
const MANNER: &[&str] = &[
    "全面",
    "大力",
    "加快",
    "基本",
    "切实",
    "进一步",
    "深入",
    "积极",
    "坚决",
    "认真",
    "扎实",
    "不断",
    "持续",
    "着力",
    "努力",
    "有效",
    "加强",
    "推进",
    "推动",
    "组织",
    "严格",
    "统筹",
];
/// Tags that may not close one (adverbs and adjectives do: 全面从严治党 ends
/// in a verb, 更加 does not end anything).
const BAD_LAST: &[u8] = b"upcrmqdfyeox";

fn han_word(chars: &[char], t: &Tok) -> bool {
    chars[t.start as usize..t.end as usize]
        .iter()
        .all(|&c| crate::text::script::is_han(c))
}

#[derive(Default)]
struct Stat {
    count: u32,
    docs: u32,
    last_doc: usize,
    left: FxMap<u64, u32>,
    right: FxMap<u64, u32>,
    boundary_left: u32,
    boundary_right: u32,
    /// Char length of each word, from the first occurrence.
    words: Vec<u8>,
}

fn entropy(side: &FxMap<u64, u32>, boundaries: u32, total: u32) -> f64 {
    let total = total as f64;
    let mut h: f64 = side
        .values()
        .map(|&n| {
            let p = n as f64 / total;
            -p * p.log2()
        })
        .sum();
    // Each boundary is its own neighbour.
    let p = 1.0 / total;
    h += boundaries as f64 * -p * p.log2();
    h
}

/// A cheap stable id for a word (neighbour identity only).
fn word_id(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

pub(crate) fn phrases(paras: &[Para]) -> Vec<String> {
    // Runs of Han words: n-grams never cross punctuation or other text.
    // Keys are slices of the paragraphs' chars: no String per n-gram.
    let mut ngrams: FxMap<&[char], Stat> = FxMap::default();
    // Every n-gram of up to MAX_WORDS words (the parts PMI needs).
    let mut counts: FxMap<&[char], u32> = FxMap::default();
    let mut total_words: u64 = 0;
    for para in paras {
        let c = &para.chars;
        let toks = &para.tokens;
        let mut run_start = 0;
        for i in 0..=toks.len() {
            if i < toks.len() && han_word(c, &toks[i]) {
                total_words += 1;
                continue;
            }
            count_run(c, &toks[run_start..i], para.doc, &mut ngrams, &mut counts);
            run_start = i + 1;
        }
    }
    let total = total_words.max(1) as f64;
    let mut out = Vec::new();
    for (text, st) in &ngrams {
        let recurs =
            (st.count >= MIN_COUNT && st.docs >= MIN_DOCS) || st.count >= MIN_COUNT_ONE_DOC;
        if !recurs {
            continue;
        }
        let l = entropy(&st.left, st.boundary_left, st.count);
        let r = entropy(&st.right, st.boundary_right, st.count);
        if l < MIN_ENTROPY || r < MIN_ENTROPY {
            continue;
        }
        // Cohesion: the weakest joint between its words decides.
        let chars: &[char] = text;
        let p_ab = st.count as f64 / total;
        let mut min_pmi = f64::INFINITY;
        let mut at = 0;
        for &len in &st.words[..st.words.len() - 1] {
            at += len as usize;
            let ca = counts.get(&chars[..at]).copied().unwrap_or(1) as f64;
            let cb = counts.get(&chars[at..]).copied().unwrap_or(1) as f64;
            min_pmi = min_pmi.min((p_ab / ((ca / total) * (cb / total))).log2());
        }
        if min_pmi < MIN_PMI {
            continue;
        }
        out.push(text.iter().collect::<String>());
    }
    // A phrase that is mostly the tail of a longer one lost its head
    // (设施建设 in 基础设施建设): keep only the longer.
    let count = |t: &String| ngrams[&t.chars().collect::<Vec<char>>()[..]].count as f64;
    let mut by_len = out.clone();
    by_len.sort_by_key(|t| std::cmp::Reverse(t.len()));
    out.retain(|t| {
        !by_len
            .iter()
            .any(|l| l.len() > t.len() && l.ends_with(t.as_str()) && count(l) >= 0.7 * count(t))
    });
    out
}

fn count_run<'a>(
    c: &'a [char],
    run: &[Tok],
    doc: usize,
    ngrams: &mut FxMap<&'a [char], Stat>,
    counts: &mut FxMap<&'a [char], u32>,
) {
    let text =
        |s: usize, e: usize| -> &'a [char] { &c[run[s].start as usize..run[e].end as usize] };
    // Is `w` one of `list`? Compared as chars, without building a String.
    let one_of = |w: &[char], list: &[&str]| list.iter().any(|l| l.chars().eq(w.iter().copied()));
    for s in 0..run.len() {
        let mut chars = 0;
        let mut particle = false;
        for e in s..run.len().min(s + MAX_WORDS) {
            let t = &run[e];
            chars += t.len();
            if chars > MAX_CHARS {
                break;
            }
            *counts.entry(text(s, e)).or_default() += 1;
            // A particle inside makes a clause, not a phrase.
            particle |= e > s && (t.tag_is(b'u') || t.tag_is(b'c'));
            // One word is vocabulary, not a phrase; a phrase without a verb
            // is a noun compound (领导干部, 人民群众), a term, not a slogan.
            let words = &run[s..=e];
            let verbal = words.iter().any(|t| t.tag_is(b'v'));
            let nominal = words
                .iter()
                .any(|t| t.tag_is(b'n') || t.tag == *b"vn" || b"jli".contains(&t.tag[0]));
            // Verb + plain noun is a collocation cut out of a clause
            // (完善基层, 加强领导); verb + verbal noun is a slogan (脱贫攻坚).
            let verb_object =
                words.len() == 2 && words[0].tag == [b'v', 0] && words[1].tag_is(b'n');
            let first_word = &c[run[s].start as usize..run[s].end as usize];
            let last_word = &c[t.start as usize..t.end as usize];
            if particle
                || e == s
                || !verbal
                || !nominal
                || verb_object
                || one_of(last_word, PEOPLE)
                || one_of(last_word, SAYING)
                || one_of(last_word, BODIES)
                || run[s].tag == *b"nr"
                || (words.len() == 2 && one_of(first_word, MANNER))
                || BAD_FIRST.contains(&run[s].tag[0])
                || FIRST_CHAR_STOP.contains(c[run[s].start as usize])
                || LAST_CHAR_STOP.contains(c[t.end as usize - 1])
                || BAD_LAST.contains(&t.tag[0])
                || chars < MIN_CHARS
            {
                continue;
            }
            let st = ngrams.entry(text(s, e)).or_default();
            if st.count == 0 {
                st.words = run[s..=e].iter().map(|t| t.len() as u8).collect();
            }
            st.count += 1;
            if st.docs == 0 || st.last_doc != doc {
                st.docs += 1;
                st.last_doc = doc;
            }
            match s.checked_sub(1) {
                Some(p) => {
                    let w = &run[p];
                    *st.left
                        .entry(word_id(&c[w.start as usize..w.end as usize]))
                        .or_default() += 1;
                }
                None => st.boundary_left += 1,
            }
            match run.get(e + 1) {
                Some(w) => {
                    *st.right
                        .entry(word_id(&c[w.start as usize..w.end as usize]))
                        .or_default() += 1;
                }
                None => st.boundary_right += 1,
            }
        }
    }
}
