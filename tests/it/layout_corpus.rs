//! The project's own layout checker, and the built-in corpus run through it
//! at every width.
//!
//! The checker (`mod check`) is written from LAYOUT.md, not from the engine:
//! its own char classes, its own break rules, widths straight from
//! `unicode-width`, graphemes straight from `unicode-segmentation`. It treats
//! `layout` as a black box and checks R1, R2, R4, R5, R6, R8, R9, R11, R12,
//! R13 and that no control character reaches the output. `layout_rules.rs`
//! includes this file to reuse the checker in its property tests.
//!
//! Set `TIFA_LAYOUT_DUMP=<dir>` to also write every corpus file laid out at
//! every width (plus a no-wrap reference), in the format of `tifa show`, for
//! cross-checking with the external `cjk-lint`.

#![allow(dead_code)] // the checker reports more than the tests read

pub mod check {
    use tifa::text::layout::Line;
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthChar;

    /// LAYOUT.md "S_START": may not begin a line.
    pub const S_START: &str =
        "、。，．：；？！‼⁇⁈⁉｡､”’」』）〕］｝〉》】〗〙〛｠·・‧～〜–…⋯%‰℃°)]},.:;!?";
    /// LAYOUT.md "S_END": may not end a line.
    pub const S_END: &str = "“‘「『（〔［｛〈《【〖〘〚｟([{";
    /// R17: may hang into the gutter.
    pub const HANGABLE: &str = "、，。．";
    const PREFIX: &str = "$¥￥€£#";
    const INNER: &str = ".,:-_/%'’";
    const DASHES: &str = "—⸺⸻";
    /// No-break spaces and joiners: never a break on either side.
    const GLUE: &str = "\u{a0}\u{2007}\u{202f}\u{2060}\u{feff}";

