//! Which candidates could match a query, from postings built with the
//! candidates. A key is a char of the text (folded the way nucleo folds
//! case), a letter of the initials, two adjacent letters of the initials
//! (sentences only), or "is a slogan"; its postings are the candidates
//! that have it.
//!
//! What always holds: [`Filter`] keeps every candidate that
//! [`Query::score`] accepts (it may keep more, never fewer). A positive
//! term needs every char of its needle in the text; an ASCII term may
//! instead find every letter in the initials, and in a sentence's
//! initials every adjacent pair too (a sentence's initials must hold an
//! ASCII term as a run; a slogan's only for `'` `^` `$` terms, and its
//! pairs are not worth their memory). Negative terms rule nothing out
//! here.
//!
//! Postings come in blocks of 65,536 candidates, each a sorted `u16` array
//! while short and a bitmap once the array would be larger (as Roaring
//! bitmaps do), so a key costs at most about one bit per candidate.

use super::query::Query;
use crate::bytes::Table;
use crate::text::script::is_han;
use std::collections::HashMap;
use std::ops::Range;

/// Blocks of 2^16 candidates; unit tests use blocks of 128, so that a
/// few hundred generated candidates cross blocks and fill bitmaps.
pub(crate) const SHIFT: u32 = if cfg!(test) { 7 } else { 16 };
const WORDS: usize = (1 << SHIFT) / 64;
/// Beyond this many entries an array costs more than a bitmap.
const ARRAY_MAX: usize = WORDS * 4;

type Bits = [u64; WORDS];

/// A candidate id's block number and its place in the block.
fn split(id: u32) -> (u32, u16) {
    (id >> SHIFT, (id & ((1 << SHIFT) - 1)) as u16)
}

fn zeros() -> Box<Bits> {
    Box::new([0; WORDS])
}

/// The char nucleo compares when it ignores case: its simple case folding
/// (`K` the Kelvin sign and `ſ` fold to ASCII letters). Han chars have no
/// case; they skip the table search.
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if is_han(c) {
        c
    } else {
        nucleo_matcher::chars::to_lower_case(c)
    }
}

#[derive(Clone, Debug)]
enum Set {
    Array(Vec<u16>),
    Bitmap(Box<Bits>),
}

/// The candidates of one key within one sealed block of 65,536.
#[derive(Clone, Debug)]
struct Block {
    number: u32,
    len: u32,
    set: Set,
}

/// A block's candidates as a query reads them.
#[derive(Clone, Copy)]
enum View<'a> {
    Array(&'a [u16]),
    Bitmap(&'a Bits, u32),
}

impl View<'_> {
    fn len(&self) -> usize {
        match self {
            View::Array(a) => a.len(),
            View::Bitmap(_, n) => *n as usize,
        }
    }
    fn contains(&self, lo: u16) -> bool {
        match self {
            View::Array(a) => a.binary_search(&lo).is_ok(),
            View::Bitmap(b, _) => b[lo as usize / 64] >> (lo % 64) & 1 == 1,
        }
    }
}

fn bitmap(ids: &[u16]) -> Box<Bits> {
    let mut bits = zeros();
    for &x in ids {
        bits[x as usize / 64] |= 1 << (x % 64);
    }
    bits
}

/// The candidates of one key: sealed blocks in order, then the block
/// still filling, kept inline as a plain array (appending to it touches
/// one cache line; setting bits all over a bitmap, or following a pointer
/// to the last block, costs a miss per candidate).
#[derive(Clone, Debug, Default)]
struct Postings {
    blocks: Vec<Block>,
    /// Low halves of the ids in the open block, in order.
    open: Vec<u16>,
    /// The last id added, plus one (0: none yet).
    last: u32,
}

