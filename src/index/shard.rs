//! A shard: one part of the search candidates (the sentences of a group of
//! files) with its postings, written as one file and searched in place.
//!
//! What always holds: a shard read back answers every query exactly as the
//! part it was written from (`search::Part::tables` ↔ `Part::from_tables`);
//! a shard whose tables do not fit its file is refused, never misread.

use super::file::{Builder, Kind, Mapped, OpenError};
use crate::bytes::{Backing, Table, Text};
use crate::search::{Part, PartTables, POSTING_SHIFT};
use std::sync::Arc;

const ITEMS: u32 = 1;
const TEXT: u32 = 2;
const INITIALS: u32 = 3;
const KEYS: u32 = 4;
const LISTS: u32 = 5;
const BLOCKS: u32 = 6;
const ARRAYS: u32 = 7;
const BITMAPS: u32 = 8;
/// `[posting block shift]`: a shard made by a build with other blocks is
/// rebuilt, not misread.
const SHAPE: u32 = 9;

/// Add a part's tables to a file being built.
pub fn put(b: &mut Builder, part: &Part) {
    let t = part.tables();
    b.table(ITEMS, &t.items)
        .bytes(TEXT, t.text.as_bytes().to_vec())
        .bytes(INITIALS, t.initials.as_bytes().to_vec())
        .table(KEYS, &t.keys)
        .table(LISTS, &t.lists)
        .table(BLOCKS, &t.blocks)
        .table(ARRAYS, &t.arrays)
        .table(BITMAPS, &t.bitmaps)
        .table::<u32>(SHAPE, &[POSTING_SHIFT]);
}

/// A new file holding one part.
pub fn build(part: &Part) -> Vec<u8> {
    let mut b = Builder::new(Kind::Segment);
    put(&mut b, part);
    b.finish()
}

/// The part held by `file`, its documents numbered from `doc_base`.
pub fn read(file: &Arc<Mapped>, doc_base: u32) -> Result<Part, OpenError> {
    let bad = |what: &str| OpenError::Damaged(format!("its {what} table does not fit"));
    if file.table::<u32>(SHAPE) != Some(&[POSTING_SHIFT][..]) {
        return Err(OpenError::Damaged(
            "written with other posting blocks".into(),
        ));
    }
    let backing: Arc<dyn Backing> = file.clone();
    fn table<T: bytemuck::Pod>(b: &Arc<dyn Backing>, f: &Mapped, tag: u32) -> Option<Table<T>> {
        Table::mapped(Arc::clone(b), f.range(tag)?)
    }
    let text = |tag: u32| Some(Text::Mapped(Arc::clone(&backing), file.range(tag)?));
    let t = PartTables {
        items: table(&backing, file, ITEMS).ok_or_else(|| bad("items"))?,
        text: text(TEXT).ok_or_else(|| bad("text"))?,
        initials: text(INITIALS).ok_or_else(|| bad("initials"))?,
        keys: table(&backing, file, KEYS).ok_or_else(|| bad("keys"))?,
        lists: table(&backing, file, LISTS).ok_or_else(|| bad("lists"))?,
        blocks: table(&backing, file, BLOCKS).ok_or_else(|| bad("blocks"))?,
        arrays: table(&backing, file, ARRAYS).ok_or_else(|| bad("arrays"))?,
        bitmaps: table(&backing, file, BITMAPS).ok_or_else(|| bad("bitmaps"))?,
    };
    Ok(Part::from_tables(t, doc_base))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::file::Verify;
    use crate::search::{search, Candidates, Scope};

    #[test]
    fn a_shard_read_back_answers_as_its_part() {
        let c = crate::corpus::Corpus::builtin();
        let idx = crate::slogans::mine(&c.docs);
        let whole = Candidates::build(&c.docs, &idx, Scope::Text);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("shard");
        std::fs::write(&p, build(&whole.parts()[0])).unwrap();
        let m = Arc::new(Mapped::open(&p, Kind::Segment, Verify::Full).unwrap());
        let back = Candidates::from_parts(vec![read(&m, 0).unwrap()]);
        assert_eq!(back.len(), whole.len());
        for q in ["四自信", "sgzx", "'脱贫 !成果", "兩個維護", "^坚持 高质量"] {
            let (a, b) = (search(&whole, q, 50), search(&back, q, 50));
            assert!(!a.is_empty(), "{q}");
            assert_eq!(a, b, "{q}");
        }
        for i in (0..whole.len()).step_by(97) {
            assert_eq!(back.get(i), whole.get(i));
            assert_eq!(back.text(i), whole.text(i));
        }
    }
}
