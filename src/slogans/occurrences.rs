//! A slogan's occurrences: packed bytes — made by mining straight from its
//! hits ([`kept_packed`]), or read from the on-disk index — unpacked the first
//! time something reads them whole; or a vector, when made from one.
//!
//! A 100 MB corpus has 7 million occurrences; as vectors they were 176 MB
//! of the reader's memory and most of the time `tifa slogans` took to read
//! its index, though a screen shows the occurrences of a few slogans at a
//! time. Packed (varint deltas in corpus order) they take about 2.5 bytes
//! each; the count and the first occurrence (where a slogan is cited from)
//! are kept beside them, so listing slogans unpacks none.
//!
//! What always holds: [`pack_occurrences`] then [`Occurrences::packed`]
//! gives back every occurrence, in order (a property test). Packed bytes
//! are not decoded when read (the index file's checksum vouches for them,
//! and decoding 7 million to check them took longer than the rest of
//! `tifa slogans`); whatever they hold, unpacking never reads outside them
//! and stops at the first occurrence that does not decode.

use super::Occurrence;
use crate::bytes::Backing;
use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};

/// See the module doc.
#[derive(Clone, Default)]
pub struct Occurrences(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Vec<Occurrence>),
    Packed {
        bytes: Arc<dyn Backing>,
        range: Range<usize>,
        len: usize,
        first: Occurrence,
        unpacked: OnceLock<Vec<Occurrence>>,
    },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Owned(Vec::new())
    }
}

impl From<Vec<Occurrence>> for Occurrences {
    fn from(v: Vec<Occurrence>) -> Self {
        Occurrences(Repr::Owned(v))
    }
}

impl FromIterator<Occurrence> for Occurrences {
    fn from_iter<I: IntoIterator<Item = Occurrence>>(iter: I) -> Self {
        Occurrences(Repr::Owned(iter.into_iter().collect()))
    }
}

impl Occurrences {
    /// The `len` occurrences packed in `range` of `bytes`; `None` when the
    /// range is not in them or the first does not decode.
    pub fn packed(bytes: Arc<dyn Backing>, range: Range<usize>, len: usize) -> Option<Occurrences> {
        let first = Unpack::new(bytes.bytes().get(range.clone())?).next();
        if first.is_none() && len > 0 {
            return None;
        }
        Some(Occurrences(Repr::Packed {
            bytes,
            range,
            len,
            first: first.unwrap_or(Occurrence {
                doc: 0,
                paragraph: 0,
                offset: 0,
            }),
            unpacked: OnceLock::new(),
        }))
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Owned(v) => v.len(),
            Repr::Packed { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first, without unpacking the rest.
    pub fn first(&self) -> Option<&Occurrence> {
        match &self.0 {
            Repr::Owned(v) => v.first(),
            Repr::Packed { len: 0, .. } => None,
            Repr::Packed { first, .. } => Some(first),
        }
    }

    /// Each occurrence in order, unpacked as it goes and not kept: for one
    /// pass over every slogan's occurrences.
    pub fn each(&self) -> Each<'_> {
        match &self.0 {
            Repr::Owned(v) => Each::Slice(v.iter()),
            Repr::Packed {
                unpacked,
                bytes,
                range,
                ..
            } => match unpacked.get() {
                Some(v) => Each::Slice(v.iter()),
                None => Each::Packed(Unpack::new(slice(bytes, range))),
            },
        }
    }

    /// The vector, to change it (a packed one is unpacked first).
    pub fn to_mut(&mut self) -> &mut Vec<Occurrence> {
        if let Repr::Packed { .. } = self.0 {
            let v = self.to_vec();
            self.0 = Repr::Owned(v);
        }
        match &mut self.0 {
            Repr::Owned(v) => v,
            Repr::Packed { .. } => unreachable!("unpacked above"),
        }
    }

    /// Give back the pages of the packed bytes read so far (see
    /// [`Backing::release`]); returns their backing, to release each once.
    pub fn release(&self, after: Option<&Arc<dyn Backing>>) -> Option<Arc<dyn Backing>> {
        let Repr::Packed { bytes, .. } = &self.0 else {
            return after.cloned();
        };
        if !after.is_some_and(|a| Arc::ptr_eq(a, bytes)) {
            bytes.release();
        }
        Some(Arc::clone(bytes))
    }

    /// The packed bytes, when they are packed: what [`pack_occurrences`]
    /// would write for them.
    pub fn packed_bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            Repr::Owned(_) => None,
            Repr::Packed { bytes, range, .. } => Some(slice(bytes, range)),
        }
    }

    /// Heap bytes held of its own (packed bytes are shared, not counted).
    pub fn heap_bytes(&self) -> usize {
        let n = match &self.0 {
            Repr::Owned(v) => v.capacity(),
            Repr::Packed { unpacked, .. } => unpacked.get().map_or(0, Vec::capacity),
        };
        n * std::mem::size_of::<Occurrence>()
    }
}