impl Postings {
    /// Add `id`, which is at least every id added before (a repeat is a
    /// no-op).
    fn push(&mut self, id: u32) {
        if self.last > id {
            return;
        }
        let (number, lo) = split(id);
        if self.open.is_empty() && self.blocks.last().is_some_and(|b| b.number == number) {
            // Sealed early (shrink_to_fit), and more came: reopen it.
            let b = self.blocks.pop().expect("checked");
            self.open = match b.set {
                Set::Array(a) => a,
                Set::Bitmap(bits) => (0..1u32 << SHIFT)
                    .filter(|&lo| bits[lo as usize / 64] >> (lo % 64) & 1 == 1)
                    .map(|lo| lo as u16)
                    .collect(),
            };
        } else if !self.open.is_empty() && (self.last - 1) >> SHIFT != number {
            self.seal();
        }
        self.open.push(lo);
        self.last = id + 1;
    }

    /// Move the open block to the sealed ones, as a bitmap if an array
    /// would be larger.
    fn seal(&mut self) {
        if self.open.is_empty() {
            return;
        }
        let open = std::mem::take(&mut self.open);
        let len = open.len() as u32;
        let set = if open.len() > ARRAY_MAX {
            Set::Bitmap(bitmap(&open))
        } else {
            Set::Array(open.into_boxed_slice().into_vec())
        };
        self.blocks.push(Block {
            number: (self.last - 1) >> SHIFT,
            len,
            set,
        });
    }

    fn block(&self, number: u32) -> Option<View<'_>> {
        if !self.open.is_empty() && (self.last - 1) >> SHIFT == number {
            return Some(View::Array(&self.open));
        }
        let i = self
            .blocks
            .binary_search_by_key(&number, |b| b.number)
            .ok()?;
        let b = &self.blocks[i];
        Some(match &b.set {
            Set::Array(a) => View::Array(a),
            Set::Bitmap(bits) => View::Bitmap(bits, b.len),
        })
    }

    fn bytes(&self) -> usize {
        self.blocks.capacity() * std::mem::size_of::<Block>()
            + self.open.capacity() * 2
            + self
                .blocks
                .iter()
                .map(|b| match &b.set {
                    Set::Array(a) => a.capacity() * 2,
                    Set::Bitmap(_) => std::mem::size_of::<Bits>(),
                })
                .sum::<usize>()
    }
}

/// Initials hold `a`–`z`, `0`–`9` and spaces; a letter is one of the 36.
fn letter(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as usize),
        b'0'..=b'9' => Some(26 + (b - b'0') as usize),
        _ => None,
    }
}

const LETTERS: usize = 36;
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A folded char of the text.
    Char(char),
    /// A letter of the initials (see [`letter`]).
    Letter(usize),
    /// Two adjacent letters of the initials.
    Pair(usize, usize),
    /// The candidate is a slogan: its initials match fuzzily.
    Slogan,
}

/// Slots of the dense table: letters, pairs, the slogan key, then the
/// chars of the Basic Multilingual Plane; other chars go in a map.
const PAIRS: usize = LETTERS;
const SLOGAN: usize = PAIRS + LETTERS * LETTERS;
const CHARS: usize = SLOGAN + 1;

fn slot(key: Key) -> Option<usize> {
    match key {
        Key::Letter(l) => Some(l),
        Key::Pair(a, b) => Some(PAIRS + a * LETTERS + b),
        Key::Slogan => Some(SLOGAN),
        Key::Char(c) if (c as u32) < 0x10000 => Some(CHARS + c as usize),
        Key::Char(_) => None,
    }
}

/// The postings of every key that occurs, as they are built: a dense
/// slot table and growing lists, cheap to add to.
#[derive(Clone, Debug, Default)]
pub(crate) struct Builder {
    /// Slot → postings number + 1 (0: the key never occurs). Grown on
    /// demand, so it covers only up to the highest char seen.
    slots: Vec<u32>,
    astral: HashMap<char, u32>,
    lists: Vec<Postings>,
    /// The block the last candidate added is in.
    open: u32,
}

impl Builder {
    fn find(&self, key: Key) -> Option<usize> {
        match (slot(key), key) {
            (Some(s), _) => match self.slots.get(s) {
                Some(&n) if n > 0 => Some(n as usize - 1),
                _ => None,
            },
            (None, Key::Char(c)) => self.astral.get(&c).map(|&n| n as usize),
            (None, _) => None,
        }
    }

