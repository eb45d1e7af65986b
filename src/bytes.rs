//! Tables that are either built in memory or read in place from a file.
//!
//! The search and corpus data are plain arrays (fixed-width records, UTF-8
//! arenas, postings). Built fresh they live in `Vec`s; read from the
//! on-disk index they are slices of a memory map, and only the pages a query
//! reads come off the disk. [`Table`] and [`Text`] hide which.
//!
//! What always holds: nothing here reads outside its bytes or panics on
//! them, whatever a file holds. A mapped table whose range does not fit
//! its file reads as empty; mapped text that is not UTF-8 reads as empty.
//! (The index checks ranges when it opens a file, so in practice neither
//! happens; these are the second line.)

use std::ops::{Deref, Range};
use std::sync::Arc;

/// Bytes that stay put for as long as they are held: a memory-mapped file.
pub trait Backing: Send + Sync + std::fmt::Debug {
    fn bytes(&self) -> &[u8];
    /// Give back the pages read so far: the bytes stay the same and are
    /// read again, from the page cache, when next touched.
    fn release(&self) {}
}

/// A table of plain-old-data values.
#[derive(Clone, Debug)]
pub enum Table<T> {
    Owned(Vec<T>),
    Mapped(Arc<dyn Backing>, Range<usize>),
}

/// Bytes in memory, where a backing is asked for (tests, small indexes).
impl Backing for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table::Owned(Vec::new())
    }
}

impl<T: bytemuck::Pod> Deref for Table<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Table::Owned(v) => v,
            Table::Mapped(b, r) => b
                .bytes()
                .get(r.clone())
                .and_then(|s| bytemuck::try_cast_slice(s).ok())
                .unwrap_or(&[]),
        }
    }
}

impl<T> Table<T> {
    /// See [`Backing::release`]; nothing for a table in memory.
    pub fn release(&self) {
        if let Table::Mapped(b, _) = self {
            b.release();
        }
    }

    /// The vector, when built in memory (to add to it).
    pub fn owned_mut(&mut self) -> Option<&mut Vec<T>> {
        match self {
            Table::Owned(v) => Some(v),
            Table::Mapped(..) => None,
        }
    }

    /// Heap bytes held (a mapped table holds none of its own).
    pub fn heap_bytes(&self) -> usize {
        match self {
            Table::Owned(v) => v.capacity() * std::mem::size_of::<T>(),
            Table::Mapped(..) => 0,
        }
    }
}

impl<T: bytemuck::Pod> Table<T> {
    /// `range` of `backing`, when it holds whole, aligned values.
    pub fn mapped(backing: Arc<dyn Backing>, range: Range<usize>) -> Option<Table<T>> {
        let s = backing.bytes().get(range.clone())?;
        bytemuck::try_cast_slice::<u8, T>(s).ok()?;
        Some(Table::Mapped(backing, range))
    }
}

/// UTF-8 text: a `String`, or a range of a file checked when read.
#[derive(Clone, Debug)]
pub enum Text {
    Owned(String),
    Mapped(Arc<dyn Backing>, Range<usize>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Owned(String::new())
    }
}

impl Text {
    /// See [`Backing::release`]; nothing for text in memory.
    pub fn release(&self) {
        if let Text::Mapped(b, _) = self {
            b.release();
        }
    }

    /// The bytes, without the UTF-8 check: for slicing by offsets that are
    /// then checked ([`Text::slice`]).
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Owned(s) => s.as_bytes(),
            Text::Mapped(b, r) => b.bytes().get(r.clone()).unwrap_or(&[]),
        }
    }

    /// The text of byte range `r`; empty when out of range or not UTF-8.
    pub fn slice(&self, r: Range<usize>) -> &str {
        match self {
            Text::Owned(s) => s.get(r).unwrap_or(""),
            Text::Mapped(..) => self
                .as_bytes()
                .get(r)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
        }
    }

    /// The string, when built in memory (to add to it).
    pub fn owned_mut(&mut self) -> Option<&mut String> {
        match self {
            Text::Owned(s) => Some(s),
            Text::Mapped(..) => None,
        }
    }

    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Text::Owned(s) => s.capacity(),
            Text::Mapped(..) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Mem(Vec<u8>);
    impl Backing for Mem {
        fn bytes(&self) -> &[u8] {
            &self.0
        }
    }

    #[test]
    fn mapped_reads_what_fits_and_nothing_else() {
        let mut raw = Vec::new();
        for v in [1u32, 2, 3] {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        raw.extend_from_slice("两个维护".as_bytes());
        let b: Arc<dyn Backing> = Arc::new(Mem(raw));
        // A Vec<u8>'s buffer is at least 4-aligned on every allocator tifa
        // runs with; a misaligned range is refused, not misread.
        let t: Table<u32> = Table::mapped(Arc::clone(&b), 0..12).unwrap();
        assert_eq!(&*t, &[1, 2, 3]);
        assert!(Table::<u32>::mapped(Arc::clone(&b), 0..13).is_none());
        assert!(Table::<u32>::mapped(Arc::clone(&b), 0..100).is_none());
        let s = Text::Mapped(Arc::clone(&b), 12..24);
        assert_eq!(s.slice(0..6), "两个");
        assert_eq!(s.slice(1..6), "", "not on a char boundary");
        assert_eq!(s.slice(0..99), "");
    }
}
