//! A document's paragraphs, in memory or loaded on first use.
//!
//! Documents read from the on-disk index carry their metadata at once and
//! their text only when something reads it (the reader opens the document,
//! a search shows its sentence): a corpus of a hundred megabytes then
//! costs its metadata, not its text, until it is read.
//!
//! What always holds: [`Paragraphs`] reads as a slice of [`Paragraph`]s
//! whichever it is; a clone shares what was loaded (and the loading), so
//! handing documents to a worker thread copies no text; writing through it
//! loads first and then owns its own copy.

use super::Paragraph;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// Where a document's paragraphs come from when they are first read.
pub trait Source: Send + Sync {
    fn load(&self) -> Vec<Paragraph>;
}

#[derive(Clone, Default)]
pub struct Paragraphs {
    cell: Arc<OnceLock<Vec<Paragraph>>>,
    source: Option<Arc<dyn Source>>,
    /// How many there are, known without loading them.
    count: usize,
}

impl Paragraphs {
    /// `count` paragraphs read from `source` when first needed.
    pub fn lazy(source: Arc<dyn Source>, count: usize) -> Paragraphs {
        Paragraphs {
            cell: Arc::new(OnceLock::new()),
            source: Some(source),
            count,
        }
    }

    /// How many paragraphs there are, without reading them.
    pub fn count(&self) -> usize {
        match self.cell.get() {
            Some(v) => v.len(),
            None => self.count,
        }
    }

    /// Have they been read yet?
    pub fn is_loaded(&self) -> bool {
        self.cell.get().is_some()
    }

    fn get(&self) -> &Vec<Paragraph> {
        self.cell.get_or_init(|| match &self.source {
            Some(s) => s.load(),
            None => Vec::new(),
        })
    }
}

impl From<Vec<Paragraph>> for Paragraphs {
    fn from(v: Vec<Paragraph>) -> Paragraphs {
        let cell = OnceLock::new();
        let _ = cell.set(v);
        Paragraphs {
            count: v_len(&cell),
            cell: Arc::new(cell),
            source: None,
        }
    }
}

fn v_len(cell: &OnceLock<Vec<Paragraph>>) -> usize {
    cell.get().map_or(0, Vec::len)
}

impl Deref for Paragraphs {
    type Target = [Paragraph];
    fn deref(&self) -> &[Paragraph] {
        self.get()
    }
}

impl DerefMut for Paragraphs {
    fn deref_mut(&mut self) -> &mut [Paragraph] {
        self.get();
        if Arc::get_mut(&mut self.cell).is_none() {
            *self = Paragraphs::from(self.get().clone());
        }
        let cell = Arc::get_mut(&mut self.cell).expect("owned just above");
        cell.get_mut().expect("loaded just above")
    }
}

impl<'a> IntoIterator for &'a Paragraphs {
    type Item = &'a Paragraph;
    type IntoIter = std::slice::Iter<'a, Paragraph>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Paragraphs {
    type Item = &'a mut Paragraph;
    type IntoIter = std::slice::IterMut<'a, Paragraph>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cell.get() {
            Some(v) => f.debug_list().entries(v).finish(),
            None => write!(f, "Paragraphs(not loaded)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting(AtomicUsize);
    impl Source for Counting {
        fn load(&self) -> Vec<Paragraph> {
            self.0.fetch_add(1, Ordering::SeqCst);
            vec![Paragraph {
                text: "两个维护".into(),
                boilerplate: false,
                heading: None,
            }]
        }
    }

    #[test]
    fn loaded_once_shared_by_clones_and_copied_on_write() {
        let src = Arc::new(Counting(AtomicUsize::new(0)));
        let a = Paragraphs::lazy(src.clone(), 1);
        let mut b = a.clone();
        assert_eq!(a.count(), 1);
        assert!(!a.is_loaded());
        assert_eq!(b[0].text, "两个维护");
        assert_eq!(a.len(), 1);
        assert_eq!(src.0.load(Ordering::SeqCst), 1, "one load for both clones");
        b[0].text.push('！');
        assert_eq!(
            a[0].text, "两个维护",
            "a write does not reach the other clone"
        );
        assert_eq!(b[0].text, "两个维护！");
        assert_eq!(src.0.load(Ordering::SeqCst), 1);
    }
}