    fn post(&mut self, key: Key, id: u32) {
        let n = match (slot(key), key) {
            (Some(s), _) => {
                if s >= self.slots.len() {
                    self.slots.resize(s + 1, 0);
                }
                if self.slots[s] == 0 {
                    self.lists.push(Postings::default());
                    self.slots[s] = self.lists.len() as u32;
                }
                self.slots[s] as usize - 1
            }
            (None, Key::Char(c)) => {
                let next = self.lists.len() as u32;
                let n = *self.astral.entry(c).or_insert(next);
                if n == next {
                    self.lists.push(Postings::default());
                }
                n as usize
            }
            (None, _) => unreachable!("only chars lack a slot"),
        };
        self.lists[n].push(id);
    }

    /// Add candidate `id` (one more than the last added).
    pub(crate) fn add(&mut self, id: u32, text: &str, initials: &[u8], slogan: bool) {
        if id >> SHIFT != self.open {
            self.seal();
            self.open = id >> SHIFT;
        }
        for c in text.chars() {
            self.post(Key::Char(fold(c)), id);
        }
        let mut prev = None;
        for &b in initials {
            let cur = letter(b);
            if let Some(l) = cur {
                self.post(Key::Letter(l), id);
                if let Some(p) = prev.filter(|_| !slogan) {
                    self.post(Key::Pair(p, l), id);
                }
            }
            prev = cur;
        }
        if slogan {
            self.post(Key::Slogan, id);
        }
    }

    /// Seal every list's last block.
    fn seal(&mut self) {
        for l in &mut self.lists {
            l.seal();
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.seal();
        self.slots.shrink_to_fit();
        self.lists.shrink_to_fit();
        for l in &mut self.lists {
            l.blocks.shrink_to_fit();
        }
    }

    /// Approximate heap bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.slots.capacity() * 4
            + self.astral.capacity() * 8
            + self.lists.capacity() * std::mem::size_of::<Postings>()
            + self.lists.iter().map(Postings::bytes).sum::<usize>()
    }
}

/// Key codes of the frozen form: the dense slots of [`slot`], and every
/// char outside the Basic Multilingual Plane after them.
fn code(key: Key) -> u32 {
    match (slot(key), key) {
        (Some(s), _) => s as u32,
        (None, Key::Char(c)) => (CHARS + c as usize) as u32,
        (None, _) => unreachable!("only chars lack a slot"),
    }
}

/// One key of the frozen form and its list.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct KeyEntry {
    pub code: u32,
    pub list: u32,
}

/// One list of the frozen form: its blocks.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct ListEntry {
    pub first: u32,
    pub count: u32,
}

/// One block of the frozen form: a run of `len` `u16`s of `arrays` from
/// `at`, or (`bitmap` = 1) the `at`-th bitmap of `bitmaps`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct BlockEntry {
    pub number: u32,
    pub len: u32,
    pub bitmap: u32,
    pub at: u32,
}

/// The postings as flat tables, sorted for binary search: what the index
/// writes to disk and reads back in place.
#[derive(Clone, Debug, Default)]
pub(crate) struct Frozen {
    pub keys: Table<KeyEntry>,
    pub lists: Table<ListEntry>,
    pub blocks: Table<BlockEntry>,
    pub arrays: Table<u16>,
    pub bitmaps: Table<u64>,
}

impl Frozen {
    fn find(&self, key: Key) -> Option<usize> {
        let code = code(key);
        let keys = &self.keys[..];
        let i = keys.binary_search_by_key(&code, |k| k.code).ok()?;
        Some(keys[i].list as usize)
    }

