//! The bytes of terminal commands: cursor moves, SGR attributes, and which
//! characters every terminal advances over by the same width. Pure
//! functions, so the shortest encodings can be tested on their own.

use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use std::io::Write;
use unicode_width::UnicodeWidthChar;

/// The attributes a cell is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub fn of(cell: &Cell, no_color: bool) -> Pen {
        if no_color {
            return Pen {
                modifier: cell.modifier,
                ..Pen::DEFAULT
            };
        }
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Does every terminal move the cursor by exactly the cell's width after
/// drawing it? Only for characters whose width no terminal, font or
/// Unicode version disagrees on.
pub fn sure_width(cell: &Cell) -> bool {
    if matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) {
        return false;
    }
    let mut chars = cell.symbol().chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let (w, wc) = (c.width(), c.width_cjk());
    match c as u32 {
        0x20..=0x7e => true,
        // Latin-1 and Latin Extended, minus the soft hyphen (drawn or not).
        0xa0..=0x24f => c != '\u{ad}' && w == Some(1) && wc == Some(1),
        _ => w == Some(2) && wc == Some(2) && long_assigned_wide(c),
    }
}

/// Wide characters assigned by Unicode 6.1 (2012) or earlier in the CJK
/// blocks, which every terminal's width table has; not the two emoji there.
fn long_assigned_wide(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303e // CJK symbols and punctuation: 、。「」《》〔〕
        | 0x3041..=0x3096 | 0x30a1..=0x30fa // kana
        | 0x3105..=0x312d // bopomofo
        | 0x3400..=0x4db5 // Han, extension A
        | 0x4e00..=0x9fcc // Han
        | 0xac00..=0xd7a3 // Hangul syllables
        | 0xf900..=0xfa2d // compatibility ideographs
        | 0xff01..=0xff60 | 0xffe0..=0xffe6 // full-width forms: ，：；（）
        | 0x20000..=0x2a6d6 | 0x2a700..=0x2b81d // Han, extensions B–D
    ) && !matches!(c, '\u{3030}' | '\u{303d}')
}

fn push_num(out: &mut Vec<u8>, n: u32) {
    let _ = write!(out, "{n}");
}

/// `ESC [ n <f>`, with n left out when it is 1.
fn csi_n(out: &mut Vec<u8>, n: u16, f: u8) {
    out.extend_from_slice(b"\x1b[");
    if n != 1 {
        push_num(out, n as u32);
    }
    out.push(f);
}

/// The shortest bytes that take the cursor from `from` (unknown: `None`)
/// to `to`, for a terminal `cols` wide. A cursor at `x == cols` is in the
/// pending-wrap state: only moves that set the column outright are safe.
pub(super) fn cursor_move(from: Option<(u16, u16)>, to: (u16, u16), cols: u16, out: &mut Vec<u8>) {
    let (x, y) = to;
    let mut best = Vec::with_capacity(12);
    // Absolute: ESC[y;xH, shortened at the left edge.
    best.extend_from_slice(b"\x1b[");
    if (x, y) != (0, 0) {
        push_num(&mut best, y as u32 + 1);
    }
    if x != 0 {
        best.push(b';');
        push_num(&mut best, x as u32 + 1);
    }
    best.push(b'H');
    let Some((fx, fy)) = from else {
        out.extend_from_slice(&best);
        return;
    };
    let pending = fx >= cols;
    let mut cand = Vec::with_capacity(16);
    // Vertical first (the column after it, if known), then horizontal.
    let mut verticals: Vec<(Vec<u8>, Option<u16>)> = Vec::new();
    if fy == y {
        verticals.push((Vec::new(), (!pending).then_some(fx)));
    } else if y > fy {
        let n = y - fy;
        let mut v = Vec::new();
        csi_n(&mut v, n, b'B');
        verticals.push((v, (!pending).then_some(fx)));
        if n <= 4 {
            let mut v = vec![b'\r'];
            v.extend(std::iter::repeat_n(b'\n', n as usize));
            verticals.push((v, Some(0)));
        }
    } else {
        let mut v = Vec::new();
        csi_n(&mut v, fy - y, b'A');
        verticals.push((v, (!pending).then_some(fx)));
    }
    for (v, col) in verticals {
        let mut horizontals: Vec<Vec<u8>> = Vec::new();
        if col == Some(x) {
            horizontals.push(Vec::new());
        }
        if x == 0 {
            horizontals.push(b"\r".to_vec());
        }
        let mut cha = Vec::new();
        csi_n(&mut cha, x + 1, b'G');
        horizontals.push(cha);
        if let Some(c) = col {
            let mut h = Vec::new();
            if x > c {
                csi_n(&mut h, x - c, b'C');
            } else if x < c {
                if c - x <= 3 {
                    h.extend(std::iter::repeat_n(b'\x08', (c - x) as usize));
                } else {
                    csi_n(&mut h, c - x, b'D');
                }
            }
            horizontals.push(h);
        }
        for h in horizontals {
            if v.len() + h.len() < best.len() {
                cand.clear();
                cand.extend_from_slice(&v);
                cand.extend_from_slice(&h);
                std::mem::swap(&mut best, &mut cand);
            }
        }
    }
    out.extend_from_slice(&best);
}