impl Deref for Occurrences {
    type Target = [Occurrence];
    fn deref(&self) -> &[Occurrence] {
        match &self.0 {
            Repr::Owned(v) => v,
            Repr::Packed {
                bytes,
                range,
                len,
                unpacked,
                ..
            } => unpacked.get_or_init(|| {
                let mut v = Vec::with_capacity(*len);
                v.extend(Unpack::new(slice(bytes, range)).take(*len));
                v
            }),
        }
    }
}

fn slice<'a>(bytes: &'a Arc<dyn Backing>, range: &Range<usize>) -> &'a [u8] {
    bytes.bytes().get(range.clone()).unwrap_or(&[])
}

impl<'a> IntoIterator for &'a Occurrences {
    type Item = &'a Occurrence;
    type IntoIter = std::slice::Iter<'a, Occurrence>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Occurrences {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.each().eq(other.each())
    }
}

impl std::fmt::Debug for Occurrences {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.each()).finish()
    }
}

/// The iterator of [`Occurrences::each`].
pub enum Each<'a> {
    Slice(std::slice::Iter<'a, Occurrence>),
    Packed(Unpack<'a>),
}

impl Iterator for Each<'_> {
    type Item = Occurrence;
    fn next(&mut self) -> Option<Occurrence> {
        match self {
            Each::Slice(it) => it.next().copied(),
            Each::Packed(it) => it.next(),
        }
    }
}

/// Append `occs`, packed, to `out`. Each occurrence is three varints: the
/// document's difference from the previous one's; then the paragraph's
/// difference if the document is the same, else the paragraph; then
/// likewise the offset. Corpus order makes them small and never negative
/// (out of order, a difference wraps around and takes ten bytes).
pub fn pack_occurrences(occs: &[Occurrence], out: &mut Vec<u8>) {
    let mut p = Packer::after(out);
    for o in occs {
        p.push(*o, out);
    }
    p.done(out);
}

/// [`pack_occurrences`] one occurrence at a time.
#[derive(Default)]
pub(crate) struct Packer {
    prev: Occurrence,
    /// Bytes written to the buffer (which may be longer: see [`Packer::done`]).
    len: usize,
}

impl Packer {
    /// A packer that writes after what `out` holds (`default()` writes
    /// from its start, over whatever room it was given).
    pub(crate) fn after(out: &[u8]) -> Packer {
        Packer {
            prev: Occurrence::default(),
            len: out.len(),
        }
    }

    /// Cut the buffer written by [`Packer::push`] to what was written.
    pub(crate) fn done(self, out: &mut Vec<u8>) {
        out.truncate(self.len);
    }

    #[inline]
    pub(crate) fn push(&mut self, o: Occurrence, out: &mut Vec<u8>) {
        let prev = self.prev;
        let same_doc = o.doc == prev.doc;
        let same_para = same_doc && o.paragraph == prev.paragraph;
        let p = if same_doc {
            o.paragraph.wrapping_sub(prev.paragraph)
        } else {
            o.paragraph
        };
        let off = if same_para {
            o.offset.wrapping_sub(prev.offset)
        } else {
            o.offset
        };
        // Three varints of at most ten bytes each, written in place: room
        // is made (zeroed, doubling) and what is not written cut at the end.
        let mut at = self.len;
        if out.len() < at + 30 {
            out.resize((at + 30).max(out.len() * 2), 0);
        }
        let buf = &mut out[at..at + 30];
        let mut n = put_varint(o.doc.wrapping_sub(prev.doc) as u64, buf, 0);
        n = put_varint(p as u64, buf, n);
        n = put_varint(off as u64, buf, n);
        at += n;
        self.len = at;
        self.prev = o;
    }
}