    fn block(&self, list: usize, number: u32) -> Option<View<'_>> {
        let l = self.lists.get(list)?;
        let first = l.first as usize;
        let blocks = self
            .blocks
            .get(first..first.checked_add(l.count as usize)?)?;
        let b = blocks[blocks.binary_search_by_key(&number, |b| b.number).ok()?];
        let at = b.at as usize;
        if b.bitmap == 1 {
            let words = self.bitmaps.get(at * WORDS..(at + 1) * WORDS)?;
            Some(View::Bitmap(words.try_into().ok()?, b.len))
        } else {
            Some(View::Array(self.arrays.get(at..at + b.len as usize)?))
        }
    }

    fn bytes(&self) -> usize {
        self.keys.heap_bytes()
            + self.lists.heap_bytes()
            + self.blocks.heap_bytes()
            + self.arrays.heap_bytes()
            + self.bitmaps.heap_bytes()
    }
}

/// The postings of a part of the candidates: still being built, or frozen
/// (read from disk).
#[derive(Clone, Debug)]
pub(crate) enum Index {
    Building(Builder),
    Frozen(Frozen),
}

impl Default for Index {
    fn default() -> Self {
        Index::Building(Builder::default())
    }
}

impl Index {
    fn find(&self, key: Key) -> Option<usize> {
        match self {
            Index::Building(b) => b.find(key),
            Index::Frozen(f) => f.find(key),
        }
    }

    fn block(&self, list: usize, number: u32) -> Option<View<'_>> {
        match self {
            Index::Building(b) => b.lists.get(list)?.block(number),
            Index::Frozen(f) => f.block(list, number),
        }
    }

    /// See [`crate::bytes::Backing::release`].
    pub(crate) fn release(&self) {
        if let Index::Frozen(f) = self {
            f.keys.release();
            f.lists.release();
            f.blocks.release();
            f.arrays.release();
            f.bitmaps.release();
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        if let Index::Building(b) = self {
            b.shrink_to_fit();
        }
    }

    /// Approximate heap bytes (a mapped index holds none).
    pub(crate) fn bytes(&self) -> usize {
        match self {
            Index::Building(b) => b.bytes(),
            Index::Frozen(f) => f.bytes(),
        }
    }

    /// The frozen form of these postings, with the same answers.
    pub(crate) fn freeze(&self) -> Frozen {
        let b = match self {
            Index::Frozen(f) => return f.clone(),
            Index::Building(b) => b,
        };
        let mut keys: Vec<KeyEntry> = Vec::new();
        for (s, &n) in b.slots.iter().enumerate() {
            if n > 0 {
                keys.push(KeyEntry {
                    code: s as u32,
                    list: n - 1,
                });
            }
        }
        for (&c, &n) in &b.astral {
            keys.push(KeyEntry {
                code: code(Key::Char(c)),
                list: n,
            });
        }
        keys.sort_unstable_by_key(|k| k.code);
        let (mut lists, mut blocks) = (Vec::new(), Vec::new());
        let (mut arrays, mut bitmaps): (Vec<u16>, Vec<u64>) = (Vec::new(), Vec::new());
        for l in &b.lists {
            let first = blocks.len() as u32;
            let mut push = |number: u32, len: u32, set: &Set| match set {
                Set::Array(a) => {
                    blocks.push(BlockEntry {
                        number,
                        len,
                        bitmap: 0,
                        at: arrays.len() as u32,
                    });
                    arrays.extend_from_slice(a);
                }
                Set::Bitmap(bits) => {
                    blocks.push(BlockEntry {
                        number,
                        len,
                        bitmap: 1,
                        at: (bitmaps.len() / WORDS) as u32,
                    });
                    bitmaps.extend_from_slice(&bits[..]);
                }
            };
            for blk in &l.blocks {
                push(blk.number, blk.len, &blk.set);
            }
            if !l.open.is_empty() {
                let number = (l.last - 1) >> SHIFT;
                push(number, l.open.len() as u32, &Set::Array(l.open.clone()));
            }
            lists.push(ListEntry {
                first,
                count: blocks.len() as u32 - first,
            });
        }
        Frozen {
            keys: Table::Owned(keys),
            lists: Table::Owned(lists),
            blocks: Table::Owned(blocks),
            arrays: Table::Owned(arrays),
            bitmaps: Table::Owned(bitmaps),
        }
    }

    /// What `q` needs, as postings: for each positive term, alternatives
    /// of which a candidate must pass one; an alternative is a set of keys
    /// it must all have.
    fn plan(&self, q: &Query) -> Option<Vec<Vec<Vec<usize>>>> {
        let mut terms = Vec::new();
        for t in q.terms.iter().filter(|t| !t.negative()) {
            let needle: Vec<char> = t.needle().chars().collect();
            let mut alts: Vec<Vec<Key>> =
                vec![needle.iter().map(|&c| Key::Char(fold(c))).collect()];
            // An ASCII needle is lower-case; a char that is not a letter
            // of the initials (`-`, `%`) rules them out.
            let letters: Option<Vec<usize>> = needle
                .iter()
                .map(|&c| if t.ascii() { letter(c as u8) } else { None })
                .collect();
            if let Some(ls) = letters {
                let mut run: Vec<Key> = ls.iter().map(|&l| Key::Letter(l)).collect();
                alts.push(run.iter().copied().chain([Key::Slogan]).collect());
                run.extend(ls.windows(2).map(|w| Key::Pair(w[0], w[1])));
                alts.push(run);
            }
            let alts: Vec<Vec<usize>> = alts
                .into_iter()
                .filter_map(|mut keys| {
                    keys.sort_unstable();
                    keys.dedup();
                    keys.into_iter().map(|k| self.find(k)).collect()
                })
                .collect();
            if alts.is_empty() {
                return None; // this term matches nothing
            }
            terms.push(alts);
        }
        Some(terms)
    }

    /// A filter for `q`: see the module doc.
    pub(crate) fn filter(&self, q: &Query) -> Filter<'_> {
        Filter {
            index: self,
            plan: self.plan(q),
            block: None,
            bits: zeros(),
            term: zeros(),
            tmp: zeros(),
            blocks: Vec::new(),
        }
    }
}

