//! The on-disk index: what loading, outlines, slogan mining and search
//! build, kept between runs, memory-mapped and read in place.
//!
//! Layers: `file` is the container (header, sections, checksums, atomic
//! writes); `cache` is where it lives and how two processes share it.

pub mod cache;
pub mod file;
pub mod segment;
pub mod shard;
