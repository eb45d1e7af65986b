//! Text: the one width model, the Chinese line-layout engine, punctuation
//! restoration, spaced-digit joining and script conversion.
//!
//! Everything here maps text to text *one character to one character*
//! (script conversion, punctuation restoration, spaced-digit joining,
//! control-character sanitising), so a character offset into the displayed text is the same
//! offset into the source. Layout returns each line's character range.

pub mod digits;
pub mod layout;
pub mod punct;
pub mod script;
pub(crate) mod t2s;
pub mod width;