/// The candidates of an index that could match one query, a block at a
/// time.
pub(crate) struct Filter<'a> {
    index: &'a Index,
    /// `None`: nothing can match.
    plan: Option<Vec<Vec<Vec<usize>>>>,
    /// The block `bits` holds.
    block: Option<u32>,
    bits: Box<Bits>,
    term: Box<Bits>,
    tmp: Box<Bits>,
    blocks: Vec<View<'a>>,
}

impl Filter<'_> {
    /// Append the candidates in `range` that could match, in order.
    pub(crate) fn collect(&mut self, range: Range<usize>, out: &mut Vec<u32>) {
        if self.plan.is_none() {
            return;
        }
        let mut start = range.start;
        while start < range.end {
            let number = (start >> SHIFT) as u32;
            let base = (number as usize) << SHIFT;
            let end = (base + (1 << SHIFT)).min(range.end);
            if self.block != Some(number) {
                self.eval(number);
                self.block = Some(number);
            }
            let (lo, hi) = (start - base, end - base);
            for w in lo / 64..hi.div_ceil(64) {
                let mut word = self.bits[w];
                if w == lo / 64 {
                    word &= u64::MAX << (lo % 64);
                }
                if w == (hi - 1) / 64 && hi % 64 != 0 {
                    word &= u64::MAX >> (64 - hi % 64);
                }
                while word != 0 {
                    out.push((base + w * 64 + word.trailing_zeros() as usize) as u32);
                    word &= word - 1;
                }
            }
            start = end;
        }
    }

    /// Fill `bits` for block `number`.
    fn eval(&mut self, number: u32) {
        let Some(plan) = &self.plan else {
            return;
        };
        self.bits.fill(u64::MAX); // no positive term: anything could match
        for (i, alts) in plan.iter().enumerate() {
            let into = if i == 0 {
                &mut self.bits
            } else {
                &mut self.term
            };
            into.fill(0);
            for keys in alts {
                conj(self.index, keys, number, &mut self.blocks, &mut self.tmp);
                for (a, b) in into.iter_mut().zip(self.tmp.iter()) {
                    *a |= b;
                }
            }
            if i > 0 {
                for (a, b) in self.bits.iter_mut().zip(self.term.iter()) {
                    *a &= b;
                }
            }
            if self.bits.iter().all(|&w| w == 0) {
                return;
            }
        }
    }
}