/// Writes `v` as a varint at `buf[at..]` (room for ten bytes); returns
/// where it ends.
#[inline]
fn put_varint(mut v: u64, buf: &mut [u8], mut at: usize) -> usize {
    while v >= 0x80 && at < 29 {
        buf[at] = v as u8 | 0x80;
        v >>= 7;
        at += 1;
    }
    buf[at.min(29)] = v as u8;
    at.min(29) + 1
}

/// Lists of occurrences packed one by one (with [`Packer`]), each kept in
/// the buffer it was packed into: what mining makes, so that its
/// occurrences are never a vector of their own (7 million at 100 MB,
/// 176 MB), and the index writes their bytes as they are, from where they
/// are. Each part is its packed bytes and its length.
pub(crate) fn kept_packed(parts: Vec<(Vec<u8>, usize)>) -> Vec<Occurrences> {
    parts
        .into_iter()
        .map(|(bytes, n)| {
            let len = bytes.len();
            // Bytes just packed always unpack; an empty list has no first.
            Occurrences::packed(Arc::new(bytes), 0..len, n).unwrap_or_default()
        })
        .collect()
}

/// Unpacks what [`pack_occurrences`] wrote; stops (and sets `bad`) at bytes it did not.
pub struct Unpack<'a> {
    bytes: &'a [u8],
    prev: Occurrence,
    bad: bool,
}

impl<'a> Unpack<'a> {
    fn new(bytes: &'a [u8]) -> Unpack<'a> {
        Unpack {
            bytes,
            prev: Occurrence {
                doc: 0,
                paragraph: 0,
                offset: 0,
            },
            bad: false,
        }
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for (i, &b) in self.bytes.iter().enumerate().take(10) {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.bytes = &self.bytes[i + 1..];
                return Some(v);
            }
        }
        None
    }
}

