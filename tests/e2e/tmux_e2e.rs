//! End to end in a real terminal: the release-like binary in a tmux pane.
//! Skips (with the reason printed) when tmux is missing, except under
//! CI=true, where it must run.

use crate::common;
use common::tmux::{
    assert_terminal_restored, children_of, sgr_params, shell, shell_with, styled_screen,
    tmux_or_skip, Tmux,
};

#[test]
fn terminal_is_restored_after_a_panic_and_after_sigterm_and_sighup() {
    let Some(t) = tmux_or_skip("signals") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_tifa");
    shell(&t, 80, 24);
    t.keys(&[&format!("TIFA_TEST_PANIC=1 '{bin}' --ambiwidth 1"), "Enter"]);
    t.wait_for("the panic message", |s| s.contains("panicking on purpose"));
    assert_terminal_restored(&t);
    for sig in ["TERM", "HUP"] {
        t.keys(&["clear", "Enter"]);
        t.keys(&[&format!("'{bin}' --ambiwidth 1; echo exit-$?"), "Enter"]);
        t.wait_for("the document list", |s| s.contains("篇文档"));
        let shell_pid: i32 = t
            .cmd(&["display", "-p", "-t", "e2e", "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap();
        let child = children_of(shell_pid);
        assert_eq!(
            child.len(),
            1,
            "tifa should be the shell's one child: {child:?}"
        );
        let signal = if sig == "TERM" {
            libc::SIGTERM
        } else {
            libc::SIGHUP
        };
        // SAFETY: sends a signal to a process this test started.
        assert_eq!(unsafe { libc::kill(child[0], signal) }, 0);
        t.wait_for("tifa to exit", |s| s.contains("exit-"));
        assert_terminal_restored(&t);
    }
}

#[test]
fn reader_in_tmux_pages_resizes_and_restores_the_terminal() {
    let Some(t) = tmux_or_skip("reader") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_tifa");
    shell(&t, 80, 24);
    t.keys(&[&format!("'{bin}' --ambiwidth 1"), "Enter"]);
    t.wait_for("the document list", |s| s.contains("篇文档"));
    // Seed 002 is the third document.
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("seed 002", |s| s.contains("同志们"));
    t.keys(&["Space"]);
    let paged = t.wait_for("the second page", |s| !s.contains("同志们"));
    t.cmd(&["resize-window", "-t", "e2e", "-x", "50", "-y", "24"]);
    let narrow = t.wait_for("a re-laid-out screen", |s| {
        s.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 50)
            && s.contains("A=1")
    });
    assert_ne!(paged, narrow);
    let text_lines: Vec<&str> = narrow.lines().take(23).collect();
    // Re-laid out to the new width: full lines fill most of 50 cells.
    assert!(
        text_lines
            .iter()
            .any(|l| unicode_width::UnicodeWidthStr::width(*l) >= 46),
        "{narrow}"
    );
    for l in &text_lines {
        let l = l.trim_start();
        assert!(
            !l.starts_with('，') && !l.starts_with('。'),
            "line starts with punctuation: {l:?}\n{narrow}"
        );
    }
    t.keys(&["Q"]);
    t.wait_for("the shell again", |s| !s.contains("A=1"));
    assert_eq!(
        t.cmd(&["display", "-p", "-t", "e2e", "#{alternate_on}"])
            .trim(),
        "0"
    );
    t.keys(&["echo status-$?", "Enter"]);
    t.wait_for("a clean exit", |s| s.contains("status-0"));
}

/// Does this SGR parameter set a colour (foreground or background, any
/// depth)? 39 and 49 (back to the default) do not.
fn is_colour(p: &str) -> bool {
    let n: u32 = p
        .split(';')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
}

/// In a fresh shell with `env`: the generated dated reports, the slogan
/// list, 绿色发展's trend, 共同富裕 added from the picker. Returns the
/// screen as text and with its escapes.
fn trend_in_tmux(t: &Tmux, env: &[&str]) -> (String, String) {
    let dir = t.home.path().join("reports");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in common::dated_reports() {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_tifa");
    shell_with(t, 80, 24, env);
    t.keys(&[
        &format!("'{bin}' --ambiwidth 1 '{}'", dir.display()),
        "Enter",
    ]);
    t.wait_for("the document list", |s| s.contains("篇文档"));
    t.keys(&["s"]);
    t.wait_for("the slogan list", |s| {
        s.contains("提法 ·") && s.contains("2010–2016")
    });
    t.keys(&["-l", "'绿色发展"]);
    t.wait_for("绿色发展 alone", |s| {
        s.contains(" 绿色发展 ") && !s.contains(" 共同富裕 ")
    });
    t.keys(&["C-t"]);
    t.wait_for("the trend chart", |s| s.contains("趋势 · 每万字"));
    t.keys(&["a"]);
    t.wait_for("the picker", |s| s.contains("选一条加入趋势图"));
    t.keys(&["-l", "'共同富裕"]);
    t.wait_for("共同富裕 alone", |s| {
        s.contains(" 共同富裕 ") && !s.contains(" 绿色发展 ")
    });
    t.keys(&["Enter"]);
    // The whole frame: tmux may be read between the legend and the status
    // line of one redraw.
    let s = t.wait_for("two slogans charted", |s| {
        s.contains("o 绿色发展 首2010 末2016")
            && s.contains("+ 共同富裕 首2013 末2016")
            && s.contains(" 2016 年 · 1 篇")
    });
    (s, styled_screen(t))
}

/// What the chart must show whatever the colours: both markers, the
/// first and last years labelled, no label for the years without a
/// report, every row within 80 columns.
fn assert_chart_reads(s: &str) {
    let lines: Vec<&str> = s.lines().collect();
    assert!(
        lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(*l) <= 80),
        "{s}"
    );
    let labels = lines
        .iter()
        .find(|l| l.contains("2010") && l.contains("2016") && !l.contains('首'))
        .unwrap_or_else(|| panic!("a year axis:\n{s}"));
    assert!(!labels.contains("2012") && !labels.contains("2015"), "{s}");
    let plot: String = lines[2..19].join("\n");
    assert!(plot.contains('o') && plot.contains('+'), "markers:\n{s}");
    assert!(
        plot.contains("首") && plot.contains("末"),
        "first/last:\n{s}"
    );
    assert!(
        s.contains(" 2016 年 · 1 篇"),
        "the latest year selected:\n{s}"
    );
}

#[test]
fn trend_chart_in_tmux_in_16_colours_and_under_no_color() {
    let Some(t) = tmux_or_skip("trend16") else {
        return;
    };
    let (s, styled) = trend_in_tmux(&t, &["TERM=xterm"]);
    assert_chart_reads(&s);
    // The theme reduced to the 16 colours: indices 0–15 only (named
    // colours go out as `38;5;n`, as crossterm writes them), never 256 or RGB.
    let ps = sgr_params(&styled);
    let index = |p: &str| -> Option<u32> {
        let n: u32 = p.split(';').next()?.parse().ok()?;
        match n {
            30..=37 | 40..=47 => Some(n % 10),
            90..=97 | 100..=107 => Some(n % 10 + 8),
            38 | 48 => p.strip_prefix(&format!("{n};5;"))?.parse().ok(),
            _ => None,
        }
    };
    for p in ps.iter().filter(|p| is_colour(p)) {
        assert!(
            index(p).is_some_and(|i| i < 16),
            "only the 16 colours under TERM=xterm: {p} in {ps:?}"
        );
    }
    // The two series in their own colours (the default theme's yellow and cyan).
    // A foreground colour of index `i` (a series is drawn in its fg).
    let has = |i: &[u32]| {
        ps.iter()
            .filter(|p| p.starts_with('3') || p.starts_with('9'))
            .any(|p| index(p).is_some_and(|n| i.contains(&n)))
    };
    assert!(has(&[3, 11]), "yellow: {ps:?}");
    assert!(has(&[6, 14]), "cyan: {ps:?}");
    // Enter on the year lists its uses of the focused slogan (共同富裕's 8 in 2016).
    t.keys(&["Enter"]);
    t.wait_for("2016's uses", |s| s.contains("2016 年: 8 处"));
    t.keys(&["Q"]);
    t.wait_for("the shell again", |s| !s.contains("2016 年"));
    assert_terminal_restored(&t);
    drop(t);

    let Some(t) = tmux_or_skip("trendmono") else {
        return;
    };
    let (mono, styled) = trend_in_tmux(&t, &["TERM=xterm", "NO_COLOR=1"]);
    assert_chart_reads(&mono);
    let ps = sgr_params(&styled);
    assert!(
        !ps.iter().any(|p| is_colour(p)),
        "no colour under NO_COLOR: {ps:?}"
    );
    assert!(!ps.is_empty(), "the selection still shows (as attributes)");
    // Markers, not colours, tell the slogans apart: the same text.
    let chart = |s: &str| s.lines().take(21).collect::<Vec<_>>().join("\n");
    assert_eq!(chart(&s), chart(&mono));
    t.keys(&["Q"]);
    t.wait_for("the shell again", |s| !s.contains("趋势"));
    assert_terminal_restored(&t);
}
