//! The screens, one module each: the document list, the reader, the
//! slogan and sentence finders, a slogan's occurrence list (opened from
//! the finder, the trend chart and a comparison), the trend chart, two
//! documents compared, the overlays over the reader (the outline,
//! bookmarks), and help. Each owns its state,
//! its keys and its drawing, behind `component::Component`; the router
//! (`app`) decides which are up.
//!
//! What always holds: a screen imports the context, the model modules and
//! the widgets, never the router, and another screen only for a shared
//! drawing piece (the reader's status line); moving between screens is an
//! `Outcome`.

pub mod bookmarks;
pub mod compare;
pub mod finder;
pub mod help;
pub mod list;
pub mod occurrences;
pub mod outline;
pub mod reader;
pub mod trend;

use crate::search::{Candidates, Source};
use crate::text::script;

/// Short texts (titles) as search candidates, in order: index `i` of a hit
/// is the `i`-th text.
pub fn texts_as_candidates<'a>(texts: impl Iterator<Item = &'a str>) -> Candidates {
    let mut c = Candidates::new();
    for t in texts {
        c.push(Source::Text, 0, 0, 0, &script::to_hans(t));
    }
    c
}
