//! The end-to-end tests: the real program in tmux, over ssh and on a pty.
//!
//! They are their own binary so that they never run beside the CPU-heavy
//! tests of `it`: on two cores a shell prompt or a redraw could otherwise
//! take longer than the tests wait for. They skip, saying why, when tmux or
//! sshd is missing, except under CI=true. Run them with `cargo test --test e2e`.

#[path = "../common/mod.rs"]
mod common;
mod slow_link;
mod ssh_e2e;
mod stdin_e2e;
mod tmux_e2e;
