//! Text to paragraphs: line breaks, blank lines, inner indents, and the
//! control characters that must never reach a terminal.
//!
//! What always holds: paragraph text holds no control character but `\t`
//! (C0/C1 controls, ESC included, and bidi overrides become visible
//! stand-ins one char for one char), and no paragraph is blank.

/// Replace a control character by a visible one-char stand-in; `None` when
/// the char is safe to show.
pub fn visible_control(c: char) -> Option<char> {
    match c {
        '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{FFFD}'),
        // Bidi overrides and isolates can reorder what the terminal shows.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Sanitise one line for the terminal, char for char.
pub fn sanitize(line: &str) -> String {
    line.chars()
        .map(|c| visible_control(c).unwrap_or(c))
        .collect()
}

fn is_blankish(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// Text to paragraphs: a source line break (LF, CRLF or lone CR) ends a
/// paragraph; blank lines are dropped; trailing blanks trimmed. A very long
/// line (scraped pages that lost their newlines) is also cut where a run of
/// two ideographic spaces, the paragraph indent of Chinese web text, stands
/// inside it.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split(['\n', '\r']) {
        for piece in split_on_indent(line) {
            let t = piece.trim_end_matches(is_blankish);
            if t.chars().all(is_blankish) {
                continue;
            }
            out.push(sanitize(t));
        }
    }
    out
}

fn split_on_indent(line: &str) -> Vec<&str> {
    const INDENT: &str = "\u{3000}\u{3000}";
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(rel) = line[search..].find(INDENT) {
        let at = search + rel;
        // Only an indent inside the line cuts it, not the leading one.
        if line[start..at].trim_matches(is_blankish).is_empty() {
            search = at + INDENT.len();
            continue;
        }
        pieces.push(&line[start..at]);
        start = at;
        search = at + INDENT.len();
    }
    pieces.push(&line[start..]);
    pieces
}