/// Into `out`: the candidates of block `number` that have every key.
fn conj<'a>(
    index: &'a Index,
    keys: &[usize],
    number: u32,
    blocks: &mut Vec<View<'a>>,
    out: &mut Bits,
) {
    out.fill(0);
    blocks.clear();
    for &k in keys {
        match index.block(k, number) {
            Some(b) => blocks.push(b),
            None => return,
        }
    }
    blocks.sort_unstable_by_key(View::len);
    let Some((first, rest)) = blocks.split_first() else {
        out.fill(u64::MAX); // no key to have
        return;
    };
    match first {
        View::Array(a) => {
            for &lo in *a {
                if rest.iter().all(|b| b.contains(lo)) {
                    out[lo as usize / 64] |= 1 << (lo % 64);
                }
            }
        }
        View::Bitmap(bits, _) => {
            out.copy_from_slice(&bits[..]);
            for b in rest {
                match b {
                    View::Bitmap(bits, _) => {
                        for (a, b) in out.iter_mut().zip(bits.iter()) {
                            *a &= b;
                        }
                    }
                    // An open block's array can be longer than a bitmap.
                    View::Array(arr) => {
                        let keep = bitmap(arr);
                        for (a, b) in out.iter_mut().zip(keep.iter()) {
                            *a &= b;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_chars_have_no_case_to_fold() {
        for c in ('\u{3400}'..='\u{9fff}')
            .chain('\u{f900}'..='\u{faff}')
            .chain('\u{20000}'..='\u{2ffff}')
            .filter(|&c| is_han(c))
        {
            assert_eq!(nucleo_matcher::chars::to_lower_case(c), c);
        }
        assert_eq!(fold('\u{212a}'), 'k');
        assert_eq!(fold('ſ'), 's');
        assert_eq!(fold('Ｑ'), 'ｑ');
    }

    fn has(p: &Postings, id: u32) -> bool {
        let (number, lo) = split(id);
        p.block(number).is_some_and(|b| b.contains(lo))
    }

    #[test]
    fn postings_cross_blocks_and_turn_into_bitmaps() {
        const BLOCK: u32 = 1 << SHIFT;
        let n = 3 * BLOCK + BLOCK / 2;
        let mut p = Postings::default();
        let ids: Vec<u32> = (0..n).filter(|i| i % 3 == 0 || i % 100 == 1).collect();
        for &i in &ids {
            p.push(i);
            p.push(i); // a repeat changes nothing
        }
        // Still filling: the last block is open, the others sealed.
        assert_eq!(p.blocks.len(), 3);
        assert!(p.blocks.iter().all(|b| matches!(b.set, Set::Bitmap(_))));
        let got: Vec<u32> = (0..n).filter(|&i| has(&p, i)).collect();
        assert_eq!(got, ids);
        p.seal();
        let got: Vec<u32> = (0..n).filter(|&i| has(&p, i)).collect();
        assert_eq!(got, ids);
        // More after sealing: the block reopens.
        p.push(n);
        assert!(has(&p, n) && has(&p, n - 1) && !has(&p, n - 2));
        let total: usize = p.blocks.iter().map(|b| b.len as usize).sum::<usize>() + p.open.len();
        assert_eq!(total, ids.len() + 1);

        let mut sparse = Postings::default();
        for i in (0..n).step_by(BLOCK as usize / 4) {
            sparse.push(i);
        }
        sparse.seal();
        assert!(sparse.blocks.iter().all(|b| matches!(b.set, Set::Array(_))));
        assert!(has(&sparse, n - BLOCK / 4 - BLOCK / 2) && !has(&sparse, n - 1));
    }
}