    /// Cells for one char: unicode-width directly; control whitespace is
    /// shown as a space. Under A=2 the East Asian Ambiguous letters
    /// (Greek, Cyrillic, `āáǎà`: the data table of EastAsianWidth.txt)
    /// are wide too, as terminals set to wide ambiguous draw them.
    pub fn cell(c: char, ambi: usize) -> usize {
        if matches!(c, '\t' | '\r' | '\u{b}' | '\u{c}' | '\u{85}') {
            return 1;
        }
        if matches!(c, '\n' | '\u{2028}' | '\u{2029}') {
            return 0;
        }
        let u = c as u32;
        if ambi == 2
            && tifa::text::width::AMBIGUOUS_LETTERS
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&u))
        {
            return 2;
        }
        let w = if ambi == 2 { c.width_cjk() } else { c.width() };
        w.unwrap_or(0)
    }

    pub fn cells(s: &str, ambi: usize) -> usize {
        s.chars().map(|c| cell(c, ambi)).sum()
    }

    pub fn is_space(c: char) -> bool {
        c.is_whitespace() && !GLUE.contains(c)
    }

    fn is_newline(c: char) -> bool {
        matches!(c, '\n' | '\u{2028}' | '\u{2029}')
    }

    fn is_word(c: char) -> bool {
        c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphabetic() && c.width() == Some(1))
    }

    fn is_dash(c: char) -> bool {
        DASHES.contains(c)
    }

    /// A paragraph analysed once, for checking its layout at many widths.
    pub struct Para {
        pub cs: Vec<char>,
        /// Whitespace that may be dropped at a break: a space char that is
        /// a grapheme of its own (a space carrying a combining mark is not).
        space: Vec<bool>,
        /// Width prefix sums for A=1 and A=2.
        pre: [Vec<usize>; 2],
        /// Rules a break before char i would break ("" when it is a break
        /// opportunity). Only meaningful before non-space chars.
        why: Vec<String>,
    }

    impl Para {
        pub fn new(src: &str, strict: bool) -> Para {
            let cs: Vec<char> = src.chars().collect();
            let n = cs.len();
            let mut boundary = vec![false; n + 1];
            let mut k = 0;
            for g in src.graphemes(true) {
                boundary[k] = true;
                k += g.chars().count();
            }
            boundary[n] = true;
            let space: Vec<bool> = (0..n).map(|i| is_space(cs[i]) && boundary[i + 1]).collect();
            let mut quotes_before = Vec::with_capacity(n);
            let mut q = 0;
            for &c in &cs {
                quotes_before.push(q);
                q += usize::from(c == '"');
            }
            // R16: the first ASCII quote opens, the next closes.
            let opens = |i: usize| cs[i] == '"' && quotes_before[i].is_multiple_of(2);
            let closes = |i: usize| cs[i] == '"' && !quotes_before[i].is_multiple_of(2);
            let may_not_start = |i: usize| {
                let c = cs[i];
                if S_START.contains(c) || closes(i) || GLUE.contains(c) {
                    return true;
                }
                if is_dash(c) {
                    let run_start = i == 0 || !is_dash(cs[i - 1]);
                    let pair = c == '—' && cs.get(i + 1) == Some(&'—');
                    return strict || (run_start && !pair);
                }
                false
            };
            let may_not_end = |i: usize| S_END.contains(cs[i]) || opens(i) || GLUE.contains(cs[i]);
            let base = |mut i: usize| {
                while i > 0 && !boundary[i] {
                    i -= 1;
                }
                i
            };
            let word = |i: usize| is_word(cs[base(i)]);
            let mut why = vec![String::new(); n + 1];
            for i in 1..n {
                if space[i] {
                    continue;
                }
                let mut r = String::new();
                // The last non-space before i.
                let mut p = i;
                while p > 0 && space[p - 1] {
                    p -= 1;
                }
                let gap = p < i;
                if p == 0 {
                    continue; // only spaces before: the paragraph start
                }
                let q = p - 1;
                if may_not_start(i) {
                    r.push_str("R4 ");
                }
                if may_not_end(q) {
                    r.push_str("R5 ");
                }
                if !gap {
                    let (a, b) = (cs[q], cs[i]);
                    if (is_dash(a) && is_dash(b)) || (a == b && "…⋯".contains(a)) {
                        r.push_str("R6 ");
                    }
                    let after_word = i + 1 < n && is_word(cs[i + 1]);
                    let run = (word(q) && is_word(b))
                        || (word(q) && INNER.contains(b) && after_word)
                        || (INNER.contains(a) && q > 0 && word(q - 1) && is_word(b))
                        || (PREFIX.contains(a) && is_word(b))
                        || (word(q) && b == '-');
                    if run {
                        r.push_str("R8 ");
                    }
                }
                if !boundary[i] {
                    r.push_str("grapheme ");
                }
                why[i] = r;
            }
            let mut pre = [vec![0; n + 1], vec![0; n + 1]];
            for (a, p) in pre.iter_mut().enumerate() {
                for (i, &c) in cs.iter().enumerate() {
                    p[i + 1] = p[i] + cell(c, a + 1);
                }
            }
            Para {
                cs,
                space,
                pre,
                why,
            }
        }

        fn w(&self, from: usize, to: usize, ambi: usize) -> usize {
            self.pre[ambi - 1][to] - self.pre[ambi - 1][from]
        }

        /// A break before `i` (a non-space char) is an opportunity.
        fn legal(&self, i: usize) -> bool {
            i == 0 || i == self.cs.len() || (!self.space[i] && self.why[i].is_empty())
        }

        fn next_legal(&self, i: usize) -> usize {
            (i + 1..=self.cs.len())
                .find(|&j| self.legal(j))
                .unwrap_or(self.cs.len())
        }

        fn trim(&self, from: usize, mut to: usize) -> usize {
            while to > from && self.space[to - 1] {
                to -= 1;
            }
            to
        }

        /// Width of the unit starting at `u`, without its trailing spaces,
        /// and the unit's end.
        fn unit(&self, u: usize, ambi: usize) -> (usize, usize) {
            let e = self.next_legal(u);
            (self.w(u, self.trim(u, e), ambi), self.trim(u, e))
        }
    }

    /// What the layout was asked for.
    #[derive(Clone, Copy, Debug)]
    pub struct Asked {
        pub width: usize,
        pub ambi: usize,
        pub indent: bool,
        pub hanging: bool,
    }

    fn shown(c: char) -> char {
        if matches!(c, '\t' | '\r' | '\u{b}' | '\u{c}' | '\u{85}') {
            ' '
        } else {
            c
        }
    }

    /// Checks the lines of one paragraph; the error names the rule.
    pub fn check(para: &Para, lines: &[Line], asked: Asked) -> Result<(), String> {
        let cs = &para.cs;
        let n = cs.len();
        let width = asked.width.max(1);
        let ambi = asked.ambi;
        if para.space.iter().all(|&s| s) {
            let ok = lines.len() == 1
                && lines[0].text.is_empty()
                && (lines[0].start, lines[0].end) == (0, 0);
            return if ok {
                Ok(())
            } else {
                Err(format!("empty paragraph: {lines:?}"))
            };
        }
        if lines.is_empty() {
            return Err("no lines".into());
        }
        let mut prev_end = 0;
        for (k, line) in lines.iter().enumerate() {
            let at = |rule: &str| format!("{rule} line {k} {:?} of {lines:#?}", line.text);
            if let Some(c) = line.text.chars().find(|c| c.is_control()) {
                return Err(at(&format!("CTRL U+{:04X}", c as u32)));
            }
            // R2: ranges in order, text is exactly its range, only spaces
            // in between.
            if line.start < prev_end || line.start >= line.end || line.end > n {
                return Err(at("R2 range"));
            }
            if para.space[prev_end..line.start].iter().any(|&s| !s) {
                return Err(at("R2 dropped a non-space before"));
            }
            // Spaces may give way inside a line (elided), nothing else.
            if line
                .elided
                .iter()
                .any(|&e| e < line.start || e >= line.end || !para.space[e])
            {
                return Err(at("R2 elided a non-space"));
            }
            let want: String = (line.start..line.end)
                .filter(|i| !line.elided.contains(i))
                .map(|i| shown(cs[i]))
                .collect();
            if line.text != want {
                return Err(at("R2 text is not its range"));
            }
            prev_end = line.end;
            // R11
            let last = cs[line.end - 1];
            if para.space[line.start] || para.space[line.end - 1] {
                return Err(at("R11 space at an edge"));
            }
            // R13: only the first line is indented, by 4.
            if line.indent != 0 && (k > 0 || line.indent != 4 || !asked.indent) {
                return Err(at("R13 indent"));
            }
            let lw = line.indent + cells(&line.text, ambi);
            if lw != line.width {
                return Err(at("width field"));
            }
            // R1, but for R17 and one grapheme wider than the line (R12).
            let hang_ok = asked.hanging && line.hang && HANGABLE.contains(last) && lw <= width + 2;
            let lone = line.text.graphemes(true).count() == 1;
            if lw > width && !hang_ok && !lone {
                return Err(at(&format!("R1 width {lw} > {width}")));
            }
            if line.hang && !hang_ok {
                return Err(at("hang without need"));
            }
        }
        if para.space[prev_end..].iter().any(|&s| !s) {
            return Err("R2 dropped a non-space at the end".into());
        }

        // R13: indent unless too narrow or the first unit only fits without.
        let (first_w, _) = para.unit(lines[0].start, ambi);
        let want_indent = asked.indent && width >= 6 && (first_w <= width - 4 || first_w > width);
        if (lines[0].indent == 4) != want_indent {
            return Err(format!(
                "R13 indent {} (first unit {first_w})",
                lines[0].indent
            ));
        }

        for k in 0..lines.len() - 1 {
            let (this, next) = (&lines[k], &lines[k + 1]);
            let i = next.start;
            let at =
                |rule: &str| format!("{rule} after line {k} {:?} / {:?}", this.text, next.text);
            let gap = &cs[this.end..i];
            if gap.iter().any(|&c| is_newline(c)) {
                continue; // a forced break
            }
            if !para.legal(i) {
                // R12: only inside a unit wider than its line, and that
                // unit starts a line.
                let u = (0..i)
                    .rev()
                    .find(|&j| para.legal(j) && !para.space[j])
                    .unwrap_or(0);
                let u = u.max(lines[0].start);
                let (uw, _) = para.unit(u, ambi);
                let Some(m) = lines.iter().position(|l| l.start == u) else {
                    return Err(at(&format!(
                        "{}: split unit does not start a line",
                        para.why[i]
                    )));
                };
                if uw <= width - lines[m].indent {
                    return Err(at(&format!("{}(unit of width {uw} fits)", para.why[i])));
                }
                continue;
            }
            if this.hang {
                continue;
            }
            // R9: the next line's first unit would not have fitted here,
            // even with the spaces before it given way (they may, but for
            // spaces between two Latin words or numbers).
            let (uw, ue) = para.unit(i, ambi);
            let gap = para.w(this.end, i, ambi);
            // The char before the gap, past any combining marks on it.
            let mut b = this.end - 1;
            while b > this.start && cell(cs[b], ambi) == 0 {
                b -= 1;
            }
            let latin_pair = is_word(cs[b]) && is_word(cs[i]);
            if gap > 0 && !latin_pair && this.width + uw <= width {
                return Err(at(&format!(
                    "R9 next unit fits without the space ({} <= {width})",
                    this.width + uw
                )));
            }
            let mut need = this.width + gap + uw;
            if asked.hanging && ue - i >= 2 && HANGABLE.contains(cs[ue - 1]) {
                need -= cell(cs[ue - 1], ambi);
            }
            if need <= width {
                return Err(at(&format!("R9 next unit fits ({need} <= {width})")));
            }
        }
        Ok(())
    }
}