impl Iterator for Unpack<'_> {
    type Item = Occurrence;
    fn next(&mut self) -> Option<Occurrence> {
        if self.bytes.is_empty() || self.bad {
            return None;
        }
        let (Some(d), Some(p), Some(o)) = (self.varint(), self.varint(), self.varint()) else {
            self.bad = true;
            return None;
        };
        let prev = self.prev;
        let doc = prev.doc.wrapping_add(d as usize);
        let paragraph = if doc == prev.doc {
            prev.paragraph.wrapping_add(p as usize)
        } else {
            p as usize
        };
        let offset = if doc == prev.doc && paragraph == prev.paragraph {
            prev.offset.wrapping_add(o as usize)
        } else {
            o as usize
        };
        self.prev = Occurrence {
            doc,
            paragraph,
            offset,
        };
        Some(self.prev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn occ(doc: usize, paragraph: usize, offset: usize) -> Occurrence {
        Occurrence {
            doc,
            paragraph,
            offset,
        }
    }

    fn packed(v: &[Occurrence]) -> Occurrences {
        let mut b = vec![0xaa]; // not at the start of its bytes
        pack_occurrences(v, &mut b);
        let n = b.len();
        Occurrences::packed(Arc::new(b), 1..n, v.len()).unwrap()
    }

    #[test]
    fn corpus_order_packs_small_and_reads_back_each_way() {
        let v: Vec<Occurrence> = (0..100)
            .flat_map(|d| (0..4).flat_map(move |p| [0, 40, 100].map(|o| occ(d * 3, p * 2, o))))
            .collect();
        let mut b = Vec::new();
        pack_occurrences(&v, &mut b);
        assert_eq!(b.len(), 3 * v.len(), "a byte for each number");
        let p = packed(&v);
        assert_eq!((p.len(), p.first()), (v.len(), v.first()));
        assert_eq!(p.each().collect::<Vec<_>>(), v);
        assert_eq!(&p[..], &v[..]);
        assert_eq!(p.each().collect::<Vec<_>>(), v, "after unpacking");
        assert_eq!(p, Occurrences::from(v.clone()));
        let mut m = p.clone();
        m.to_mut().pop();
        assert_eq!(m.len(), v.len() - 1);
        assert_eq!(p.len(), v.len(), "a clone changed, not the original");
    }

    #[test]
    fn bytes_that_do_not_decode_give_what_does_and_never_more() {
        let v = vec![occ(3, 1, 7), occ(3, 2, 0), occ(9, 0, 300)];
        let mut b = Vec::new();
        pack_occurrences(&v, &mut b);
        let n = b.len();
        let b: Arc<dyn Backing> = Arc::new(b);
        let whole = Occurrences::packed(b.clone(), 0..n, 3).unwrap();
        assert_eq!(&whole[..], &v[..]);
        // Cut short: the whole ones before the cut.
        let cut = Occurrences::packed(b.clone(), 0..n - 1, 3).unwrap();
        assert_eq!(&cut[..], &v[..2]);
        assert_eq!(cut.each().count(), 2);
        // A count below what is there: no more than the count.
        assert_eq!(
            &Occurrences::packed(b.clone(), 0..n, 2).unwrap()[..],
            &v[..2]
        );
        // Out of the bytes, or a first that does not decode: refused.
        assert!(Occurrences::packed(b.clone(), 0..n + 1, 3).is_none());
        let bad: Arc<dyn Backing> = Arc::new(vec![0x80u8, 0x80]);
        assert!(Occurrences::packed(bad, 0..2, 1).is_none());
        let empty = Occurrences::packed(b, 0..0, 0).unwrap();
        assert!(empty.is_empty() && empty.first().is_none() && empty[..].is_empty());
    }

    proptest! {
        #[test]
        fn any_occurrences_read_back_as_packed(
            v in prop::collection::vec((0usize..50, 0usize..20, 0usize..5000), 0..200),
            big in prop::collection::vec(any::<usize>(), 0..6),
        ) {
            let mut v: Vec<Occurrence> = v.into_iter().map(|(d, p, o)| occ(d, p, o)).collect();
            // Out of order and extreme values too: deltas wrap, not overflow.
            for (i, x) in big.into_iter().enumerate() {
                v.insert(i.min(v.len()), occ(x, x / 3, x / 7));
            }
            let p = packed(&v);
            prop_assert_eq!(p.len(), v.len());
            prop_assert_eq!(p.first(), v.first());
            prop_assert_eq!(p.each().collect::<Vec<_>>(), v.clone());
            prop_assert_eq!(&p[..], &v[..]);
        }

        /// Lists packed one occurrence at a time into buffers of any
        /// starting room, then kept as packed, read back each as it was, with the bytes `pack_occurrences` writes for it.
        #[test]
        fn lists_packed_and_kept_read_back_each(
            lists in prop::collection::vec(
                prop::collection::vec((0usize..50, 0usize..20, any::<usize>()), 0..60), 0..8),
            room in 0usize..100,
        ) {
            let lists: Vec<Vec<Occurrence>> = lists
                .into_iter()
                .map(|l| l.into_iter().map(|(d, p, o)| occ(d, p, o % (1 << (o % 64)).max(1))).collect())
                .collect();
            let parts = lists
                .iter()
                .map(|l| {
                    let (mut out, mut p) = (vec![0; room], Packer::default());
                    for o in l {
                        p.push(*o, &mut out);
                    }
                    p.done(&mut out);
                    (out, l.len())
                })
                .collect();
            let shared = kept_packed(parts);
            prop_assert_eq!(shared.len(), lists.len());
            for (s, l) in shared.iter().zip(&lists) {
                prop_assert_eq!(s.each().collect::<Vec<_>>(), l.clone());
                let mut b = Vec::new();
                pack_occurrences(l, &mut b);
                prop_assert_eq!(s.packed_bytes(), Some(&b[..]));
            }
        }
    }
}
