//! punct
