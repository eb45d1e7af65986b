//! width