/// A colour as SGR parameters after the 38/48/58 introducer, as crossterm
/// writes it (named colours as 256-colour indexes).
pub(super) fn color_params(base: u32, c: Color, out: &mut Vec<u8>) {
    let idx = match c {
        Color::Reset => {
            push_num(out, base + 1);
            return;
        }
        Color::Rgb(r, g, b) => {
            let _ = write!(out, "{base};2;{r};{g};{b}");
            return;
        }
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    let _ = write!(out, "{base};5;{idx}");
}

const SGR_ON: [(Modifier, u32); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// Parameters that take the attributes from `from` to `to`, one by one.
fn sgr_params(from: Pen, to: Pen, reset: bool, p: &mut Vec<Vec<u8>>) {
    let num = |n: u32| n.to_string().into_bytes();
    let removed = from.modifier - to.modifier;
    let mut add = to.modifier - from.modifier;
    // One code turns off two attributes each: 22 bold and dim, 25 both
    // blinks; put back whichever of the pair stays.
    for (pair, off) in [
        (Modifier::BOLD | Modifier::DIM, 22),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, 25),
    ] {
        if removed.intersects(pair) {
            p.push(num(off));
            add |= to.modifier & pair;
        }
    }
    for (m, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::REVERSED, 27),
        (Modifier::HIDDEN, 28),
        (Modifier::CROSSED_OUT, 29),
    ] {
        if removed.contains(m) {
            p.push(num(off));
        }
    }
    for (m, on) in SGR_ON {
        if add.contains(m) {
            p.push(num(on));
        }
    }
    for (base, f, t) in [
        (38, from.fg, to.fg),
        (48, from.bg, to.bg),
        (58, from.underline, to.underline),
    ] {
        if f != t && !(reset && t == Color::Reset) {
            let mut c = Vec::new();
            color_params(base, t, &mut c);
            p.push(c);
        }
    }
}

/// One SGR sequence from `from` (unknown: `None`) to `to`: the changes
/// alone, or a reset and then everything `to` has, whichever is shorter.
pub(super) fn sgr(from: Option<Pen>, to: Pen, out: &mut Vec<u8>) {
    let encode = |params: &[Vec<u8>]| {
        let mut s = b"\x1b[".to_vec();
        s.extend_from_slice(&params.join(&b';'));
        s.push(b'm');
        s
    };
    let mut reset = vec![b"0".to_vec()];
    sgr_params(Pen::DEFAULT, to, true, &mut reset);
    let mut best = if reset.len() == 1 {
        b"\x1b[m".to_vec()
    } else {
        encode(&reset)
    };
    if let Some(from) = from {
        let mut changes = Vec::new();
        sgr_params(from, to, false, &mut changes);
        let inc = encode(&changes);
        if inc.len() < best.len() {
            best = inc;
        }
    }
    out.extend_from_slice(&best);
}