use std::path::PathBuf;
use tifa::text::layout::{layout, LayoutOptions, Level};
use tifa::text::punct;
use tifa::text::width::AmbiWidth;

/// Each corpus file as the reader shows it: non-empty lines as paragraphs,
/// punctuation restored as auto mode decides.
fn corpus() -> Vec<(PathBuf, Vec<String>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus/*.txt");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
            let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let full = punct::document_wants_full(&paras);
            let shown = paras.iter().map(|p| punct::restore(p, full)).collect();
            (path, shown)
        })
        .collect()
}

#[test]
fn corpus_passes_checker_at_every_width() {
    let mut checked = 0;
    for (path, paras) in corpus() {
        let analysed: Vec<_> = paras.iter().map(|p| check::Para::new(p, false)).collect();
        for ambi in [AmbiWidth::One, AmbiWidth::Two] {
            for width in 8..=120 {
                let opts = LayoutOptions {
                    width,
                    ambi,
                    level: Level::Basic,
                    indent: true,
                    hanging: false,
                };
                let asked = check::Asked {
                    width,
                    ambi: ambi.cells(),
                    indent: true,
                    hanging: false,
                };
                for (p, a) in paras.iter().zip(&analysed) {
                    let lines = layout(p, &opts);
                    if let Err(e) = check::check(a, &lines, asked) {
                        panic!(
                            "{} at width {width} A={}: {e}",
                            path.display(),
                            ambi.cells()
                        );
                    }
                    checked += lines.len();
                }
            }
        }
    }
    assert!(checked > 100_000, "only {checked} lines checked");
}

#[test]
fn every_seed_wants_full_punctuation() {
    // The built-in seeds all type ASCII , : ; ( ) between Han characters.
    for file in std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .expect("corpus/")
    {
        let path = file.expect("dir entry").path();
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        let paras: Vec<&str> = text.lines().collect();
        assert!(punct::document_wants_full(&paras), "{}", path.display());
        let shown = punct::restore(&text, true);
        assert_eq!(shown.chars().count(), text.chars().count());
        assert!(
            shown.contains('，') && !shown.contains("中,"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn corpus_passes_checker_strict_and_hanging() {
    for (path, paras) in corpus() {
        let analysed: Vec<_> = paras.iter().map(|p| check::Para::new(p, true)).collect();
        for (ambi, width) in [
            (AmbiWidth::One, 9),
            (AmbiWidth::Two, 17),
            (AmbiWidth::One, 40),
            (AmbiWidth::Two, 81),
        ] {
            for hanging in [false, true] {
                let opts = LayoutOptions {
                    width,
                    ambi,
                    level: Level::Strict,
                    indent: true,
                    hanging,
                };
                let asked = check::Asked {
                    width,
                    ambi: ambi.cells(),
                    indent: true,
                    hanging,
                };
                for (p, a) in paras.iter().zip(&analysed) {
                    if let Err(e) = check::check(a, &layout(p, &opts), asked) {
                        panic!("{} at width {width} hanging {hanging}: {e}", path.display());
                    }
                }
            }
        }
    }
}

/// With `TIFA_LAYOUT_DUMP=<dir>`: write `<file>.w<W>.a<A>.txt` and
/// `<file>.ref.txt` as `tifa show` prints them (4-space indent, paragraphs
/// separated by blank lines) for an external checker. Does nothing otherwise.
#[test]
fn dump_for_external_checker() {
    let Some(dir) = std::env::var_os("TIFA_LAYOUT_DUMP") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("dump dir");
    let render = |paras: &[String], width: usize, ambi: AmbiWidth| {
        let opts = LayoutOptions {
            width,
            ambi,
            ..LayoutOptions::default()
        };
        let mut out = String::new();
        for p in paras {
            for l in layout(p, &opts) {
                out.push_str(&" ".repeat(l.indent));
                out.push_str(&l.text);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    };
    for (path, paras) in corpus() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name")
            .to_string();
        std::fs::write(
            dir.join(format!("{stem}.ref.txt")),
            render(&paras, 1_000_000, AmbiWidth::One),
        )
        .expect("write");
        for ambi in [AmbiWidth::One, AmbiWidth::Two] {
            for width in 8..=120 {
                let name = format!("{stem}.w{width}.a{}.txt", ambi.cells());
                std::fs::write(dir.join(name), render(&paras, width, ambi)).expect("write");
            }
        }
    }
}
